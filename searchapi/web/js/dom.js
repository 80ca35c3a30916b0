// DOM helpers. Text always goes in through text nodes; the only markup the
// dashboard takes from the API is <mark> inside snippets, and markedText
// rebuilds that as elements rather than parsing HTML.

/**
 * h creates an element. attrs: plain attributes, plus `class`, `dataset`
 * (object), `on` (object of event listeners) and boolean attributes given as
 * true/false. Children: nodes, strings (as text), numbers, arrays, null.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "dataset") Object.assign(el.dataset, v);
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (v === true) el.setAttribute(k, "");
      else el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** clear removes every child of el and appends the given children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const entities = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** unescapeHTML decodes the character references of HTML-escaped text. */
export function unescapeHTML(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (all, ref) => {
    if (ref[0] === "#") {
      const n = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : all;
    }
    return Object.prototype.hasOwnProperty.call(entities, ref) ? entities[ref] : all;
  });
}

/**
 * markedText turns an API snippet (HTML-escaped text with <mark>…</mark>
 * around matched words) into a fragment of text nodes and <mark> elements.
 * Any other tag-like text stays literal text.
 */
export function markedText(snippet) {
  const frag = document.createDocumentFragment();
  const parts = String(snippet || "").split(/(<mark>|<\/mark>)/);
  let open = false;
  for (const p of parts) {
    if (p === "<mark>") { open = true; continue; }
    if (p === "</mark>") { open = false; continue; }
    if (!p) continue;
    const text = document.createTextNode(unescapeHTML(p));
    if (open) {
      const m = document.createElement("mark");
      m.appendChild(text);
      frag.appendChild(m);
    } else {
      frag.appendChild(text);
    }
  }
  return frag;
}

/**
 * highlightTerms returns a fragment of text with every occurrence of the
 * given terms wrapped in <mark class="cls">, longest term first.
 */
export function highlightTerms(text, terms, cls) {
  const frag = document.createDocumentFragment();
  const uniq = [...new Set((terms || []).filter((t) => t && t.length > 0))].sort((a, b) => b.length - a.length);
  if (uniq.length === 0) {
    frag.appendChild(document.createTextNode(text));
    return frag;
  }
  const re = new RegExp(uniq.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
    const mark = document.createElement("mark");
    if (cls) mark.className = cls;
    mark.textContent = m[0];
    frag.appendChild(mark);
    last = m.index + m[0].length;
  }
  if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
  return frag;
}
