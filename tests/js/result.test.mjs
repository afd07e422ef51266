// The result's reasons grouped by question and tier (byQuestion in quiz/web/result.mjs): a question
// with several answers gives one item per tier, where its first reason stood, so the engine's most
// urgent first order is kept.

import assert from "node:assert/strict";
import { test } from "node:test";

import { byQuestion } from "../../quiz/web/result.mjs";

const reason = (question, tier, text) => ({ question, tier, text });
const texts = (groups) => groups.map((group) => group.map((r) => r.text));

test("reasons of one question and tier are grouped, in the order each group first came", () => {
  const reasons = [
    reason("sedatives", "review-first", "a"), reason("age", "review-first", "b"),
    reason("sedatives", "review-first", "c"), reason("mania", "other-steps-first", "d"),
  ];
  assert.deepEqual(texts(byQuestion(reasons)), [["a", "c"], ["b"], ["d"]]);
});

test("a question's reasons of a lower tier form a later group, so none rides above a more urgent one", () => {
  const reasons = [
    reason("stimulants_maoi", "review-first", "maoi"), reason("age", "review-first", "age"),
    reason("stimulants_maoi", "worth-discussing", "lamotrigine"), reason("stimulants_maoi", "review-first", "stimulant"),
  ];
  assert.deepEqual(texts(byQuestion(reasons)), [["maoi", "stimulant"], ["age"], ["lamotrigine"]]);
});

test("a reason from no question stands alone, however many there are", () => {
  const reasons = [reason(null, "worth-discussing", "fallback"), reason(undefined, "worth-discussing", "other"),
    reason("age", "review-first", "b")];
  assert.deepEqual(texts(byQuestion(reasons)), [["fallback"], ["other"], ["b"]]);
});
