// EngineClient (quiz/web/engine.mjs) against a fake Worker, with Node's mock timers: when it gives
// up, what it reports, and how results and retries are matched to requests.

import assert from "node:assert/strict";
import { afterEach, beforeEach, mock, test } from "node:test";

import { EngineClient, WORK_MS } from "../../quiz/web/engine.mjs";

const STALL = 5000;

// A Worker that records what the page posts and lets the test speak for the real worker.
class FakeWorker {
  posted = [];
  terminated = false;
  #listeners = { message: [], error: [] };
  addEventListener(type, listener) { this.#listeners[type].push(listener); }
  postMessage(message) { this.posted.push(message); }
  terminate() { this.terminated = true; }
  say(data) { for (const listener of this.#listeners.message) listener({ data }); }
  crash() { for (const listener of this.#listeners.error) listener(new Error("boom")); }
}

function client(options = {}) {
  const workers = [];
  const events = [];
  const engine = new EngineClient({
    start: { type: "start", bank: "{}" },
    stallMs: STALL,
    createWorker: () => { const worker = new FakeWorker(); workers.push(worker); return worker; },
    canRun: () => true,
    onChange: (_, event) => events.push(event),
    ...options,
  });
  engine.start();
  return { engine, workers, events, worker: () => workers.at(-1) };
}

// Lets the promise callbacks queued so far run.
const settled = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
afterEach(() => mock.timers.reset());

test("it starts one worker and sends it the start message", () => {
  const { engine, workers, events } = client();
  assert.equal(workers.length, 1);
  assert.deepEqual(workers[0].posted, [{ type: "start", bank: "{}" }]);
  assert.equal(engine.state, "starting");
  assert.deepEqual(events, ["starting"]);
});

test("it waits as long as bytes keep arriving, and gives up when they stop for the stall period", () => {
  const { engine, worker, events } = client();
  for (let received = 1; received < 10; received++) {
    mock.timers.tick(STALL - 1);
    worker().say({ type: "progress", stage: "download", received, open: 2 });
  }
  assert.equal(engine.state, "starting");
  assert.deepEqual(engine.progress, { type: "progress", stage: "download", received: 9, open: 2 });
  mock.timers.tick(STALL);
  assert.equal(engine.state, "failed");
  assert.deepEqual(engine.failure, { why: "stalled", canRetry: true });
  assert.ok(worker().terminated);
  assert.equal(events.at(-1), "failed");
  assert.equal(events.filter((event) => event === "progress").length, 9);
});

test("once every file is in, it waits the longer work period for Python to start", () => {
  const { engine, worker } = client();
  worker().say({ type: "progress", stage: "engine", received: 100, open: 0 });
  mock.timers.tick(STALL * 2);
  assert.equal(engine.state, "starting");
  mock.timers.tick(WORK_MS - STALL * 2);
  assert.deepEqual(engine.failure, { why: "too_long", canRetry: true });
});

test("a result is asked for once the engine is ready, and only its own reply answers it", async () => {
  const { engine, worker, events } = client();
  const asked = engine.evaluate({ danger_now: "no" });
  assert.equal(worker().posted.length, 1, "nothing is sent before the engine is ready");
  worker().say({ type: "ready", memoryBytes: 1234 });
  assert.equal(engine.state, "ready");
  assert.equal(engine.memoryBytes, 1234);
  assert.equal(events.at(-1), "ready");
  const sent = worker().posted.at(-1);
  assert.deepEqual(sent, { type: "evaluate", id: sent.id, answers: '{"danger_now":"no"}' });
  worker().say({ type: "result", id: sent.id + 1, ok: true, result: { tier: "other" } });
  worker().say({ type: "result", id: sent.id, ok: true, result: { tier: "mine" } });
  assert.deepEqual(await asked, { tier: "mine" });
  mock.timers.tick(WORK_MS * 2);
  assert.equal(engine.state, "ready", "no clock runs once the engine is ready");
});

test("a newer request replaces one still waiting; a reply with an error rejects it", async () => {
  const { engine, worker } = client();
  const older = engine.evaluate({ a: "1" });
  const newer = engine.evaluate({ a: "2" });
  let olderSettled = false;
  older.then(() => { olderSettled = true; }, () => { olderSettled = true; });
  worker().say({ type: "ready" });
  const sent = worker().posted.filter((message) => message.type === "evaluate");
  assert.deepEqual(sent.map((message) => message.answers), ['{"a":"2"}']);
  worker().say({ type: "result", id: sent[0].id, ok: false, error: "unknown question 'a'" });
  await assert.rejects(newer, (reason) => reason === "unknown question 'a'");
  await settled();
  assert.equal(olderSettled, false);
});

test("after the engine is ready, a late word about its start changes nothing", () => {
  const { engine, worker, events } = client();
  worker().say({ type: "ready" });
  worker().say({ type: "progress", stage: "download", received: 5, open: 1 });
  worker().say({ type: "failed", reason: "download-failed" });
  assert.equal(engine.state, "ready");
  assert.deepEqual(events, ["starting", "ready"]);
});

test("the worker's own failure says whether trying again could help", () => {
  const blocked = client();
  blocked.worker().say({ type: "failed", reason: "no-webassembly" });
  assert.deepEqual(blocked.engine.failure, { why: "wasm_blocked", canRetry: false });
  assert.equal(blocked.engine.canRetry, false);
  const broken = client();
  broken.worker().say({ type: "failed", reason: "start-failed" });
  assert.deepEqual(broken.engine.failure, { why: "not_loaded", canRetry: true });
  const crashed = client();
  crashed.worker().crash();
  assert.deepEqual(crashed.engine.failure, { why: "crashed", canRetry: true });
});

test("without WebAssembly, or with the worker refused, it fails at once and offers no retry", () => {
  const none = client({ canRun: () => false });
  assert.deepEqual(none.engine.failure, { why: "no_webassembly", canRetry: false });
  assert.equal(none.workers.length, 0);
  const refused = client({ createWorker: () => { throw new Error("CSP"); } });
  assert.deepEqual(refused.engine.failure, { why: "blocked", canRetry: false });
  refused.engine.retry();
  assert.equal(refused.engine.state, "failed");
});

test("a failure rejects the request waiting for it, and any request made after it", async () => {
  const { engine, worker } = client();
  const waiting = engine.evaluate({});
  worker().crash();
  await assert.rejects(waiting, (reason) => reason === undefined);
  await assert.rejects(engine.evaluate({}), (reason) => reason === undefined);
});

test("trying again starts a new worker, and the one given up on says nothing more", async () => {
  const { engine, workers, events } = client();
  let retried = 0;
  engine.onRetry = () => retried++;
  mock.timers.tick(STALL);
  assert.equal(engine.state, "failed");
  engine.retry();
  assert.equal(workers.length, 2);
  assert.equal(engine.state, "starting");
  assert.equal(retried, 1);
  assert.deepEqual(events.slice(-3), ["failed", "retrying", "starting"]);
  workers[0].say({ type: "ready" });
  assert.equal(engine.state, "starting");
  const asked = engine.evaluate({ b: "1" });
  workers[1].say({ type: "ready" });
  const sent = workers[1].posted.at(-1);
  workers[1].say({ type: "result", id: sent.id, ok: true, result: { tier: "ok" } });
  assert.deepEqual(await asked, { tier: "ok" });
  engine.retry();
  assert.equal(workers.length, 2, "no retry once it is ready");
});

test("the person waiting for their result is heard only while the engine starts", () => {
  const { engine, worker, events } = client();
  engine.resultWanted();
  assert.equal(engine.wanted, true);
  assert.equal(events.at(-1), "wanted");
  worker().say({ type: "ready" });
  engine.resultWanted();
  assert.equal(events.at(-1), "ready");
});

test("its start message comes from the root's data attributes, against the site's root", () => {
  const dataset = { runtime: "pyodide/1/", stdlib: "pyodide/1/std.zip", engineLock: "assets/lock.json",
                    enginePackage: "quiz-engine" };
  const site = new URL("https://clinic.example/kit/");
  const { start, stallMs } = EngineClient.optionsFrom(dataset, "BANK", site);
  assert.deepEqual(start, { type: "start", runtimeURL: "https://clinic.example/kit/pyodide/1/",
    stdlibURL: "https://clinic.example/kit/pyodide/1/std.zip", lockURL: "https://clinic.example/kit/assets/lock.json",
    packageName: "quiz-engine", bank: "BANK" });
  assert.equal(stallMs, 30000);
  assert.equal(EngineClient.optionsFrom({ ...dataset, scStallMs: "3000" }, "", site).stallMs, 3000);
  assert.equal(EngineClient.optionsFrom({ ...dataset, scStallMs: "nope" }, "", site).stallMs, 30000);
});
