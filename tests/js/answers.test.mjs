// The answers as pure functions (quiz/web/answers.mjs), the page's rule for which questions apply
// checked against the engine's on the shared answer corpus.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  afterQuestion, answersOf, answerText, firstUnanswered, possibleCount, shownQuestions, unansweredHint,
} from "../../quiz/web/answers.mjs";
import { Strings } from "../../quiz/web/strings.mjs";
import { bank, pageStrings, shownCases } from "./data.mjs";

const strings = new Strings(pageStrings);
const byId = new Map(bank.questions.map((question) => [question.id, question]));

// What the form would have chosen for answers as the engine takes them (an id, or a list of ids).
const chooserFor = (answers) => (question) => {
  if (!(question.id in answers)) return [];
  const given = answers[question.id];
  return Array.isArray(given) ? given : [given];
};

test("the page shows the same questions as the engine for every answer set of the shared corpus", () => {
  assert.ok(shownCases.length > 300, `only ${shownCases.length} cases`);
  const differ = shownCases.filter(({ answers, shown }) => {
    const page = shownQuestions(bank.questions, chooserFor(answers)).map((question) => question.id);
    return JSON.stringify(page) !== JSON.stringify(shown);
  });
  assert.deepEqual(differ, []);
  // The corpus reaches both kinds of rule: a follow-up that applies, and an answer that ends the check.
  const lengths = new Set(shownCases.map(({ shown }) => shown.length));
  assert.ok(lengths.size > 2, [...lengths]);
});

test("the count of questions there may be never undercounts, and is exact once all are answered", () => {
  assert.equal(possibleCount(bank.questions, chooserFor({})), bank.questions.length, "at first, every question may apply");
  for (const { answers, shown } of shownCases) {
    // The answers given one question at a time, in the order they are asked.
    let previous = Infinity;
    for (let given = 0; given <= shown.length; given++) {
      const sofar = Object.fromEntries(shown.slice(0, given).filter((id) => id in answers).map((id) => [id, answers[id]]));
      const count = possibleCount(bank.questions, chooserFor(sofar));
      assert.ok(count >= shown.length, `${count} < ${shown.length} after ${given} answers`);
      assert.ok(count <= previous, "an answer never adds to the count");
      previous = count;
    }
    if (shown.every((id) => id in answers)) assert.equal(previous, shown.length, JSON.stringify(answers));
  }
});

test("an answer that ends the check ends the questions there", () => {
  const ending = bank.questions.find((question) => question.options.some((option) => option.ends_check));
  const option = ending.options.find((candidate) => candidate.ends_check);
  const shown = shownQuestions(bank.questions, chooserFor({ [ending.id]: option.id }));
  assert.equal(shown.at(-1).id, ending.id);
  assert.ok(shown.length < bank.questions.length);
});

test("a follow-up applies only when its condition's question is answered with a listed option", () => {
  const follow = bank.questions.find((question) => question.show_if);
  const condition = follow.show_if;
  const ids = (answers) => shownQuestions(bank.questions, chooserFor(answers)).map((question) => question.id);
  assert.ok(!ids({}).includes(follow.id));
  assert.ok(ids({ [condition.question]: byId.get(condition.question).multiple ? [condition.any_of[0]] : condition.any_of[0] })
    .includes(follow.id));
});

test("answers are given as the engine takes them, without the unanswered questions", () => {
  const single = bank.questions.find((question) => !question.multiple);
  const multiple = bank.questions.find((question) => question.multiple);
  const chosen = chooserFor({ [single.id]: single.options[0].id, [multiple.id]: [multiple.options[0].id] });
  assert.deepEqual(answersOf([single, multiple, bank.questions.at(-1)], chosen),
    { [single.id]: single.options[0].id, [multiple.id]: [multiple.options[0].id] });
  assert.equal(firstUnanswered([single, multiple, bank.questions.at(-1)], chosen), 2);
  assert.equal(firstUnanswered([single, multiple], chosen), -1);
});

test("Continue leads to the next question, or back to the first unanswered one, or to the review", () => {
  const [a, b, c] = bank.questions;
  const answered = chooserFor({ [a.id]: a.options[0].id, [c.id]: c.options[0].id });
  assert.equal(afterQuestion(0, [a, b, c], answered, false), 1);
  assert.equal(afterQuestion(0, [a, b, c], answered, true), 1, "b is still unanswered");
  assert.equal(afterQuestion(2, [a, b, c], answered, false), 1);
  assert.equal(afterQuestion(0, [a, c], answered, true), "review");
  assert.equal(afterQuestion(1, [a, c], answered, false), "review");
});

test("an answer reads as its options' labels, or as not answered", () => {
  const multiple = bank.questions.find((question) => question.multiple);
  const [first, second] = multiple.options;
  assert.equal(answerText(multiple, [second.id, first.id], strings), `${first.label}, ${second.label}`);
  assert.equal(answerText(multiple, [], strings), "Not answered");
});

test("an option with a summary reads as its summary away from the question, such as None of these", () => {
  const withSummary = bank.questions.filter((question) => question.options.some((option) => option.summary));
  assert.ok(withSummary.length >= 2, "both medicine questions say what their None of these means");
  for (const question of withSummary) {
    const option = question.options.find((each) => each.summary);
    assert.equal(answerText(question, [option.id], strings), option.summary);
    assert.notEqual(option.summary, option.label);
  }
});

test("the hint for an unanswered question names the bank's own options for not knowing", () => {
  const danger = byId.get("danger_now");
  const unsure = danger.options.find((option) => option.id === "not_sure").label;
  assert.equal(unansweredHint(danger, strings), `Select an answer to continue. You can choose \u201c${unsure}\u201d.`);
  for (const question of bank.questions.filter((candidate) => candidate.multiple)) {
    const exclusive = question.options.filter((option) => option.exclusive).map((option) => `\u201c${option.label}\u201d`);
    assert.equal(unansweredHint(question, strings),
      exclusive.length ? `Select all that apply, or ${exclusive.join(" or ")}, to continue.` : "Select all that apply, to continue.");
  }
});

test("a clinic's bank with other options gets a hint with its own labels, or none", () => {
  const several = { id: "tests", multiple: true, options: [
    { id: "blood", label: "A blood test" }, { id: "nothing", label: "Nothing yet", exclusive: true }] };
  assert.equal(unansweredHint(several, strings), "Select all that apply, or \u201cNothing yet\u201d, to continue.");
  const one = { id: "visits", multiple: false, options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] };
  assert.equal(unansweredHint(one, strings), "Select an answer to continue.");
  const plain = { ...several, options: [several.options[0]] };
  assert.equal(unansweredHint(plain, strings), "Select all that apply, to continue.");
});
