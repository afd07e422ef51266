// StepHistory (quiz/web/history.mjs) against a stand-in for the browser's history: the first step's
// entry is written in a task of its own, and before anything that reads or writes the history.

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { StepHistory } from "../../quiz/web/history.mjs";

let calls;
let listeners;

beforeEach(() => {
  calls = [];
  listeners = [];
  globalThis.history = {
    state: null,
    pushState(state) { calls.push(["push", state.selfCheck.step]); this.state = state; },
    replaceState(state) { calls.push(["replace", state.selfCheck.step]); this.state = state; },
    back() { calls.push(["back"]); },
  };
  globalThis.addEventListener = (type, listener) => listeners.push([type, listener]);
  globalThis.document = { addEventListener: (type, listener) => listeners.push([`document ${type}`, listener]) };
});

// After the page's own tasks queued so far: Node delivers a port's message in its event loop's poll
// phase, and runs setImmediate's callback in the check phase that follows it.
const nextTask = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

function started() {
  const popped = [];
  const steps = new StepHistory((step) => popped.push(step));
  steps.listen();
  steps.record("first", "replace");
  return { steps, popped };
}

test("the first step's entry is written in a task of its own", async () => {
  started();
  assert.deepEqual(calls, []);
  await nextTask();
  assert.deepEqual(calls, [["replace", 0]]);
  await nextTask();
  assert.deepEqual(calls, [["replace", 0]], "written once");
});

test("a step recorded before then writes the first entry first", async () => {
  const { steps } = started();
  steps.record("second", "push");
  assert.deepEqual(calls, [["replace", 0], ["push", 1]]);
  await nextTask();
  assert.deepEqual(calls, [["replace", 0], ["push", 1]], "not written again over the second entry");
});

test("reading the entry before, or going back, writes it first", async () => {
  const { steps } = started();
  assert.equal(steps.previous(), null);
  assert.deepEqual(calls, [["replace", 0]]);
  const other = started().steps;
  other.back();
  assert.deepEqual(calls.slice(1), [["replace", 0], ["back"]]);
});

test("Back or Forward before then leaves the entry it was for unwritten", async () => {
  const { popped } = started();
  const [, onPop] = listeners.find(([type]) => type === "popstate");
  onPop({ state: null });
  await nextTask();
  assert.deepEqual(calls, [], "no entry of the page, and none written over another");
  assert.deepEqual(popped, []);
});

test("a click before then, which may follow a link to a part of the page, writes it first", () => {
  started();
  const [, onClick] = listeners.find(([type]) => type === "document click");
  onClick();
  assert.deepEqual(calls, [["replace", 0]]);
});

test("later steps are written at once", () => {
  const { steps } = started();
  steps.record("second", "push");
  steps.record("second, changed", "replace");
  assert.deepEqual(calls, [["replace", 0], ["push", 1], ["replace", 2]]);
});
