// axe-core's violations inside `selector`, for the rule tags given (the page at rest first:
// tests/browser/palette.py, at_rest).
async ([selector, tags]) => {
  const result = await axe.run(document.querySelector(selector), { runOnly: { type: "tag", values: tags } });
  return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
}
