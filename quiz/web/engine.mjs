// EngineClient: starts the self-check's engine (Python, in the Web Worker of worker.mjs), asks it for
// results, and reports how far its start has got to whoever shows it (status.mjs). No DOM: it is
// tested under Node against a fake Worker (tests/js/engine.test.mjs).
//
// The engine may take a long time to arrive: on a slow phone connection (1.6 Mbit/s) the runtime's
// 3.5 MB take about 20 s, and far longer on a worse one. So it never gives up on a clock: it gives up
// when nothing has arrived for a while (the worker reports every file's bytes as they arrive), when
// the worker reports an error, or at once when the browser cannot run WebAssembly. The person can then
// try again; their answers stay on the page whatever happens.

// Nothing at all from the worker for this long, while it waits for a file, means the download has
// stopped. Even on a slow connection bytes keep arriving (at 1.6 Mbit/s, measured in Chromium, never
// more than about 0.1 s apart); 30 s also covers a phone that loses its signal for a moment, or a
// server that answers late, while someone who has finished answering still waits less than a
// minute to be told and offered to try again.
export const STALL_MS = 30000;
// Once every file has arrived the worker starts Python, one long computation that cannot report
// progress: about 2 s on this project's 2-core test machine, so 20 s on a phone ten times slower.
// Two minutes leaves room for slower ones still, and still ends a start that hangs (such as a
// runtime that fails to instantiate, which Pyodide never reports).
export const WORK_MS = 120000;

const browserWorker = () => new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
const browserCanRun = () => typeof WebAssembly === "object" && typeof Worker === "function";

export class EngineClient {
  state = "starting"; // then "ready" or "failed"; "starting" again when the person tries again
  progress = { received: 0, open: 0, stage: "runtime" }; // as the worker last reported it
  failure = null; // { why, canRetry }: why is a key of the page strings' "why_" texts
  wanted = false; // the person has asked for their result and waits for it
  memoryBytes = null; // the size of Python's memory once ready, for the benchmark
  onRetry = null; // called after a new start that the person asked for

  #start;
  #stallMs;
  #createWorker;
  #canRun;
  #onChange;
  #worker = null;
  #watchdog = null;
  #pending = null; // { id, answers, resolve, reject }: the one request for a result
  #next = 1;

  // start: what the worker's start message carries (runtimeURL, stdlibURL, lockURL, packageName,
  // bank); onChange(client, event) hears of each change, with event one of "starting", "progress",
  // "wanted", "ready", "failed", "retrying".
  constructor({ start, stallMs = STALL_MS, onChange = () => {}, createWorker = browserWorker, canRun = browserCanRun }) {
    this.#start = start;
    this.#stallMs = stallMs;
    this.#onChange = onChange;
    this.#createWorker = createWorker;
    this.#canRun = canRun;
  }

  // The start message from the self-check's root element: the build writes the files' addresses
  // into its data attributes. The test of a stalled download shortens the stall period with
  // data-sc-stall-ms on the root; the built pages never carry it.
  static optionsFrom(dataset, bankText, siteRoot) {
    return {
      start: {
        type: "start",
        runtimeURL: new URL(dataset.runtime, siteRoot).href,
        stdlibURL: new URL(dataset.stdlib, siteRoot).href,
        lockURL: new URL(dataset.engineLock, siteRoot).href,
        packageName: dataset.enginePackage,
        bank: bankText,
      },
      stallMs: Number(dataset.scStallMs) > 0 ? Number(dataset.scStallMs) : STALL_MS,
    };
  }

  start() {
    this.state = "starting";
    this.failure = null;
    this.progress = { received: 0, open: 0, stage: "runtime" };
    this.#onChange(this, "starting");
    if (!this.#canRun()) return this.#fail("no_webassembly", false);
    let mine;
    try {
      mine = this.#worker = this.#createWorker();
    } catch {
      return this.#fail("blocked", false);
    }
    this.#watch();
    mine.addEventListener("error", () => { if (this.#worker === mine) this.#fail("crashed", true); });
    mine.addEventListener("message", (event) => { if (this.#worker === mine) this.#heard(event.data); });
    mine.postMessage(this.#start);
  }

  // The result for these answers, from the engine once it is ready. Rejects with the engine's
  // reason (or none) if it cannot give one. A new request replaces one still waiting.
  evaluate(answers) {
    return new Promise((resolve, reject) => {
      if (this.state === "failed") return reject();
      this.#pending = { id: this.#next++, answers, resolve, reject };
      if (this.state === "ready") this.#send();
    });
  }

  // The person asked for their result before the engine was ready: the status says it is on its way.
  resultWanted() {
    if (this.state !== "starting") return;
    this.wanted = true;
    this.#onChange(this, "wanted");
  }

  // Only after a failure that trying again could mend (not when WebAssembly is unavailable).
  get canRetry() {
    return this.state === "failed" && this.failure.canRetry;
  }

  // A new worker starts from the beginning, with the files the browser already has in its cache.
  retry() {
    if (!this.canRetry) return;
    this.#onChange(this, "retrying");
    this.start();
    if (this.onRetry) this.onRetry();
  }

  #heard(message) {
    // Once the engine is ready, only results count: a late word about its start changes nothing.
    if (this.state !== "starting" && message.type !== "result") return;
    if (message.type === "progress") {
      this.progress = { ...this.progress, ...message };
      this.#watch();
      this.#onChange(this, "progress");
    } else if (message.type === "ready") {
      clearTimeout(this.#watchdog);
      this.state = "ready";
      this.memoryBytes = message.memoryBytes || null;
      this.#onChange(this, "ready");
      if (this.#pending) this.#send();
    } else if (message.type === "failed") {
      const blocked = message.reason === "no-webassembly";
      this.#fail(blocked ? "wasm_blocked" : "not_loaded", !blocked);
    } else if (message.type === "result" && this.#pending && message.id === this.#pending.id) {
      const { resolve, reject } = this.#pending;
      this.#pending = null;
      if (message.ok) resolve(message.result);
      else reject(message.error);
    }
  }

  // Waits for the worker's next word: the stall period while it waits for a file, longer while it
  // computes, with nothing to report until it is done.
  #watch() {
    clearTimeout(this.#watchdog);
    const working = this.progress.open === 0 && this.progress.stage !== "runtime";
    this.#watchdog = setTimeout(() => this.#fail(working ? "too_long" : "stalled", true),
      working ? WORK_MS : this.#stallMs);
  }

  #fail(why, canRetry) {
    if (this.state === "failed") return;
    this.state = "failed";
    this.failure = { why, canRetry };
    clearTimeout(this.#watchdog);
    if (this.#worker) this.#worker.terminate();
    this.#worker = null;
    this.#onChange(this, "failed");
    const pending = this.#pending;
    this.#pending = null;
    if (pending) pending.reject();
  }

  #send() {
    const { id, answers } = this.#pending;
    this.#worker.postMessage({ type: "evaluate", id, answers: JSON.stringify(answers) });
  }
}
