// Waits, inside the page, until the element with this id has focus (at most `timeoutMs`).
(id, timeoutMs) => new Promise((resolve, reject) => {
  const start = performance.now();
  const check = () => {
    if (document.activeElement && document.activeElement.id === id) resolve(performance.now() - start);
    else if (performance.now() - start > timeoutMs) reject(new Error(`#${id} never took focus`));
    else setTimeout(check, 20);
  };
  check();
})
