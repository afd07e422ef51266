// Waits until the page is at rest: every animation and transition that ends has ended (a change of
// palette fades the colours; Material's "Back to top" button fades in when the page scrolls up),
// those that start meanwhile too, for at most `limit` ms. Returns those still running then (none,
// if all is well): one paused, or slower than the limit, is named rather than waited for without end.
async (limit) => {
  const deadline = performance.now() + limit;
  const running = () => document.getAnimations().filter((a) =>
    a.effect && a.effect.getComputedTiming().endTime !== Infinity && a.playState !== "finished");
  let left = running();
  while (left.length && !left.some((a) => a.playState === "paused") && performance.now() < deadline) {
    await Promise.race([
      Promise.all(left.map((a) => a.finished.catch(() => null))),
      new Promise((resolve) => setTimeout(resolve, deadline - performance.now())),
    ]);
    left = running();
  }
  return left.map((a) => {
    const target = a.effect.target;
    const name = a.transitionProperty || a.animationName || a.id || "an animation";
    const classes = target ? [...target.classList].map((c) => "." + c).join("") : "";
    const where = target ? `${target.localName}${target.id ? "#" + target.id : ""}${classes}` : "no element";
    return `${a.constructor.name} ${name} on ${where} (${a.playState})`;
  });
}
