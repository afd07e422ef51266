// The naive baseline, for the benchmark only (never part of the site): what peer sites do, Pyodide
// loaded ON THE MAIN THREAD from the stock runtime files with the stock lock file, then the engine
// loaded and evaluated once.
//
// It stands in for the Web Worker that the page script (selfcheck.js, unchanged) starts, and speaks
// the same messages, so the page, its questions and its result are the same as ours: the only
// difference measured is where Python runs and which runtime files it loads.
(() => {
  const STOCK_RUNTIME = new URL("../baseline-runtime/", document.currentScript.src).href;

  class MainThreadPython extends EventTarget {
    postMessage(message) {
      // A worker receives messages asynchronously; so does this stand-in.
      setTimeout(() => this.receive(message));
    }

    terminate() {}

    send(data) {
      this.dispatchEvent(new MessageEvent("message", { data }));
    }

    async receive(message) {
      if (message.type === "start") await this.start(message);
      else if (message.type === "evaluate") this.evaluate(message);
    }

    // The page gives up on an engine from which nothing arrives for a while, so this reports the
    // runtime's bytes as they arrive, as the worker does (worker.mjs): the stock runtime takes longer
    // than that to arrive on slow 4G. Each response is handed on unchanged; a clone is counted.
    reportProgress() {
      const progress = { stage: "download", received: 0, open: 0 };
      let reported = 0;
      const report = (now) => {
        if (!now && performance.now() - reported < 250) return;
        reported = performance.now();
        this.send({ type: "progress", ...progress });
      };
      const originalFetch = window.fetch.bind(window);
      window.fetch = async (...args) => {
        progress.open += 1;
        report(true);
        try {
          const response = await originalFetch(...args);
          if (response.body) {
            (async () => {
              const reader = response.clone().body.getReader();
              try {
                for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
                  progress.received += chunk.value.byteLength;
                  report(false);
                }
              } finally {
                progress.open -= 1;
                report(true);
              }
            })();
          } else {
            progress.open -= 1;
          }
          return response;
        } catch (error) {
          progress.open -= 1;
          report(true);
          throw error;
        }
      };
      return () => { window.fetch = originalFetch; };
    }

    async start({ lockURL, packageName, bank }) {
      const stopReporting = this.reportProgress();
      try {
        const { loadPyodide } = await import(`${STOCK_RUNTIME}pyodide.mjs`);
        const pyodide = await loadPyodide();
        // Peers load their code by URL; the engine's wheel is named in the site's lock file.
        const lock = await (await fetch(lockURL)).json();
        await pyodide.loadPackage(new URL(lock.packages[packageName].file_name, lockURL).href);
        this.evaluateJSON = pyodide.pyimport("quiz.engine").evaluate_json;
        this.bank = bank;
        JSON.parse(this.evaluateJSON(bank, "{}"));
        stopReporting();
        this.send({ type: "ready", memoryBytes: pyodide._module.HEAP8.buffer.byteLength });
      } catch (error) {
        stopReporting();
        this.send({ type: "failed", reason: "start-failed", detail: String(error) });
      }
    }

    evaluate({ id, answers }) {
      const reply = JSON.parse(this.evaluateJSON(this.bank, answers));
      this.send({ type: "result", id, ...reply });
    }
  }

  window.Worker = MainThreadPython;
})();
