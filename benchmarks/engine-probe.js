// The engines' probe (benchmarks/engines.py), the same in every engine: installed once the page has
// loaded (WebKitWebDriver cannot add a script before the page's own), it notes, with performance.now()
// (from the navigation's start), when the page says its engine is ready, the click on "See my result",
// when the result is then in the DOM, and when the frame after that has been drawn. Says whether the
// engine was ready already, too early to time.
() => {
  const root = document.querySelector("[data-sc-root]");
  const result = document.querySelector("[data-sc-result]");
  const probe = (window.__engineProbe = {
    ready: null, failed: null, click: null, resultDom: null, resultShown: null,
    load: performance.getEntriesByType("navigation")[0]?.loadEventEnd ?? null,
  });
  const early = root.dataset.engine === "ready" || root.dataset.engine === "failed";
  new MutationObserver(() => {
    if (root.dataset.engine === "ready" && probe.ready === null) probe.ready = performance.now();
    if (root.dataset.engine === "failed" && probe.failed === null) probe.failed = performance.now();
  }).observe(root, { attributes: true, attributeFilter: ["data-engine"] });
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-sc-submit]")) probe.click = event.timeStamp;
  }, true);
  new MutationObserver(() => {
    if (probe.click === null || probe.resultDom !== null || result.hidden) return;
    probe.resultDom = performance.now();
    // The frame that shows the result: its animation-frame callbacks run, then it is drawn, then
    // the task queued here runs.
    requestAnimationFrame(() => setTimeout(() => { probe.resultShown = performance.now(); }, 0));
  }).observe(result, { attributes: true, attributeFilter: ["hidden"] });
  return early;
}
