// Everything that can make two renderings of a page look different, as one string per element: its
// own, its ::before's and its ::after's values of `properties`, after the page's palette attributes
// and colour metadata.
(properties) => {
    const style = (el, pseudo) => {
        const computed = getComputedStyle(el, pseudo);
        return properties.map((p) => computed.getPropertyValue(p)).join("\u001f");
    };
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        [...el.classList].map((c) => "." + c).join("") + (el.hidden ? "[hidden]" : "");
    return [
        "body " + [...document.body.attributes].map((a) => `${a.name}=${a.value}`).sort().join(" "),
        "meta " + [...document.querySelectorAll("meta[name=color-scheme], meta[name=theme-color]")]
            .map((m) => `${m.name}=${m.content}`).join(" "),
        ...[...document.querySelectorAll("*")].map((el) =>
            [name(el), style(el), style(el, "::before"), style(el, "::after")].join("\n")),
    ];
}
