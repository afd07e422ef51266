// Gives every visible element that takes keyboard focus a stable label (data-kb) and returns the
// labels in document order; a radio group is one Tab stop (arrow keys move within it), so its
// radios share one label.
() => {
    const labels = [];
    for (const el of document.querySelectorAll("*")) {
        if (el.tabIndex < 0 || el.disabled || el.hidden || !el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none") continue;
        const label = el.type === "radio" ? `radio ${el.name}` : `${el.tagName.toLowerCase()} #${labels.length} ${
            (el.getAttribute("aria-label") || el.textContent || el.name || "").trim().slice(0, 40)}`;
        el.dataset.kb = label;
        if (!labels.includes(label)) labels.push(label);
    }
    return labels;
}
