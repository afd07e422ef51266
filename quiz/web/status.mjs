// StatusLine: the self-check's status line (a polite live region) and the root's data-engine
// attribute, kept up to date from the EngineClient's reports. `loadingStatus` is pure and tested
// under Node; the class writes to the DOM.

// While loading, the text changes at most this often, in steps of 10%: no announcement per percent.
const STATUS_EVERY_MS = 4000;

// What the line says while the engine's files arrive, as { key, percent, quiet }, or null to keep
// what it says. quiet: for the eyes only, before the result is asked for (see StatusLine.#say).
export function loadingStatus({ received, open, stage }, wanted, expectedBytes) {
  const share = expectedBytes ? Math.min(1, received / expectedBytes) : 0;
  const percent = Math.floor(share * 10) * 10;
  // Every file of the runtime is in (the engine's own small package may still be on its way).
  const allIn = stage === "engine" || (stage === "download" && open === 0);
  if (wanted) {
    if (allIn) return { key: "wanted_almost" };
    return percent ? { key: "wanted_percent", percent } : { key: "wanted_loading" };
  }
  if (allIn) return { key: "starting_up", quiet: true };
  if (percent) return { key: "loading", percent, quiet: true };
  return null;
}

// The line speaks up only when the person would wait: on "Check your answers" before the engine is
// ready (their result is next), once they have asked for the result, or when the engine could not
// start or is trying again. While they answer questions it says nothing: answering never waits.
export class StatusLine {
  #root;
  #line;
  #strings;
  #expectedBytes;
  #shown = { text: "", at: -Infinity };
  #later = null;
  #engine = null; // the EngineClient, from its first report
  #reviewing = false; // "Check your answers" is on screen

  constructor(root, strings) {
    this.#root = root;
    this.#line = root.querySelector("[data-sc-status]");
    this.#strings = strings;
    this.#expectedBytes = Number(root.dataset.scBytes) || 0;
  }

  // EngineClient's onChange.
  update = (engine, event) => {
    this.#engine = engine;
    if (event === "failed") return this.#failed(engine);
    if (event === "starting") {
      this.#root.dataset.engine = "starting";
      if (this.#waiting()) this.#say(this.#loading(engine), true);
    } else if (event === "retrying") {
      this.#say({ text: this.#strings.text("retrying") }, true);
    } else if (event === "ready") {
      clearTimeout(this.#later);
      if (engine.memoryBytes) this.#root.dataset.engineMemory = String(engine.memoryBytes);
      this.#root.dataset.engine = "ready";
      // Said only to someone the line had told to wait; otherwise there is nothing to say.
      if (this.#shown.text) this.#say({ text: this.#strings.text("ready") }, true);
    } else if (this.#waiting()) {
      this.#say(this.#loading(engine), event === "wanted");
    }
  };

  // The step on screen is "Check your answers" (true) or not: there, the line says how far the
  // engine has got, as the result comes next.
  reviewing(on) {
    this.#reviewing = on;
    const engine = this.#engine;
    if (!engine || engine.state === "failed") return; // the failure and its Try again stay
    if (engine.state === "ready") {
      if (!on) this.clear(); // "ready" was said for "Check your answers"
    } else if (this.#waiting()) this.#say(this.#loading(engine), true);
    else this.clear();
  }

  // Says `text` at once, outside the loading steps (an answer the engine could not check).
  show(text) {
    this.#line.replaceChildren(text);
  }

  clear() {
    clearTimeout(this.#later);
    this.#later = null;
    this.#shown = { text: "", at: -Infinity };
    this.#line.replaceChildren();
  }

  #waiting() {
    return this.#reviewing || Boolean(this.#engine && this.#engine.wanted);
  }

  #loading(engine) {
    const status = loadingStatus(engine.progress, engine.wanted, this.#expectedBytes);
    if (!status) return { text: this.#shown.text || this.#strings.text("getting_ready") };
    return { text: this.#strings.text(status.key, status), quiet: status.quiet };
  }

  #say(status, now = false) {
    clearTimeout(this.#later);
    this.#later = null;
    if (status.text === this.#shown.text) return;
    const wait = this.#shown.at + STATUS_EVERY_MS - performance.now();
    if (!now && wait > 0) {
      this.#later = setTimeout(() => this.#say(status), wait);
      return;
    }
    this.#shown = { text: status.text, at: performance.now() };
    // Progress is for the eyes on "Check your answers"; once they wait for the result it is spoken.
    if (status.quiet) {
      const seen = document.createElement("span");
      seen.setAttribute("aria-hidden", "true");
      seen.textContent = status.text;
      const heard = document.createElement("span");
      heard.className = "sc-visually-hidden";
      heard.textContent = this.#strings.text("loading_heard");
      this.#line.replaceChildren(seen, heard);
    } else {
      this.#line.replaceChildren(status.text);
    }
  }

  #failed(engine) {
    clearTimeout(this.#later);
    this.#root.dataset.engine = "failed";
    const why = this.#strings.text(`why_${engine.failure.why}`);
    const text = this.#strings.text("failed", { why });
    this.#shown = { text, at: performance.now() };
    this.#line.replaceChildren(text);
    if (!engine.failure.canRetry) return;
    const again = document.createElement("button");
    again.type = "button";
    again.className = "sc-link";
    again.dataset.scRetry = "";
    again.textContent = this.#strings.text("try_again");
    again.addEventListener("click", () => {
      // The button goes with the message; the line keeps the focus, so a keyboard user stays here.
      this.#line.tabIndex = -1;
      this.#line.focus({ preventScroll: true });
      engine.retry();
    });
    this.#line.append(" ", again);
  }
}
