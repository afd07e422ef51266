// Waits, inside the page, until the element with this id has focus (at most 30 s).
(id) => new Promise((resolve, reject) => {
  const start = performance.now();
  const check = () => {
    if (document.activeElement && document.activeElement.id === id) resolve();
    else if (performance.now() - start > 30000) reject(new Error(`#${id} never took focus`));
    else setTimeout(check, 50);
  };
  check();
})
