// Starts the self-check's engine (Python, in the Web Worker of worker.mjs) and tells the person how
// far it has got, in the page's status line. Imported by selfcheck.js; the page preloads it with
// <link rel="modulepreload">, so it arrives with the page script instead of after it.
//
// The engine may take a long time to arrive: on a slow phone connection (1.6 Mbit/s) the runtime's
// 3.5 MB take about 20 s, and far longer on a worse one. So the page never gives up on a clock: it
// gives up when nothing has arrived for a while (the worker reports every file's bytes as they
// arrive), when the worker reports an error, or at once when the browser cannot run WebAssembly. The
// person can then try again; their answers stay on the page whatever happens.

// Nothing at all from the worker for this long, while it waits for a file, means the download has
// stopped. Even on a slow connection bytes keep arriving (at 1.6 Mbit/s, measured in Chromium, never
// more than about 0.1 s apart); 30 s also covers a phone that loses its signal for a moment, or a
// server that answers late, while someone who has finished answering still waits less than a
// minute to be told and offered to try again.
const STALL_MS = 30000;
// Once every file has arrived the worker starts Python, one long computation that cannot report
// progress: about 2 s on this project's 2-core test machine, so 20 s on a phone ten times slower.
// Two minutes leaves room for slower ones still, and still ends a start that hangs (such as a
// runtime that fails to instantiate, which Pyodide never reports).
const WORK_MS = 120000;
// The status line is a polite live region: its text changes at most this often while the files
// arrive, and only in steps of 10%, so a screen reader is not made to announce every percent.
const STATUS_EVERY_MS = 4000;

