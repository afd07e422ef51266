// Where a person would click `selector`: the middle of it, if that point is on screen and not under
// something else (such as the sticky header); otherwise it is scrolled to the middle of the screen
// first, and null is returned.
(selector) => {
  const target = document.querySelector(selector);
  const box = target.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = y >= 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
  if (hit && target.contains(hit)) return { x, y };
  target.scrollIntoView({ block: "center" });
  return null;
}
