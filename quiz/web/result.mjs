// ResultView: the result, built while "Check your answers" is on screen and kept hidden ("staged")
// until "See my result" shows it; or, when the engine could not start, the answers to print.
// Built with DOM APIs and textContent only.

import { element } from "./dom.mjs";
import { afterNextPaint } from "./schedule.mjs";

// The reasons grouped by the question whose answers gave them, and by tier: a question with several
// answers gives one item per tier, not one per answer. The engine gives the most urgent reasons
// first; each group stands where its first reason stood, so that order is kept. A reason that comes
// from no question stands alone.
export function byQuestion(reasons) {
  const groups = new Map();
  for (const reason of reasons) {
    const key = reason.question == null ? Symbol("no question") : `${reason.question} ${reason.tier}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(reason);
  }
  return [...groups.values()];
}

// A heading and a list in a part of their own (`name` for the styles), or nothing if there are no items.
function section(title, items, name) {
  if (!items || !items.length) return [];
  const list = element("ul");
  for (const text of items) list.append(element("li", {}, text));
  return [element("div", { class: `sc-result__${name}` }, element("h3", {}, title), list)];
}

export class ResultView {
  #section;
  #body;
  #clinic;
  #strings;
  #crisis;
  #review;
  #siteRoot;
  #printHeader;
  #siteName;
  #laterPart = null; // the later sections of the result being staged, not yet in the page
  #offer = null; // where the no-engine view offers to try again

  constructor(root, { strings, crisis, review, siteRoot }) {
    this.#section = root.querySelector("[data-sc-result]");
    this.title = root.querySelector("[data-sc-result-title]");
    this.#body = root.querySelector("[data-sc-result-body]");
    this.#clinic = root.querySelector("[data-sc-clinic]");
    this.#printHeader = root.querySelector("[data-sc-print-header]");
    this.#siteName = root.dataset.siteName || document.title;
    // The date is the day of printing, also after midnight or a return to the page days later.
    addEventListener("beforeprint", () => { if (this.#printHeader?.textContent) this.#datePrintHeader(); });
    this.#strings = strings;
    this.#crisis = crisis;
    this.#review = review;
    this.#siteRoot = siteRoot;
  }

  get section() {
    return this.#section;
  }

  // Whether a result from the engine is in (not the no-engine view).
  get hasResult() {
    return Boolean(this.#section.dataset.tier);
  }

  // Builds the engine's result for the answers to `shown`, hidden, into the result section.
  build(result, shown) {
    const text = (key, values) => this.#strings.text(key, values);
    this.#section.dataset.tier = result.tier;
    this.title.textContent = result.title;
    this.#datePrintHeader();
    // Crisis or youth help lines lead the result, in its first screen.
    const help = this.#crisis.helpFor(result.help);
    const body = help ? [help] : [];
    body.push(element("p", { class: "sc-result__summary" }, result.summary));
    body.push(element("h3", {}, text("result_reasons")));
    const reasons = element("ul", { class: "sc-result__reasons" });
    for (const group of byQuestion(result.reasons)) reasons.append(this.#reasons(group));
    body.push(reasons);
    const more = element("div", { class: "sc-result__more" });
    more.append(
      ...section(text("next_steps"), result.next_steps, "next"),
      ...section(text("questions_to_ask"), result.questions_to_ask, "ask"),
      ...section(text("cannot_know"), result.cannot_know, "limits"),
      element("p", { class: "sc-result__notice" }, result.notice),
      this.#yourAnswers(shown),
    );
    this.#body.replaceChildren(...body);
    this.#section.classList.add("sc-result--staged");
    this.#section.setAttribute("aria-hidden", "true");
    // The later sections join after the next frame (two halves, no long task), or at "See my result".
    this.#laterPart = more;
    afterNextPaint(() => { if (this.#laterPart === more) this.#addLaterPart(); });
  }

  // The result built so far is for other answers.
  discard() {
    this.#section.classList.remove("sc-result--staged");
    this.#laterPart = null;
  }

  // The result joins the accessibility tree as it is shown.
  unhide() {
    this.#section.removeAttribute("aria-hidden");
  }

  // The staged result in full; the clinic's box only where talking about this treatment is the
  // next step (the engine's `conversation`).
  reveal({ crisis, conversation }) {
    this.#addLaterPart();
    if (crisis) this.#crisis.show();
    if (this.#clinic) this.#clinic.hidden = !conversation;
  }

  // Start again: no result at all.
  clear() {
    this.discard();
    this.#body.replaceChildren();
    if (this.#clinic) this.#clinic.hidden = true;
  }

  // No result, as the engine could not start: the answers to print, led by crisis help after a
  // red-flag answer (`crisis`), and, if it could help, a button to try again (onRetry).
  showNoEngine({ shown, crisis, notice, onRetry }) {
    delete this.#section.dataset.tier;
    if (this.#clinic) this.#clinic.hidden = true; // no result, so nothing says a conversation is the next step
    this.title.textContent = this.#strings.text("no_result_title");
    this.#datePrintHeader();
    this.#offer = element("p", {});
    if (onRetry) {
      const again = element("button", { type: "button", class: "md-button", "data-sc-retry": "" },
        this.#strings.text("try_again"));
      again.addEventListener("click", onRetry);
      this.#offer.append(again);
    }
    const help = crisis ? this.#crisis.helpFor("crisis") : null;
    this.#body.replaceChildren(
      ...(help ? [help] : []),
      element("p", {}, this.#strings.text("no_result_body")),
      this.#offer,
      element("p", { class: "sc-result__notice" }, `${notice}`),
      this.#yourAnswers(shown),
    );
  }

  // The no-engine view while the engine tries again: the result will show here when it is ready.
  showRetrying() {
    this.title.textContent = this.#strings.text("retrying_title");
    this.#offer.replaceChildren(this.#strings.text("retrying_body"));
  }

  #addLaterPart() {
    if (this.#laterPart) this.#body.append(this.#laterPart);
    this.#laterPart = null;
  }

  // What a printed summary says above its title: what it is, where from and when.
  #datePrintHeader() {
    if (!this.#printHeader) return;
    const date = this.#strings.date(new Date());
    const address = location.origin + location.pathname;
    this.#printHeader.replaceChildren(element("strong", {}, this.#strings.text("summary_title")), " ",
      this.#strings.text("summary_from", { site: this.#siteName, address, date }));
  }

  // The reasons one question's answers gave: the question and the answer once, then each reason.
  #reasons(group) {
    const [first] = group;
    const item = element("li", { "data-tier": first.tier });
    if (first.question_text) {
      item.append(element("p", { class: "sc-result__answer" }, element("strong", {}, first.question_text), " ",
        this.#strings.text("you_answered", { answer: first.answer_text })));
    }
    const here = new Set(); // a page two reasons of this question link to is offered once, after the first
    for (const reason of group) {
      item.append(element("p", {}, reason.text));
      const href = reason.link && new URL(reason.link.url, this.#siteRoot).href;
      if (href && !here.has(href)) {
        here.add(href);
        item.append(element("p", { class: "sc-result__link" },
          element("a", { href }, this.#strings.text("read_more", { title: reason.link.title }))));
      }
    }
    return item;
  }

  #yourAnswers(shown) {
    const yours = element("div", { class: "sc-result__answers" });
    yours.append(element("h3", {}, this.#strings.text("your_answers")), this.#review.answerList(shown));
    return yours;
  }
}
