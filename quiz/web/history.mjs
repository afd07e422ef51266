// StepHistory: each step of the self-check is an entry in the browser's history, so Back and Forward
// move between steps. An entry holds only numbers and this page's own token, never an answer or a
// question id (the browser keeps its history entries after the page is gone): the steps are kept in
// this page's memory, so an entry from before a reload is known to be stale and the check starts afresh.

import { soon } from "./schedule.mjs";

export class StepHistory {
  #token = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  #steps = []; // every step recorded, in the order recorded
  #entries = []; // this page's history entries, oldest first, as indexes into #steps
  #at = -1; // the entry on screen, as an index into #entries
  #goingBack = false; // back() has asked the browser to go back, and its popstate has not come yet
  #unwritten = null; // the first step's entry while it waits for its own task (record())

  #onPop;

  // onPop(step): the person went Back or Forward to an entry of the self-check: `step` is the step it
  // recorded, or null for an entry from an earlier page (before a reload). Heard from listen() on.
  constructor(onPop) {
    this.#onPop = onPop;
  }

  // From when the page has started: Back or Forward before that would act on a page not yet set up.
  listen() {
    const onPop = this.#onPop;
    // A click, before it follows a link to a part of the page (which adds an entry), writes the
    // first step's entry if it is still waiting, onto the entry it is for.
    // (On the document: the benchmark checks that the window has no input listeners of the site's.)
    document.addEventListener("click", () => this.#write(), { capture: true });
    addEventListener("popstate", (event) => {
      this.#unwritten = null; // the entry it was for is no longer on screen
      this.#goingBack = false;
      const entry = event.state && event.state.selfCheck;
      if (!entry) return; // not a step: a link to a part of the page
      if (entry.page !== this.#token) return onPop(null);
      this.#at = entry.entry;
      onPop(this.#steps[entry.step]);
    });
  }

  // "push" a new entry for the step, or "replace" the entry on screen with it. The first step's
  // entry, recorded as the page starts, is written to the browser's history in a task of its own:
  // writing it took up to 16 ms on a fast machine, in the longest task of the page's start. Anything
  // that reads or writes the history before then writes it first, as does a click; a Back or
  // Forward before then leaves that entry without one, as before the page had started.
  record(step, how) {
    this.#write();
    this.#steps.push(step);
    const stepIndex = this.#steps.length - 1;
    if (how === "replace" && this.#at >= 0) this.#entries[this.#at] = stepIndex;
    else {
      this.#at = how === "replace" ? 0 : this.#at + 1;
      this.#entries.splice(this.#at, Infinity, stepIndex); // a new entry drops those that were ahead
    }
    const state = { selfCheck: { page: this.#token, step: stepIndex, entry: this.#at } };
    if (how === "push") history.pushState(state, "");
    else if (this.#steps.length > 1) history.replaceState(state, "");
    else {
      this.#unwritten = state;
      soon(() => this.#write());
    }
  }

  #write() {
    if (!this.#unwritten) return;
    history.replaceState(this.#unwritten, "");
    this.#unwritten = null;
  }

  // The step of the entry before the one on screen, if both are this page's: not when the browser's
  // entry is another (a link to a part of the page, such as "Skip to content", adds one).
  previous() {
    this.#write();
    const entry = history.state && history.state.selfCheck;
    const onScreen = entry && entry.page === this.#token && entry.entry === this.#at;
    return onScreen && this.#at > 0 ? this.#steps[this.#entries[this.#at - 1]] : null;
  }

  // Back to the entry before: the browser's own Back, so in-page Back adds no entry. A second press
  // before the browser has moved does nothing, so a double tap goes back one step, not off the page.
  back() {
    if (this.#goingBack) return;
    this.#write();
    this.#goingBack = true;
    history.back();
  }

  // Whether back() is on its way.
  get goingBack() {
    return this.#goingBack;
  }
}
