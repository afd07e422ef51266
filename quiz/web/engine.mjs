// EngineClient: starts the engine (Python, in the Web Worker of worker.mjs), asks it for results,
// and reports its state to whoever shows it (status.mjs). No DOM. It never gives up on a clock, as
// the runtime may take minutes on a slow line: only when nothing arrives for a while, on an error, or
// at once without WebAssembly.

// Nothing from the worker for this long while it waits for a file: the download has stopped (bytes
// arrive about 0.1 s apart even at 1.6 Mbit/s; 30 s covers a moment without signal).
export const STALL_MS = 30000;
// Starting Python cannot report progress: about 20 s on a slow phone; this still ends a start that hangs.
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

  // The start message from the root's data attributes (the files' addresses, from the build). The
  // stalled-download test shortens the stall period with data-sc-stall-ms; built pages never have it.
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

  // The person went back to the questions: they no longer wait for a result.
  resultNotWanted() {
    this.wanted = false;
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

  // The stall period while a file is awaited, longer while Python starts.
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
