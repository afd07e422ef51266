// The physical floor (benchmark only): fetch and compile the runtime's wasm file, as the engine
// must before anything else can run. "Ready" here is when the compile is done.
const root = document.querySelector("[data-sc-root]");
try {
  await WebAssembly.compileStreaming(fetch(new URL(root.dataset.wasm, location.href)));
  root.dataset.engine = "ready";
} catch (error) {
  root.dataset.engine = "failed";
}
