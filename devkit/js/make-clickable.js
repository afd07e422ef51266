// Brings `selector` to where a person could click it: if its middle is off screen or under something
// else (the sticky header, the crisis bar at the foot), it is scrolled to the middle of the screen.
// Returns its middle ({x, y}, in the viewport) once it has stayed in place for a tenth of a second and
// three frames (a step may still be scrolling into view, or a result still growing) and can be
// clicked there, else null.
async (selector) => {
  const target = document.querySelector(selector);
  if (!target) throw new Error(`${selector} is not in the page`);
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const middle = () => {
    const box = target.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  };
  const hittable = ({ x, y }) => {
    const hit = y >= 0 && y < innerHeight && x >= 0 && x < innerWidth ? document.elementFromPoint(x, y) : null;
    return Boolean(hit && target.contains(hit));
  };
  if (!hittable(middle())) target.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
  const before = middle();
  const start = performance.now();
  for (let frames = 0; frames < 3 || performance.now() - start < 100; frames += 1) {
    await frame();
    const now = middle();
    if (now.x !== before.x || now.y !== before.y) return null;
  }
  return hittable(before) ? before : null;
}
