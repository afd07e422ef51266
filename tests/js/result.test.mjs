// The result's reasons grouped by question (byQuestion in quiz/web/result.mjs): a question with several
// answers gives one item with each of its reasons, in the order of each question's first reason.

import assert from "node:assert/strict";
import { test } from "node:test";

import { byQuestion } from "../../quiz/web/result.mjs";

const reason = (question, text) => ({ question, text });

test("reasons from one question are grouped under it, in the order each question first came", () => {
  const reasons = [reason("sedatives", "a"), reason("age", "b"), reason("sedatives", "c"), reason("mania", "d")];
  assert.deepEqual(byQuestion(reasons).map((group) => group.map((r) => r.text)), [["a", "c"], ["b"], ["d"]]);
});

test("a reason from no question stands alone, however many there are", () => {
  const reasons = [reason(null, "fallback"), reason(undefined, "other"), reason("age", "b")];
  assert.deepEqual(byQuestion(reasons).map((group) => group.map((r) => r.text)), [["fallback"], ["other"], ["b"]]);
});
