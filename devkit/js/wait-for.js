// Waits, inside the page, until an element matching `selector` is in the given state ("attached":
// in the document; "visible": rendered, with a box; "hidden": absent or not rendered), at most
// `timeoutMs`. One call, however long the wait: no round trip to the test per check.
(selector, state, timeoutMs) => new Promise((resolve, reject) => {
  const start = performance.now();
  const shown = (element) => element.getClientRects().length > 0
    && getComputedStyle(element).visibility !== "hidden";
  const holds = () => {
    const element = document.querySelector(selector);
    if (state === "attached") return element !== null;
    if (state === "hidden") return element === null || !shown(element);
    return element !== null && shown(element);
  };
  const check = () => {
    if (holds()) resolve(performance.now() - start);
    else if (performance.now() - start > timeoutMs) reject(new Error(`${selector} not ${state} after ${timeoutMs} ms`));
    else setTimeout(check, 20);
  };
  check();
})
