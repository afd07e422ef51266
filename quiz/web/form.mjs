// QuestionForm: the questions' form controls, where the answers live (the page holds no other copy),
// and each question's error message. What the answers mean is worked out in answers.mjs.

import { answersOf, shownQuestions } from "./answers.mjs";

export class QuestionForm {
  #root;
  #byInput;

  constructor(root, bank) {
    this.#root = root;
    // Each question's elements, looked up once, so that a step touches only what changes.
    this.questions = bank.questions.map((question) => {
      const fieldset = root.querySelector(`[data-question="${question.id}"]`);
      return {
        ...question,
        fieldset,
        inputs: [...fieldset.querySelectorAll("input")],
        title: fieldset.querySelector(".sc-question__title"),
        error: fieldset.querySelector("[data-sc-error]"),
      };
    });
    this.#byInput = new Map(this.questions.flatMap((question) => question.inputs.map((input) => [input, question])));
  }

  chosen = (question) => question.inputs.filter((input) => input.checked).map((input) => input.value);

  shown() {
    return shownQuestions(this.questions, this.chosen);
  }

  answers(shown = this.shown()) {
    return answersOf(shown, this.chosen);
  }

  questionOf(input) {
    return this.#byInput.get(input);
  }

  // An option that cannot be combined with others ("None of these") clears the rest, and any other
  // option clears it.
  keepExclusive(input) {
    if (input.type !== "checkbox" || !input.checked) return;
    for (const other of this.questionOf(input)?.inputs || []) {
      if (other !== input && (input.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) {
        other.checked = false;
      }
    }
  }

  // Whether a shown question has a red-flag answer (the build marks those options data-crisis).
  redFlagChosen() {
    return this.shown().some((question) =>
      question.inputs.some((input) => input.checked && input.hasAttribute("data-crisis")));
  }

  setError(question, text) {
    const error = question.error;
    error.textContent = text;
    error.hidden = false;
    question.fieldset.classList.add("sc-question--error");
    question.fieldset.setAttribute("aria-describedby",
      [error.id, question.hint ? `sc-q-${question.id}-hint` : ""].join(" ").trim());
  }

  clearError(question) {
    if (!question || question.error.hidden) return;
    const error = question.error;
    error.hidden = true;
    error.textContent = "";
    question.fieldset.classList.remove("sc-question--error");
    if (question.hint) question.fieldset.setAttribute("aria-describedby", `sc-q-${question.id}-hint`);
    else question.fieldset.removeAttribute("aria-describedby");
  }

  // Start again: no answer and no error.
  reset() {
    for (const input of this.#root.querySelectorAll(".sc-questions input")) input.checked = false;
    for (const question of this.questions) this.clearError(question);
  }
}
