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

    async start({ lockURL, packageName, bank }) {
      try {
        const { loadPyodide } = await import(`${STOCK_RUNTIME}pyodide.mjs`);
        const pyodide = await loadPyodide();
        // Peers load their code by URL; the engine's wheel is named in the site's lock file.
        const lock = await (await fetch(lockURL)).json();
        await pyodide.loadPackage(new URL(lock.packages[packageName].file_name, lockURL).href);
        this.evaluateJSON = pyodide.pyimport("quiz.engine").evaluate_json;
        this.bank = bank;
        JSON.parse(this.evaluateJSON(bank, "{}"));
        this.send({ type: "ready", memoryBytes: pyodide._module.HEAP8.buffer.byteLength });
      } catch (error) {
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
