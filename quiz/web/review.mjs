// ReviewList: "Check your answers", and the same rows (without Change) for the result's "Your answers".
// Kept up to date and laid out, unseen, while the person answers (ARCHITECTURE.md, "Each step...").

import { answerText } from "./answers.mjs";
import { element, setHidden } from "./dom.mjs";
import { afterNextPaint } from "./schedule.mjs";

export class ReviewList {
  #section;
  #list;
  #form;
  #strings;
  #onChange;
  #rows = new Map(); // question id -> { row, answer (the text node of the answer) }
  #updateQueued = false;

  // onChange(question): the person wants to change their answer to this question.
  constructor(root, form, strings, onChange) {
    this.#section = root.querySelector("[data-sc-review]");
    this.#list = root.querySelector("[data-sc-review-list]");
    this.title = root.querySelector("#sc-review-title");
    this.#form = form;
    this.#strings = strings;
    this.#onChange = onChange;
  }

  // The rows for these questions, built once each and changed only where the answer changed.
  update(shown) {
    const rows = shown.map((question) => {
      let entry = this.#rows.get(question.id);
      if (!entry) this.#rows.set(question.id, (entry = this.#row(question, true)));
      const text = this.#answerText(question);
      if (entry.answer.data !== text) entry.answer.data = text;
      return entry.row;
    });
    const list = this.#list.children;
    let kept = 0;
    while (kept < list.length && list[kept] === rows[kept]) kept++;
    if (kept === list.length) this.#list.append(...rows.slice(kept));
    else this.#list.replaceChildren(...rows);
  }

  // After the next frame, the rows for shownSoFar() (null: nothing to do), laid out unseen.
  updateSoon(shownSoFar) {
    if (this.#updateQueued) return;
    this.#updateQueued = true;
    afterNextPaint(() => {
      this.#updateQueued = false;
      const shown = shownSoFar();
      if (!shown) return;
      this.update(shown);
      this.#section.classList.add("sc-review--staged");
    });
  }

  // On screen, or not; while not, it is out of the accessibility tree too (laid out in advance, the
  // rows would be read: selfcheck.css).
  setShown(shown) {
    setHidden(this.#section, !shown);
    if (shown) this.#section.removeAttribute("aria-hidden");
    else if (this.#section.getAttribute("aria-hidden") !== "true") this.#section.setAttribute("aria-hidden", "true");
  }

  // Out of the layout, so that showing the result restyles none of its rows.
  unstage() {
    this.#section.classList.remove("sc-review--staged");
  }

  // The answers as a list of their own, for the result.
  answerList(shown) {
    const list = element("dl", { class: "sc-review__list" });
    for (const question of shown) list.append(this.#row(question, false).row);
    return list;
  }

  #answerText(question) {
    return answerText(question, this.#form.chosen(question), this.#strings);
  }

  // One row, with its Change button or without.
  #row(question, withChange) {
    const row = element("div", { class: "sc-review__row" });
    const answer = document.createTextNode(this.#answerText(question));
    const details = element("dd", {}, answer);
    if (withChange) {
      const change = element("button", { type: "button", class: "sc-link" }, this.#strings.text("change"));
      change.append(element("span", { class: "sc-visually-hidden" },
        this.#strings.text("change_hidden", { question: question.text })));
      change.addEventListener("click", () => this.#onChange(question));
      details.append(" ", change);
    }
    row.append(element("dt", {}, question.text), details);
    return { row, answer };
  }
}
