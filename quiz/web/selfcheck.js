// The self-check page script (main thread; small; no framework): the entry of the modules beside it.
//
// It turns the static checklist into one question at a time, shows crisis help the moment a
// red-flag answer is chosen, and asks the engine (Python, in a Web Worker) for the result. Answers
// live only in the page's form controls: nothing is sent anywhere, stored, or put in the URL, and a
// reload clears them. ARCHITECTURE.md describes the parts and why each step runs when it does.

import { EngineClient } from "./engine.mjs";
import { SelfCheckPage } from "./page.mjs";
import { StatusLine } from "./status.mjs";
import { Strings } from "./strings.mjs";

const root = document.querySelector("[data-sc-root]");

// Should the set-up fail, the page goes back to the full checklist with crisis help, which works
// without any script.
const orChecklist = (work) => () => {
  try {
    work();
  } catch (error) {
    root.classList.remove("sc--starting");
    throw error;
  }
};

// This module is async: it runs as soon as it has arrived, outside the task that ends the parse and
// runs the theme's start-up handlers. It only queues its work, after that task if the page is still
// being read: first the engine starts, in a task of its own (sent the bank's JSON text as it is);
// then the page's own set-up, which parses it, in another. None of them grows long. Until then the
// page shows the first question alone (the form's inline script set that up before the first paint,
// and takes it back if this script has not run by the load event).
const start = () => setTimeout(orChecklist(() => {
  const bankText = document.getElementById("sc-bank").textContent;
  const siteRoot = new URL("../../", import.meta.url);
  const strings = Strings.fromPage(root);
  const status = new StatusLine(root, strings);
  const engine = new EngineClient({ ...EngineClient.optionsFrom(root.dataset, bankText, siteRoot), onChange: status.update });
  engine.start();
  setTimeout(orChecklist(() => {
    new SelfCheckPage(root, { bank: JSON.parse(bankText), strings, engine, status, siteRoot }).start();
  }), 0);
}), 0);

if (root) {
  root.setAttribute("data-sc-script", "");
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
