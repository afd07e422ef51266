// The benchmark's in-page probe, installed with Playwright's add_init_script: it runs in every page
// before the page's own scripts, and takes every timestamp in the page (performance.now(), counted
// from navigation start), so nothing depends on how often Playwright polls.
(() => {
  if (window.__bench || window.top !== window) return;
  const bench = (window.__bench = {
    longTasks: [], frames: [], paint: {}, unsupported: [],
    answerable: null, ready: null, failed: null, click: null, resultDom: null,
    resultPainted: null,
  });

  const observe = (type, handle) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(handle)).observe({ type, buffered: true });
    } catch (error) {
      bench.unsupported.push(type);
    }
  };
  observe("longtask", (entry) => bench.longTasks.push({ start: entry.startTime, duration: entry.duration }));
  // Long animation frames name the scripts that ran in them: this is how a long task is traced to its source.
  observe("long-animation-frame", (entry) => bench.frames.push({
    start: entry.startTime,
    duration: entry.duration,
    blocking: entry.blockingDuration,
    scripts: entry.scripts.map((script) => ({
      url: script.sourceURL, invoker: script.invoker, type: script.invokerType,
      where: `${script.sourceFunctionName || "(anonymous)"}@${script.sourceCharPosition}`,
      start: script.startTime, duration: script.duration,
    })),
  }));
  observe("paint", (entry) => { bench.paint[entry.name] = entry.startTime; });
  // Where the sticky header ends: what is above it is not readable.
  const headerBottom = () => {
    const header = document.querySelector(".md-header");
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  };

  // "Result shown": when the result's heading is first painted, as the screen presents it (Element
  // Timing's renderTime), if it was then wholly inside the viewport and below the sticky header,
  // where a person can read it. The page never paints it before "See my result": it is laid out in
  // advance but clipped or hidden.
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
      if (entry.identifier !== "sc-result-title" || bench.resultPainted !== null) return;
      // The painted part is the heading's text, cut to the viewport: it was on screen if none of the
      // text was cut off and none of it was under the sticky header.
      const painted = entry.intersectionRect;
      const text = document.createRange();
      text.selectNodeContents(entry.element);
      bench.resultPainted = {
        time: entry.renderTime,
        onScreen: painted.height > 0 && painted.height >= text.getBoundingClientRect().height - 1
          && painted.top >= headerBottom() - 1,
      };
    })).observe({ type: "element", buffered: true });
    document.addEventListener("DOMContentLoaded", () => {
      document.querySelector("[data-sc-result-title]")?.setAttribute("elementtiming", "sc-result-title");
    });
  } catch (error) {
    bench.unsupported.push("element");
  }

  // "First question answerable": the first frame in which every input of the first question is
  // rendered and enabled. requestAnimationFrame runs once per frame, just before it is painted.
  const answerable = () => {
    const question = document.querySelector("[data-question]");
    const inputs = question ? [...question.querySelectorAll("input")] : [];
    return inputs.length > 0 && inputs.every((input) => input.matches(":enabled") && input.checkVisibility());
  };
  const poll = () => {
    if (answerable()) bench.answerable = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);

  // "Engine ready" and "result in the DOM": a MutationObserver's callback runs right after the change.
  // Once the result is in the DOM it stops watching, so that its callback does not run in the frames
  // that show the result (the theme toggles "hidden" on its back-to-top button when the page scrolls).
  const watcher = new MutationObserver(() => {
    const state = document.querySelector("[data-sc-root]")?.dataset.engine;
    if (state === "ready" && bench.ready === null) bench.ready = performance.now();
    if (state === "failed" && bench.failed === null) bench.failed = performance.now();
    const result = document.querySelector("[data-sc-result]");
    if (bench.click && result && !result.hidden && bench.resultDom === null) {
      bench.resultDom = performance.now();
      watcher.disconnect();
    }
  });
  watcher.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-engine", "hidden"] });

  // The click on "See my result" is the last action; event.timeStamp is when the input arrived.
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-sc-submit]")) {
      bench.click = { timeStamp: event.timeStamp, handled: performance.now() };
    }
  }, true);
})();
