// The benchmark's in-page probe, installed with Playwright's add_init_script: it runs in every page
// before the page's own scripts, and takes every timestamp in the page (performance.now(), counted
// from navigation start), so nothing depends on how often Playwright polls.
(() => {
  if (window.__bench || window.top !== window) return;
  const bench = (window.__bench = {
    longTasks: [], frames: [], paint: {}, unsupported: [],
    answerable: null, ready: null, failed: null, click: null, resultDom: null, resultShown: null,
    resultHeadingOnScreen: null, resultInFirstFrame: null, clickNextPaint: null,
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
  // Event Timing (what INP measures): from the click's input to the presentation of the first frame
  // after its handlers, rounded to 8 ms. The browser reports only events of 16 ms or more.
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
      if (entry.name === "click" && entry.target?.closest?.("[data-sc-submit]")) bench.clickNextPaint = entry.duration;
    })).observe({ type: "event", durationThreshold: 16, buffered: true });
  } catch (error) {
    bench.unsupported.push("event");
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

  // "Result shown": the end of the first frame in which the result's heading is on screen, wholly
  // inside the viewport and below the sticky header, where a person can read it. A ResizeObserver's
  // first callback for the heading runs in the first frame that lays the result out, after layout
  // and before paint; if the heading is not on screen yet, each later frame is checked in its
  // requestAnimationFrame callback. The time is taken in a task after that frame (after paint).
  const headingOnScreen = (title) => {
    if (!title.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const box = title.getBoundingClientRect();
    const header = document.querySelector(".md-header");
    const covered = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    return box.height > 0 && box.top >= covered - 1 && box.bottom <= innerHeight + 1;
  };
  const afterThisFrame = (then) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(null);
  };
  const watchHeading = (title, dom) => {
    let first = true;
    const check = () => {
      if (bench.resultDom !== dom || bench.resultShown !== null) return;
      const onScreen = headingOnScreen(title);
      // The first check runs in the first frame after the click's handlers: the frame Event Timing times.
      if (first) bench.resultInFirstFrame = onScreen;
      first = false;
      if (!onScreen) return requestAnimationFrame(check);
      afterThisFrame(() => {
        if (bench.resultDom !== dom || bench.resultShown !== null) return;
        bench.resultShown = performance.now();
        bench.resultHeadingOnScreen = true;
      });
    };
    const observer = new ResizeObserver(() => {
      observer.disconnect();
      check();
    });
    observer.observe(title);
    // A result whose heading never comes on screen is recorded as such after 10 s.
    setTimeout(() => {
      if (bench.resultDom !== dom || bench.resultShown !== null) return;
      bench.resultShown = performance.now();
      bench.resultHeadingOnScreen = false;
    }, 10000);
  };

  // "Engine ready" and "result in the DOM": a MutationObserver's callback runs right after the change.
  new MutationObserver(() => {
    const state = document.querySelector("[data-sc-root]")?.dataset.engine;
    if (state === "ready" && bench.ready === null) bench.ready = performance.now();
    if (state === "failed" && bench.failed === null) bench.failed = performance.now();
    const result = document.querySelector("[data-sc-result]");
    if (bench.click && result && !result.hidden && bench.resultDom === null) {
      bench.resultDom = performance.now();
      watchHeading(result.querySelector("[data-sc-result-title]"), bench.resultDom);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-engine", "hidden"] });

  // The click on "See my result" is the last action; event.timeStamp is when the input arrived.
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-sc-submit]")) {
      bench.click = { timeStamp: event.timeStamp, handled: performance.now() };
    }
  }, true);
})();
