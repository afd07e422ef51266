// StepHistory: each step of the self-check is an entry in the browser's history, so Back and Forward
// move between steps. An entry holds only a number and this page's own token, never an answer or a
// question id (the browser keeps its history entries after the page is gone): the steps are kept in
// this page's memory, so an entry from before a reload is known to be stale and the check starts afresh.

export class StepHistory {
  #token = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  #steps = [];

  // onPop(step): the person went Back or Forward to an entry of the self-check: `step` is the step it
  // recorded, or null for an entry from an earlier page (before a reload).
  constructor(onPop) {
    addEventListener("popstate", (event) => {
      const entry = event.state && event.state.selfCheck;
      if (!entry) return; // not a step: a link to a part of the page
      onPop(entry.page === this.#token ? this.#steps[entry.step] : null);
    });
  }

  // "push" a new entry for the step, or "replace" the entry on screen with it.
  record(step, how) {
    this.#steps.push(step);
    const state = { selfCheck: { page: this.#token, step: this.#steps.length - 1 } };
    if (how === "replace") history.replaceState(state, "");
    else history.pushState(state, "");
  }
}
