// The self-check's engine, run by Pyodide in a module Web Worker, so the page never waits for Python.
//
// Messages from the page:
//   {type: "start", runtimeURL, stdlibURL, lockURL, packageName, bank}
//                                    bank is the compiled bank as JSON text; stdlibURL the trimmed
//                                    standard library (only what the engine needs)
//   {type: "evaluate", id, answers}                          answers as JSON text
// Messages to the page:
//   {type: "progress", stage, received, open}
//                                    stage: "runtime" (loading Pyodide's loader), "download" (the
//                                    runtime's files), "engine" (the engine's package); received:
//                                    bytes of the files so far, as decoded (raw file sizes); open:
//                                    how many of the runtime's fetches are still arriving
//   {type: "ready", memoryBytes}    memoryBytes: size of Python's WebAssembly memory
//   {type: "failed", reason, detail} the engine cannot start; the page keeps working without it
//   {type: "result", id, ok, result | error}
//
// Every file comes from this site (the runtime folder and the engine's lock file, both same-origin);
// nothing is fetched after "ready", and answers are never sent anywhere: they stay in this worker.

let evaluateJSON = null;
let bankText = null;

// ---- progress: every byte of the runtime's files, reported as it arrives ----
//
// The page gives up on the engine only when nothing has arrived for a while, so the worker tells it
// whenever bytes arrive. Pyodide fetches its files with the global fetch (the lock file, the
// WebAssembly module, the standard library, the engine's wheel): each response is handed to Pyodide
// unchanged, so WebAssembly still compiles it while it streams, with its URL, headers and content
// type (and the browser's cache of the compiled module), while a clone of it is read here to count
// its bytes. The scripts Pyodide imports (pyodide.mjs, pyodide.asm.mjs) are not fetches: each counts
// once it has arrived, from the worker's resource timing.

const progress = { stage: "runtime", received: 0, open: 0 };
const REPORT_EVERY_MS = 250; // the page needs no more; each message is a task on its main thread
let reported = 0;
let reportLater = null;

function report(now = false) {
  clearTimeout(reportLater);
  const wait = reported + REPORT_EVERY_MS - performance.now();
  if (!now && wait > 0) {
    reportLater = setTimeout(report, wait, true);
    return;
  }
  reported = performance.now();
  countScripts();
  postMessage({ type: "progress", ...progress });
}

// The scripts' entries are read from the timeline itself, where each is as soon as it has arrived
// (an observer would hear of them only when the worker is next idle, after Python has started).
const countedScripts = new Set();
function countScripts() {
  for (const entry of performance.getEntriesByType("resource")) {
    if (entry.initiatorType === "fetch" || countedScripts.has(entry.name)) continue;
    countedScripts.add(entry.name);
    progress.received += entry.decodedBodySize || 0;
  }
}

function stage(name) {
  progress.stage = name;
  report(true);
}

async function count(body, url) {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      progress.received += value.byteLength;
      report();
    }
  } catch (error) {
    // Pyodide would wait for ever on a WebAssembly module whose download broke off: say so now.
    postMessage({ type: "failed", reason: "download-failed", detail: `${url}: ${error && error.message || error}` });
  } finally {
    progress.open -= 1;
    report(true);
  }
}

const originalFetch = self.fetch.bind(self);
self.fetch = async (resource, options) => {
  const url = String(resource instanceof Request ? resource.url : resource);
  progress.open += 1;
  if (progress.stage === "runtime") progress.stage = "download";
  report(true);
  let response;
  try {
    response = await originalFetch(resource, options);
  } catch (error) {
    progress.open -= 1;
    report(true);
    throw error;
  }
  // Every file Pyodide fetches here is needed: without one it cannot start (and without the
  // WebAssembly module it would wait for ever), so a refusal ends the start at once.
  if (!response.ok) {
    postMessage({ type: "failed", reason: "start-failed", detail: `${url}: HTTP ${response.status}` });
  }
  if (response.body) count(response.clone().body, url);
  else {
    progress.open -= 1;
    report(true);
  }
  return response;
};


// The smallest valid WebAssembly module. If the browser or a security policy blocks WebAssembly,
// compiling it fails at once, so the page can say so instead of waiting for a time-out.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

async function start({ runtimeURL, stdlibURL, lockURL, packageName, bank }) {
  try {
    await WebAssembly.compile(EMPTY_WASM);
  } catch (error) {
    postMessage({ type: "failed", reason: "no-webassembly", detail: String(error) });
    return;
  }
  try {
    stage("runtime");
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);
    const pyodide = await loadPyodide({
      indexURL: runtimeURL,
      stdLibURL: stdlibURL || undefined,
      lockFileURL: lockURL,
      // Packages (only the engine) load from beside the lock file, never from a default host.
      packageBaseUrl: new URL("./", lockURL).href,
      stdout: () => {},
      stderr: () => {},
    });
    stage("engine");
    await pyodide.loadPackage(packageName, { messageCallback: () => {}, checkIntegrity: true });
    evaluateJSON = pyodide.pyimport("quiz.engine").evaluate_json;
    bankText = bank;
    // One evaluation with no answers checks that the engine and bank work together: it must
    // answer with a clear "no answer" error, not crash.
    const probe = JSON.parse(evaluateJSON(bankText, "{}"));
    if (probe.ok !== false) throw new Error("the engine accepted an empty set of answers");
    // The size of Python's WebAssembly memory, for the benchmark (benchmarks/); holds no answer.
    const memory = pyodide._module && pyodide._module.HEAP8 ? pyodide._module.HEAP8.buffer.byteLength : null;
    clearTimeout(reportLater); // the last progress is old news once the engine is ready
    postMessage({ type: "ready", memoryBytes: memory });
  } catch (error) {
    postMessage({ type: "failed", reason: "start-failed", detail: String(error && error.message || error) });
  }
}

function evaluate({ id, answers }) {
  if (!evaluateJSON) {
    postMessage({ type: "result", id, ok: false, error: "the engine is not ready" });
    return;
  }
  try {
    const reply = JSON.parse(evaluateJSON(bankText, typeof answers === "string" ? answers : JSON.stringify(answers)));
    postMessage({ type: "result", id, ...reply });
  } catch (error) {
    postMessage({ type: "result", id, ok: false, error: String(error && error.message || error) });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "start") start(message);
  else if (message.type === "evaluate") evaluate(message);
});
