// The self-check page script's entry (no framework). Answers live only in the form controls:
// nothing is sent, stored or put in the URL. ARCHITECTURE.md describes the parts and their timing.

import { EngineClient } from "./engine.mjs";
import { SelfCheckPage } from "./page.mjs";
import { StatusLine } from "./status.mjs";
import { Strings } from "./strings.mjs";

const root = document.querySelector("[data-sc-root]");

// If the set-up fails, the full checklist with crisis help comes back: it needs no script.
const orChecklist = (work) => () => {
  try {
    work();
  } catch (error) {
    root.classList.remove("sc--starting");
    throw error;
  }
};

// The engine starts in a task of its own; the page is put together in the next, and starts in the
// one after (ARCHITECTURE.md, "Loading the page script").
const start = () => setTimeout(orChecklist(() => {
  const bankText = document.getElementById("sc-bank").textContent;
  const siteRoot = new URL("../../", import.meta.url);
  const strings = Strings.fromPage(root);
  const status = new StatusLine(root, strings);
  const engine = new EngineClient({ ...EngineClient.optionsFrom(root.dataset, bankText, siteRoot), onChange: status.update });
  engine.start();
  setTimeout(orChecklist(() => {
    const page = new SelfCheckPage(root, { bank: JSON.parse(bankText), strings, engine, status, siteRoot });
    setTimeout(orChecklist(() => page.start()), 0);
  }), 0);
}), 0);

if (root) {
  root.setAttribute("data-sc-script", "");
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
