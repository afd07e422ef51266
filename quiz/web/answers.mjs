// The answers, as pure functions of the bank's questions and what is chosen: no DOM, so they are
// tested under Node (tests/js/answers.test.mjs), parity with the engine included. The page reads the
// choices from its form controls (form.mjs) and holds no other copy of them.
//
// `chosen(question)` gives the ids of the options chosen for a question, in the bank's order.

// The bank's id for an "I'm not sure" option; quiz/bank.py requires it of every red-flag question.
const NOT_SURE = "not_sure";

// Same rule as the engine (quiz/engine.py, shown_questions): a follow-up applies when the earlier
// question it names is shown and was answered with one of the listed options, and an answer whose
// option ends the check (such as "Under 18") ends the questions there.
export function shownQuestions(questions, chosen) {
  const shown = [];
  const answered = new Map();
  for (const question of questions) {
    const condition = question.show_if;
    if (!condition || (answered.get(condition.question) || []).some((id) => condition.any_of.includes(id))) {
      shown.push(question);
      const picked = chosen(question);
      answered.set(question.id, picked);
      if (question.options.some((option) => option.ends_check && picked.includes(option.id))) break;
    }
  }
  return shown;
}

// How many questions there may be in all, for "Question n of about N": those that apply given the
// answers so far, and the follow-ups that still might (the question they follow is not answered yet).
// An answer that ends the check ends the count there. Once every shown question is answered, this is
// the number of shown questions.
export function possibleCount(questions, chosen) {
  const may = new Map(); // for each question that applies or might: its answer so far ([] for none)
  for (const question of questions) {
    const condition = question.show_if;
    const before = condition && may.get(condition.question);
    if (condition && (!before || (before.length && !before.some((id) => condition.any_of.includes(id))))) continue;
    const picked = chosen(question);
    may.set(question.id, picked);
    if (question.options.some((option) => option.ends_check && picked.includes(option.id))) break;
  }
  return may.size;
}

// The answers to the shown questions, as the engine takes them: an option id, or a list of them for
// a question with several answers. Questions without an answer are left out.
export function answersOf(shown, chosen) {
  const result = {};
  for (const question of shown) {
    const picked = chosen(question);
    if (picked.length) result[question.id] = question.multiple ? picked : picked[0];
  }
  return result;
}

// The first shown question without an answer, as an index into `shown`, or -1.
export function firstUnanswered(shown, chosen) {
  return shown.findIndex((question) => !chosen(question).length);
}

// The answer as "Check your answers" and the result's "Your answers" show it: an option's `summary`
// where the bank gives one (such as "None of these", which says what "these" were), else its label.
export function answerText(question, picked, strings) {
  const labels = question.options.filter((option) => picked.includes(option.id))
    .map((option) => option.summary || option.label);
  return labels.join(strings.text("answers_joined")) || strings.text("not_answered");
}

// What to do about a question left unanswered, naming the bank's own way out: the options that
// cannot be combined with others ("None of these"), or the option for not being sure.
export function unansweredHint(question, strings) {
  const ways = question.options.filter((option) =>
    (question.multiple ? option.exclusive : option.id === NOT_SURE));
  const key = question.multiple ? "pick_any" : "pick_one";
  if (!ways.length) return strings.text(key);
  return strings.text(`${key}_or`, { options: strings.options(ways.map((option) => option.label)) });
}

// Where Continue leads from question `step` of `shown`: the next question, or, once the person has
// been to "Check your answers" (returnToReview) or has answered the last one, the first question
// still unanswered, else "review".
export function afterQuestion(step, shown, chosen, returnToReview) {
  if (!returnToReview && step + 1 < shown.length) return step + 1;
  const unanswered = firstUnanswered(shown, chosen);
  return unanswered === -1 ? "review" : unanswered;
}

