// Which of `selectors` are shown (rendered, and not hidden by visibility), as the page is styled now:
// {selector: shown or null if absent}.
(selectors) => {
  const shown = (element) => element.getClientRects().length > 0
    && getComputedStyle(element).visibility !== "hidden";
  const found = {};
  for (const selector of selectors) {
    const elements = [...document.querySelectorAll(selector)];
    found[selector] = elements.length ? elements.some(shown) : null;
  }
  return found;
}