export function startEngine(root, bankText, siteRoot, status) {
  const engine = { state: "starting", pending: null, next: 1, onRetry: null };
  // The test of a stalled download shortens the stall period with data-sc-stall-ms on the root; the
  // built pages never carry it.
  const stallMs = Number(root.dataset.scStallMs) > 0 ? Number(root.dataset.scStallMs) : STALL_MS;
  const expectedBytes = Number(root.dataset.scBytes) || 0;
  let worker = null;
  let watchdog = null;
  let canRetry = false;
  let wanted = false; // the person has asked for their result and waits for it
  let progress = { received: 0, open: 0, stage: "runtime" };

  // ---- the status line: one short line, changed at most every STATUS_EVERY_MS while loading ----

  let shown = { text: "", at: -Infinity };
  let later = null;
  function say(text, { now = false } = {}) {
    clearTimeout(later);
    later = null;
    if (text === shown.text) return;
    const wait = shown.at + STATUS_EVERY_MS - performance.now();
    if (!now && wait > 0) {
      later = setTimeout(() => say(text), wait);
      return;
    }
    shown = { text, at: performance.now() };
    // While the person answers, the download's progress is for the eyes only: a screen reader hears
    // "Getting ready" once, not a new percentage every few seconds over the question being read.
    // Once they have asked for their result, every step is spoken, as they are waiting for it.
    if (!wanted && /% loaded|starting up/.test(text)) {
      const seen = document.createElement("span");
      seen.setAttribute("aria-hidden", "true");
      seen.textContent = text;
      const heard = document.createElement("span");
      heard.className = "sc-visually-hidden";
      heard.textContent = "Getting ready. You can answer now.";
      status.replaceChildren(seen, heard);
    } else {
      status.replaceChildren(text);
    }
  }

  function loadingText() {
    const share = expectedBytes ? Math.min(1, progress.received / expectedBytes) : 0;
    const tens = Math.floor(share * 10) * 10;
    // Every file of the runtime is in (the engine's own small package may still be on its way).
    const allIn = progress.stage === "engine" || (progress.stage === "download" && progress.open === 0);
    if (wanted) {
      if (allIn) return "Working out your result. Almost there.";
      return tens ? `Working out your result: ${tens}% loaded.` : "Working out your result. Loading.";
    }
    if (allIn) return "Getting ready: starting up. You can answer now.";
    if (tens) return `Getting ready: ${tens}% loaded. You can answer now.`;
    return shown.text || "Getting ready. You can start answering now.";
  }

  // Waits for the worker's next word: the stall period while it waits for a file, longer while it
  // computes, with nothing to report until it is done.
  function watch() {
    clearTimeout(watchdog);
    const working = progress.open === 0 && progress.stage !== "runtime";
    watchdog = setTimeout(() => fail(working ? "it took too long" : "its files stopped arriving", true),
      working ? WORK_MS : stallMs);
  }

  function fail(why, retry) {
    if (engine.state === "failed") return;
    engine.state = "failed";
    canRetry = retry;
    clearTimeout(watchdog);
    clearTimeout(later);
    if (worker) worker.terminate();
    worker = null;
    root.dataset.engine = "failed";
    const text = `The part of this page that works out your result could not start (${why}). ` +
      "You can still answer every question, see crisis help, and print your answers to take to an appointment.";
    shown = { text, at: performance.now() };
    status.replaceChildren(text);
    if (retry) {
      const again = document.createElement("button");
      again.type = "button";
      again.className = "sc-link";
      again.dataset.scRetry = "";
      again.textContent = "Try again";
      again.addEventListener("click", () => {
        // The button goes with the message: the status line keeps the focus, so a keyboard user
        // stays where they were and hears what happens next.
        status.tabIndex = -1;
        status.focus({ preventScroll: true });
        engine.retry();
      });
      status.append(" ", again);
    }
    const pending = engine.pending;
    engine.pending = null;
    if (pending) pending.onFail();
  }

  function ready(message) {
    clearTimeout(watchdog);
    clearTimeout(later);
    engine.state = "ready";
    if (message.memoryBytes) root.dataset.engineMemory = String(message.memoryBytes);
    root.dataset.engine = "ready";
    say("The self-check is ready.", { now: true });
    if (engine.pending) send();
  }

  engine.evaluate = (answers, onResult, onFail) => {
    if (engine.state === "failed") return onFail();
    engine.pending = { id: engine.next++, answers, onResult, onFail };
    if (engine.state === "ready") send();
  };

  // The person asked for their result before the engine was ready: say that it is on its way.
  engine.resultWanted = () => {
    if (engine.state !== "starting") return;
    wanted = true;
    say(loadingText(), { now: true });
  };

  // Only after a failure that trying again could mend (not when WebAssembly is unavailable): a new
  // worker starts from the beginning, with the files the browser already has from its cache.
  engine.canRetry = () => engine.state === "failed" && canRetry;
  engine.retry = () => {
    if (!engine.canRetry()) return;
    say("Trying again. You can keep answering.", { now: true });
    start();
    if (engine.onRetry) engine.onRetry();
  };

  function send() {
    const { id, answers } = engine.pending;
    worker.postMessage({ type: "evaluate", id, answers: JSON.stringify(answers) });
  }

  function start() {
    engine.state = "starting";
    root.dataset.engine = "starting";
    progress = { received: 0, open: 0, stage: "runtime" };
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      fail("this browser does not run WebAssembly", false);
      return;
    }
    let mine;
    try {
      mine = worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
    } catch (error) {
      fail("the browser blocked it", false);
      return;
    }
    watch();
    mine.addEventListener("error", () => { if (worker === mine) fail("it stopped with an error", true); });
    mine.addEventListener("message", (event) => {
      if (worker !== mine) return; // a worker given up on says nothing more
      const message = event.data;
      // Once the engine is ready, only results count: a late word about its start changes nothing.
      if (engine.state !== "starting" && message.type !== "result") return;
      if (message.type === "progress") {
        progress = { ...progress, ...message };
        watch();
        say(loadingText());
      } else if (message.type === "ready") {
        ready(message);
      } else if (message.type === "failed") {
        const blocked = message.reason === "no-webassembly";
        fail(blocked ? "this browser or its settings block WebAssembly" : "it could not load", !blocked);
      } else if (message.type === "result" && engine.pending && message.id === engine.pending.id) {
        const { onResult, onFail } = engine.pending;
        engine.pending = null;
        if (message.ok) onResult(message.result);
        else onFail(message.error);
      }
    });
    mine.postMessage({
      type: "start",
      runtimeURL: new URL(root.dataset.runtime, siteRoot).href,
      stdlibURL: new URL(root.dataset.stdlib, siteRoot).href,
      lockURL: new URL(root.dataset.engineLock, siteRoot).href,
      packageName: root.dataset.enginePackage,
      bank: bankText,
    });
  }

  say("Getting ready. You can start answering now.", { now: true });
  start();
  return engine;
}
