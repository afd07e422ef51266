// Small DOM helpers the self-check's modules share.

// An element with attributes and children (text or nodes), built with DOM APIs only.
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// Sets `hidden` only when it changes: rewriting the attribute would make the browser restyle.
export function setHidden(node, hidden) {
  if (node.hidden !== hidden) node.hidden = hidden;
}
