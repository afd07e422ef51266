// Stepper: one question at a time, then "Check your answers", then the result. It owns the step on
// screen, whether Continue leads back to the review, and where focus goes. A click's step is shown in
// a task of its own (ARCHITECTURE.md, "Each step in a task of its own"). Each step is an entry in the
// browser's history, so Back and Forward move between steps.

import { afterQuestion, firstUnanswered, possibleCount, unansweredHint } from "./answers.mjs";
import { setHidden } from "./dom.mjs";
import { StepHistory } from "./history.mjs";
import { afterNextPaint, soon } from "./schedule.mjs";

export class Stepper {
  view = "question"; // or "review" or "result"
  index = 0; // the question on screen, as an index into the shown questions
  returnToReview = false; // the person has been to "Check your answers": Continue leads back there

  #root;
  #form;
  #review;
  #result;
  #strings;
  #onReview;
  #onPopResult;
  #onStale;
  #onView;
  #history;
  #nav;
  #back;
  #progress;
  #visible = null; // the question's fieldset on screen, if any
  #heading = null; // the heading of the step on screen
  #focusRequest = 0;

  // onReview(shown): "Check your answers" is shown, for these questions. onPopResult(): Back or Forward
  // led to the result; shows it and says true if it is ready for the answers given. onStale(): they
  // led to a step of the page before a reload, whose answers are gone. onView(view): a step of this
  // kind ("question", "review" or "result") is now on screen.
  constructor(root, { form, review, result, strings, onReview, onPopResult, onStale, onView }) {
    this.#root = root;
    this.#form = form;
    this.#review = review;
    this.#result = result;
    this.#strings = strings;
    this.#onReview = onReview;
    this.#onPopResult = onPopResult;
    this.#onStale = onStale;
    this.#onView = onView;
    this.#history = new StepHistory((step) => soon(() => (step ? this.#popped(step) : this.#onStale())));
    this.#nav = root.querySelector("[data-sc-nav]");
    this.#back = root.querySelector("[data-sc-back]");
    this.#progress = root.querySelector("[data-sc-progress]");
  }

  // On load: the first question, without moving focus or scrolling the page.
  start() {
    this.#history.listen();
    const [first, ...rest] = this.#form.questions;
    for (const question of rest) question.fieldset.hidden = true;
    this.#visible = first.fieldset;
    this.showQuestion(0, { focus: false, record: "replace" });
  }

