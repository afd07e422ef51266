// The self-check's engine, run by Pyodide in a module Web Worker, so the page never waits for Python.
//
// Messages from the page:
//   {type: "start", runtimeURL, stdlibURL, lockURL, packageName, bank}
//                                    bank is the compiled bank as JSON text; stdlibURL the trimmed
//                                    standard library (only what the engine needs)
//   {type: "evaluate", id, answers}                          answers as JSON text
// Messages to the page:
//   {type: "progress", stage}        "runtime" | "engine"
//   {type: "ready", memoryBytes}    memoryBytes: size of Python's WebAssembly memory
//   {type: "failed", reason, detail} the engine cannot start; the page keeps working without it
//   {type: "result", id, ok, result | error}
//
// Every file comes from this site (the runtime folder and the engine's lock file, both same-origin);
// nothing is fetched after "ready", and answers are never sent anywhere: they stay in this worker.

let evaluateJSON = null;
let bankText = null;

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
    postMessage({ type: "progress", stage: "runtime" });
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
    postMessage({ type: "progress", stage: "engine" });
    await pyodide.loadPackage(packageName, { messageCallback: () => {}, checkIntegrity: true });
    evaluateJSON = pyodide.pyimport("quiz.engine").evaluate_json;
    bankText = bank;
    // One evaluation with no answers checks that the engine and bank work together: it must
    // answer with a clear "no answer" error, not crash.
    const probe = JSON.parse(evaluateJSON(bankText, "{}"));
    if (probe.ok !== false) throw new Error("the engine accepted an empty set of answers");
    // The size of Python's WebAssembly memory, for the benchmark (benchmarks/); holds no answer.
    const memory = pyodide._module && pyodide._module.HEAP8 ? pyodide._module.HEAP8.buffer.byteLength : null;
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
