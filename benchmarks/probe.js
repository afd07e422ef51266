// The benchmark's in-page probe, installed with Playwright's add_init_script: it runs in every page
// before the page's own scripts, and takes every timestamp in the page (performance.now(), counted
// from navigation start), so nothing depends on how often Playwright polls.
(() => {
  if (window.__bench || window.top !== window) return;
  const bench = (window.__bench = {
    longTasks: [], frames: [], paint: {}, unsupported: [],
    answerable: null, ready: null, failed: null, click: null, resultDom: null, resultShown: null,
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
      url: script.sourceURL, invoker: script.invoker, start: script.startTime, duration: script.duration,
    })),
  }));
  observe("paint", (entry) => { bench.paint[entry.name] = entry.startTime; });

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

  // "Engine ready" and "result shown": a MutationObserver's callback runs right after the change.
  // "Shown" is the end of the first frame in which the result's heading is on screen: inside the
  // viewport and below the sticky header, where a person can read it. Each frame is checked in its
  // requestAnimationFrame callback (the state that frame paints), and the time is taken in a task
  // after it (after paint).
  const headingOnScreen = () => {
    const title = document.querySelector("[data-sc-result-title]");
    if (!title || !title.checkVisibility()) return false;
    const box = title.getBoundingClientRect();
    const header = document.querySelector(".md-header");
    const top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    return box.height > 0 && box.top >= top - 1 && box.bottom <= innerHeight + 1;
  };
  const whenHeadingPainted = (then, framesLeft = 600) => requestAnimationFrame(() => {
    if (!headingOnScreen() && framesLeft > 0) return whenHeadingPainted(then, framesLeft - 1);
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(null);
  });
  new MutationObserver(() => {
    const state = document.querySelector("[data-sc-root]")?.dataset.engine;
    if (state === "ready" && bench.ready === null) bench.ready = performance.now();
    if (state === "failed" && bench.failed === null) bench.failed = performance.now();
    const result = document.querySelector("[data-sc-result]");
    if (bench.click && result && !result.hidden && bench.resultDom === null) {
      bench.resultDom = performance.now();
      whenHeadingPainted(() => {
        bench.resultShown = performance.now();
        bench.resultHeadingOnScreen = headingOnScreen();
      });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-engine", "hidden"] });

  // The click on "See my result" is the last action; event.timeStamp is when the input arrived.
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-sc-submit]")) {
      bench.click = { timeStamp: event.timeStamp, handled: performance.now() };
    }
  }, true);
})();
