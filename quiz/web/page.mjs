// SelfCheckPage: the parts put together. The checklist becomes one question at a time, crisis help
// shows at a red-flag answer, and the result is worked out while "Check your answers" is on screen.

import { firstUnanswered } from "./answers.mjs";
import { CrisisHelp } from "./crisis.mjs";
import { QuestionForm } from "./form.mjs";
import { ResultView } from "./result.mjs";
import { ReviewList } from "./review.mjs";
import { soon } from "./schedule.mjs";
import { Stepper } from "./stepper.mjs";

export class SelfCheckPage {
  #root;
  #bank;
  #strings;
  #engine;
  #status;
  #form;
  #crisis;
  #review;
  #result;
  #stepper;
  // The result being worked out, for one set of answers: any change makes a new request, and the
  // page shows a result only for the answers in the form at that moment.
  // { key, state: "waiting" | "ready" | "failed", crisis, conversation, reason, wanted }
  #request = null;

  constructor(root, { bank, strings, engine, status, siteRoot }) {
    this.#root = root;
    this.#bank = bank;
    this.#strings = strings;
    this.#engine = engine;
    this.#status = status;
    this.#form = new QuestionForm(root, bank);
    this.#crisis = new CrisisHelp(root, strings);
    // A row's Change button is clicked only once the page has started, when #stepper is set.
    this.#review = new ReviewList(root, this.#form, strings, (question) => this.#stepper.change(question));
    this.#result = new ResultView(root, { strings, crisis: this.#crisis, review: this.#review, siteRoot });
    this.#stepper = new Stepper(root, {
      form: this.#form, review: this.#review, result: this.#result, strings,
      onReview: (shown) => this.#requestResult(shown),
      onPopResult: () => this.#popResult(),
      onStale: () => this.#restart("replace"),
      onView: (view) => this.#viewed(view),
    });
  }

  start() {
    const $ = (selector) => this.#root.querySelector(selector);
    this.#root.addEventListener("change", (event) => this.#changed(event.target));
    $("[data-sc-continue]").addEventListener("click", () => this.#stepper.next());
    $("[data-sc-back]").addEventListener("click", () => this.#stepper.back());
    $("[data-sc-submit]").addEventListener("click", () => this.#submit());
    $("[data-sc-change]").addEventListener("click", () => soon(() => this.#stepper.showReview()));
    $("[data-sc-print]").addEventListener("click", () => window.print());
    $("[data-sc-restart]").addEventListener("click", () => this.#restart());
    // Start links (the page's own, to #sc-questions) go to the step on screen without a history entry.
    for (const start of document.querySelectorAll("a[href='#sc-questions']")) {
      start.addEventListener("click", (event) => {
        event.preventDefault();
        this.#stepper.toStep();
      });
    }
    this.#engine.onRetry = () => this.#retried();
    this.#crisis.hideUntilNeeded();
    // After a reload or Back or Forward, a browser may put an earlier visit's answers back (the inputs
    // ask it not to, with autocomplete="off"); none are kept. A fresh visit keeps an answer given already.
    if (["reload", "back_forward"].includes(performance.getEntriesByType("navigation")[0]?.type)) this.#form.reset();
    this.#root.classList.remove("sc--starting");
    this.#root.classList.add("sc--enhanced");
    document.body.dataset.scStepping = ""; // no "Back to top" over a step's heading (selfcheck.css)
    this.#crisis.update(this.#form.redFlagChosen());
    this.#stepper.start();
  }

  // Back at a question, the person no longer waits for a result: none is shown by itself when the
  // engine is ready (it would be for answers they are changing), and the status line stops saying so.
  #viewed(view) {
    if (view === "question") {
      if (this.#request) this.#request.wanted = false;
      this.#engine.resultNotWanted();
    }
    this.#status.reviewing(view === "review");
  }

  #changed(input) {
    if (!(input instanceof HTMLInputElement)) return;
    this.#form.keepExclusive(input);
    this.#form.clearError(this.#form.questionOf(input));
    this.#crisis.update(this.#form.redFlagChosen());
    this.#stepper.updateProgress();
  }

  #submit() {
    const shown = this.#form.shown();
    const unanswered = firstUnanswered(shown, this.#form.chosen);
    if (unanswered !== -1) {
      this.#stepper.returnToReview = true;
      soon(() => this.#stepper.showQuestion(unanswered, { shown }));
      return;
    }
    const asked = this.#requestResult(shown);
    // Shown in the click's own task: a task of its own would come a frame later.
    if (asked.state === "ready") this.#reveal(asked);
    else if (asked.state === "failed") this.#noEngine(asked.reason);
    else {
      asked.wanted = true;
      this.#engine.resultWanted(); // the status line says the result is on its way, and how far it has got
    }
  }

  // Start again ("push"), or after Back or Forward to a step of the page before a reload ("replace").
  #restart(record = "push") {
    this.#form.reset();
    this.#stepper.returnToReview = false;
    this.#request = null;
    this.#result.clear();
    soon(() => this.#stepper.showQuestion(0, { record, changed: true }));
  }

  // Back or Forward to the result: shown again if it is ready for the answers in the form.
  #popResult() {
    const asked = this.#requestResult();
    if (asked.state !== "ready") return false;
    this.#stepper.showResult({ record: "none" });
    this.#result.reveal(asked);
    this.#status.clear();
    return true;
  }

  // Asked for when "Check your answers" shows, and built hidden (ARCHITECTURE.md, "The staged result").
  #requestResult(shown = this.#form.shown()) {
    const given = this.#form.answers(shown);
    const key = JSON.stringify(given);
    if (this.#request && this.#request.key === key && this.#request.state !== "failed") return this.#request;
    const mine = (this.#request = { key, state: "waiting", crisis: false, conversation: false, reason: "", wanted: false });
    this.#result.discard(); // the result built so far is for other answers
    if (this.#engine.state === "failed") { // nothing to wait for: "See my result" says so in its own task
      mine.state = "failed";
      return mine;
    }
    this.#engine.evaluate(given).then((result) => {
      if (this.#request !== mine) return;
      this.#result.build(result, shown);
      Object.assign(mine, { state: "ready", crisis: result.crisis, conversation: result.conversation });
      if (mine.wanted) this.#reveal(mine, { changed: true });
    }, (reason) => {
      if (this.#request !== mine) return;
      Object.assign(mine, { state: "failed", reason: reason || "" });
      // The person was waiting: the engine's failure has just rewritten the status line.
      if (mine.wanted) this.#noEngine(mine.reason, { changed: true });
    });
    return mine;
  }

  // `changed`: the result was built in this task (it came while the person waited for it).
  #reveal(asked, { changed = false } = {}) {
    this.#stepper.showResult({ changed });
    this.#result.reveal(asked);
    this.#status.clear();
  }

  #noEngine(reason, { changed = false } = {}) {
    this.#stepper.showResult({ changed });
    this.#result.showNoEngine({
      shown: this.#form.shown(),
      crisis: this.#form.redFlagChosen(),
      notice: this.#bank.notice,
      onRetry: this.#engine.canRetry ? () => this.#engine.retry() : null,
    });
    if (reason) this.#status.show(this.#strings.text("not_checked", { reason }));
  }

  // Trying again, from the no-engine result or from the status line, asks for the result once more
  // and shows it when the engine is ready, unless the person has gone back to their answers.
  #retried() {
    if (this.#stepper.view !== "result" || this.#result.hasResult) return;
    const focused = this.#result.section.contains(document.activeElement);
    this.#result.showRetrying();
    if (focused) this.#stepper.focusHeading(this.#result.title); // the button it was on is gone
    this.#requestResult().wanted = true;
    this.#engine.resultWanted();
  }
}
