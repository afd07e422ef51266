// Answers the self-check inside the page, in one call: for each step, waits for its heading to show,
// clicks the chosen options and then Continue, and at the end waits for "Check your answers". The
// clicks are the controls' own click() (the page's click and change handlers run as for a person's
// click; the engine's pointer events do not: devkit/engines.py's EngineDriver gives those).
// steps: [[questionId, [optionId, ...]], ...] in the order the page asks them.
async (steps, timeoutMs) => {
  const shown = (element) => Boolean(element) && element.getClientRects().length > 0
    && getComputedStyle(element).visibility !== "hidden";
  const until = (test, what) => new Promise((resolve, reject) => {
    const start = performance.now();
    const check = () => {
      if (test()) resolve();
      else if (performance.now() - start > timeoutMs) reject(new Error(`${what} not shown after ${timeoutMs} ms`));
      else setTimeout(check, 10);
    };
    check();
  });
  for (const [question, options] of steps) {
    await until(() => shown(document.getElementById(`sc-q-${question}-title`)), `the question ${question}`);
    for (const option of options) {
      const input = document.getElementById(`sc-${question}-${option}`);
      if (!input.checked) input.click();
      if (!input.checked) throw new Error(`the click on ${input.id} did not choose it`);
    }
    document.querySelector("[data-sc-continue]").click();
  }
  await until(() => shown(document.querySelector("[data-sc-review]:not([hidden])")), "Check your answers");
}
