// The facet sidebar: one group per filter field, each value a toggle button
// with its count. Selected values stay visible (count 0 when the API no
// longer lists them) so they can always be switched off here too.

import { h, replace } from "./dom.js";
import { FACETS, fmtInt, label } from "./labels.js";

const expanded = new Set();

function ordered(def, values) {
  const list = [...values];
  if (Array.isArray(def.order)) {
    const rank = (v) => {
      const i = def.order.indexOf(v.value);
      return i < 0 ? def.order.length : i;
    };
    list.sort((a, b) => rank(a) - rank(b) || b.count - a.count);
  } else {
    list.sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value), "zh-CN"));
  }
  return list;
}

/**
 * renderFacets draws the sidebar into el. facets: the API's facets object;
 * state: the dashboard state; onToggle(key, value) is called on a click.
 */
export function renderFacets(el, facets, state, onToggle) {
  const groups = [];
  for (const def of FACETS) {
    const selected = state.filters[def.key];
    const values = (facets && facets[def.key]) || [];
    const seen = new Set(values.map((v) => v.value));
    const all = ordered(def, values.filter((v) => v.count > 0 || selected.includes(v.value)));
    for (const v of selected) if (!seen.has(v)) all.unshift({ value: v, label: label(def.key, v), count: 0 });
    if (all.length === 0) continue;

    const limit = def.more && !expanded.has(def.key) ? def.more : Infinity;
    const shown = all.filter((v, i) => i < limit || selected.includes(v.value));
    const items = shown.map((v) => {
      const on = selected.includes(v.value);
      return h("li", null,
        h("button", {
          type: "button",
          class: on ? "facet-value on" : "facet-value",
          "aria-pressed": on ? "true" : "false",
          title: on ? "取消此筛选" : "按此筛选",
          dataset: { facet: def.key, value: v.value },
          on: { click: () => onToggle(def.key, v.value) },
        },
        h("span", { class: "facet-check", "aria-hidden": "true" }),
        h("span", { class: `facet-label${def.key === "risk_level" ? ` risk-text-${v.value}` : ""}` }, label(def.key, v.value)),
        h("span", { class: "facet-count" }, fmtInt(v.count))));
    });
    let more = null;
    if (all.length > shown.length || (def.more && expanded.has(def.key) && all.length > def.more)) {
      const open = expanded.has(def.key);
      more = h("button", {
        type: "button", class: "facet-more", "aria-expanded": open ? "true" : "false",
        on: {
          click: () => {
            if (open) expanded.delete(def.key); else expanded.add(def.key);
            renderFacets(el, facets, state, onToggle);
          },
        },
      }, open ? "收起" : `展开全部 ${all.length} 项`);
    }
    const headId = `facet-h-${def.key}`;
    groups.push(h("section", { class: "facet", "aria-labelledby": headId, dataset: { facet: def.key } },
      h("h3", { id: headId }, def.title, selected.length ? h("span", { class: "facet-selected" }, `已选 ${selected.length}`) : null),
      h("ul", null, items),
      more));
  }
  if (groups.length === 0) {
    replace(el, h("p", { class: "muted small" }, "暂无可筛选项"));
    return;
  }
  replace(el, h("h2", { class: "sr-only" }, "分面筛选"), groups);
}