  // `record`: "push" the step as a new history entry, "replace" the entry on screen, or "none" (the
  // step is the one Back or Forward led to). `changed`: the page has changed since its last frame
  // was laid out (in this task, or in the one just before), so there is no layout to scroll by
  // before the step's own changes (#show).
  showQuestion(index, { focus = true, shown = this.#form.shown(), record = "push", changed = false } = {}) {
    this.#show("question", index, shown, focus, record, changed);
  }

  showReview({ shown = this.#form.shown(), record = "push", changed = false } = {}) {
    this.#show("review", 0, shown, true, record, changed);
  }

  showResult({ record = "push", changed = false } = {}) {
    this.#show("result", 0, [], true, record, changed);
  }

  // "Question n of about N" for the question on screen; an answer can change N.
  updateProgress() {
    if (this.view !== "question") return;
    const total = possibleCount(this.#form.questions, this.#form.chosen);
    this.#progress.textContent = this.#strings.text("progress", { number: this.index + 1, total });
  }

  // Start, near the top of the page: to the step on screen, which is the first question at first.
  toStep() {
    soon(() => {
      this.#heading.scrollIntoView({ block: "start" });
      this.focusHeading(this.#heading);
    });
  }

  // Continue: the next step, or an error that says how to answer this question.
  next() {
    const shown = this.#form.shown();
    const question = shown[this.index];
    if (!this.#form.chosen(question).length) {
      this.#form.setError(question, unansweredHint(question, this.#strings));
      this.#focusRequest++; // a heading still waiting for focus must not take it from the answers
      question.inputs[0].focus();
      return;
    }
    const target = afterQuestion(this.index, shown, this.#form.chosen, this.returnToReview);
    soon(() => (target === "review" ? this.showReview({ shown }) : this.showQuestion(target, { shown })));
  }

  // Back: the question before. When that is the browser's previous entry (the person came here by
  // Continue), the browser goes back to it, so that in-page Back adds no entry of its own.
  back() {
    if (this.view !== "question" || this.index === 0 || this.#history.goingBack) return;
    const target = this.index - 1;
    const previous = this.#history.previous();
    if (previous && previous.view === "question" && previous.question === this.#form.shown()[target]) {
      this.#history.back();
      return;
    }
    soon(() => this.showQuestion(target));
  }

  // Change, from "Check your answers" or the result: that question, then back to the review.
  change(question) {
    this.returnToReview = true;
    const target = this.#form.shown().indexOf(question);
    soon(() => this.showQuestion(target));
  }

  // Focus moves to the new heading after the frame that shows it (sooner would lay the page out
  // twice); a later step cancels an earlier one.
  focusHeading(heading) {
    const request = ++this.#focusRequest;
    afterNextPaint(() => {
      if (request !== this.#focusRequest) return;
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "nearest" });
    });
  }

  // Back or Forward to a step: shown as it is now. A question that no longer applies (an answer before
  // it has changed since) gives way to the first unanswered question, or "Check your answers".
  #popped({ view, question }) {
    if (view === "result" && this.#onPopResult()) return;
    const shown = this.#form.shown();
    const index = question ? shown.indexOf(question) : -1;
    const unanswered = firstUnanswered(shown, this.#form.chosen);
    // Asking for the result again (#onPopResult) may have set aside the one laid out in advance.
    const how = { shown, record: "none", changed: view === "result" };
    if (index !== -1 || unanswered !== -1) this.showQuestion(index !== -1 ? index : unanswered, how);
    else this.showReview(how);
  }

  #show(view, index, shown, focus, record, changed = false) {
    // Back to the step's place if the person had scrolled away from it, before the page changes: its
    // layout is still the last frame's, so nothing is laid out here, and the new step's heading
    // takes the old one's place. The step is laid out once, by the browser, in the frame that shows
    // it (ARCHITECTURE.md, "Each step in a task of its own"). Not from "Check your answers" or the
    // result to a question, whose heading sits lower (below "Question n of about N"), nor when the
    // page has `changed` already: the new heading is then scrolled to once the page has changed.
    const early = focus && this.#heading && !changed && !(view === "question" && this.view !== "question");
    if (early) this.#heading.scrollIntoView({ block: "nearest" });
    this.view = view;
    this.index = index;
    // What of the page shows beside the step depends on it (on the self-check's own element, whose
    // following siblings alone its rule restyles), and so does what prints (on the body: print rules
    // reach the page around the self-check, and cost nothing on screen). Set only when it changes.
    if (this.#root.dataset.scView !== view) this.#root.dataset.scView = view;
    if (document.body.dataset.scView !== view) document.body.dataset.scView = view;
    this.#onView(view);
    const question = view === "question" ? shown[index] : null;
    if (this.#visible && this.#visible !== question?.fieldset) setHidden(this.#visible, true);
    this.#visible = question ? question.fieldset : null;
    if (view === "result") {
      this.#review.unstage();
      this.#result.unhide();
    }
    this.#review.setShown(view === "review");
    setHidden(this.#result.section, view !== "result");
    setHidden(this.#nav, !question);
    setHidden(this.#progress, !question);
    if (question) {
      setHidden(question.fieldset, false);
      setHidden(this.#back, index === 0);
      this.#heading = question.title;
      this.updateProgress();
      // Rows up to the question on screen: the rest are built when they are reached.
      this.#review.updateSoon(() =>
        (this.view === "question" ? this.#form.shown().slice(0, this.index + 1) : null));
    } else if (view === "review") {
      this.#review.update(shown);
      this.#onReview(shown);
      this.#heading = this.#review.title;
    } else {
      this.#heading = this.#result.title;
    }
    if (record !== "none") this.#history.record({ view, question }, record);
    if (focus) {
      if (!early) this.#heading.scrollIntoView({ block: "nearest" });
      this.focusHeading(this.#heading);
    }
  }
}
