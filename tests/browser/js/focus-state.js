// What has focus now: its label (from tag-focusables.js), its tag, whether its focus is visible
// (an outline or a box shadow, on it or on its label), and whether it had focus before.
() => {
    const el = document.activeElement;
    const styled = (node) => {
        const style = getComputedStyle(node);
        return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    };
    // A visually hidden input may show its focus on its label, or on the label beside it (Material's
    // palette toggle).
    const beside = el.nextElementSibling && el.nextElementSibling.tagName === "LABEL" ? [el.nextElementSibling] : [];
    const visible = styled(el) || [...(el.labels || []), ...beside].some(styled);
    const again = el.hasAttribute("data-kb-seen");
    el.setAttribute("data-kb-seen", "");
    return {label: el.dataset ? el.dataset.kb || el.outerHTML.slice(0, 80) : null, tag: el.tagName, visible, again};
}
