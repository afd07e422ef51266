// Which of `selectors` a printout would show, by applying print media to the page's own style sheets:
// every media query is evaluated as on paper (rules for print apply, rules for screen do not), in this
// engine's own cascade, with the page told it is about to print (beforeprint), so that what its
// scripts do for a printout is done too. Everything is put back afterwards (afterprint). For engines
// whose driver cannot switch the page to print media itself. Returns {selector: shown or null if absent}.
(selectors) => {
  const onPaper = (text) => text.replace(/\bprint\b/gi, "all").replace(/\bscreen\b/gi, "speech");
  const undo = [];
  const retarget = (media) => {
    if (!media || !media.mediaText) return;
    const before = media.mediaText;
    const after = onPaper(before);
    if (after === before) return;
    media.mediaText = after;
    undo.push(() => { media.mediaText = before; });
  };
  const visit = (rules) => {
    for (const rule of rules) {
      if (rule.media) retarget(rule.media);
      if (rule.cssRules) visit(rule.cssRules);
      if (rule.styleSheet) {
        retarget(rule.styleSheet.media);
        visit(rule.styleSheet.cssRules);
      }
    }
  };
  dispatchEvent(new Event("beforeprint"));
  for (const sheet of document.styleSheets) {
    retarget(sheet.media);
    visit(sheet.cssRules);
  }
  const shown = (element) => element.getClientRects().length > 0
    && getComputedStyle(element).visibility !== "hidden";
  const found = {};
  for (const selector of selectors) {
    const elements = [...document.querySelectorAll(selector)];
    found[selector] = elements.length ? elements.some(shown) : null;
  }
  for (const put of undo.reverse()) put();
  dispatchEvent(new Event("afterprint"));
  return found;
}
