// axe-core's WCAG violations inside `selector`, for the rule tags given, once the page is at rest:
// transitions still running end first (Material's "back to top" button fades in when the page
// scrolls up, and half-faded text is not what a person reads).
async ([selector, tags]) => {
  await Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null)));
  const result = await axe.run(document.querySelector(selector), { runOnly: { type: "tag", values: tags } });
  return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
}
