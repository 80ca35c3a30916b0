// The result list of a search, with paging over opaque cursors.

import { h, markedText, replace } from "./dom.js";
import { MAX_ROWS } from "./export.js";
import { fmtDate, fmtInt, label } from "./labels.js";
import { categoryChips, docLink, emptyBox, hitTitle, riskBadge } from "./widgets.js";

/** PAGE_SIZE is the number of hits per page. */
export const PAGE_SIZE = 20;

function hitItem(hit, actions) {
  const place = [hit.city, hit.county].filter(Boolean).join(" · ");
  const meta = [
    h("span", { class: "meta-date" }, fmtDate(hit.date)),
    place ? h("span", { class: "meta-place" }, place) : null,
    h("span", { class: "meta-kind" }, label("kind", hit.kind)),
    typeof hit.headcount === "number" ? h("span", { class: "meta-count" }, `${fmtInt(hit.headcount)}人`) : null,
    h("span", { class: "meta-id" }, hit.id),
    hit.status ? h("span", { class: "meta-status" }, label("status", hit.status)) : null,
    hit.overdue ? h("span", { class: "badge badge-overdue", title: `期限 ${fmtDate(hit.deadline)}` },
      `${label("overdue", hit.overdue)}${fmtInt(hit.days_overdue || 0)}天`) : null,
    hit.repeat && hit.repeat.order > 1 ? h("span", { class: "badge badge-repeat", title: `初件 ${hit.repeat.first_id}` },
      `重件 第${hit.repeat.order}次（共${hit.repeat.count}次）`) : null,
    hit.joint ? h("span", { class: "badge badge-joint" }, "联名件") : null,
  ];
  return h("li", { class: `hit${hit.risk && hit.risk.level === "high" ? " hit-high" : ""}`, dataset: { id: hit.id } },
    h("div", { class: "hit-head" },
      docLink(hit.id, hitTitle(hit), actions.openDoc, "hit-title"),
      riskBadge(hit.risk)),
    h("div", { class: "hit-meta" }, meta),
    hit.snippet ? h("p", { class: "snippet" }, markedText(hit.snippet)) : null,
    h("div", { class: "hit-cats" }, categoryChips(hit.categories, actions.addCategory),
      hit.risk && hit.risk.reasons && hit.risk.reasons.length && hit.risk.level !== "low"
        ? h("span", { class: "hit-reasons" }, hit.risk.reasons.join("；")) : null));
}

/**
 * renderResults draws one page of hits and the pager. actions: openDoc(id),
 * addCategory(code), next(cursor), prev(), exportCSV(button).
 */
export function renderResults(el, res, state, actions) {
  const total = res.total || 0;
  const page = state.pages.length;
  const hits = res.hits || [];
  const header = h("div", { class: "results-head" },
    h("h2", null, "检索结果"),
    h("span", { class: "results-total", id: "results-total", dataset: { total: String(total) } },
      `共 ${fmtInt(total)} 条`),
    typeof res.took_ms === "number" ? h("span", { class: "muted small" }, `用时 ${res.took_ms.toFixed(1)} 毫秒`) : null,
    total > 0 && actions.exportCSV ? h("button", {
      type: "button", class: "btn btn-small push-right", id: "export-csv",
      title: `导出当前条件下的检索结果（最多 ${fmtInt(MAX_ROWS)} 条）；摘要与页面一样已脱敏`,
      on: { click: (ev) => actions.exportCSV(ev.currentTarget) },
    }, "导出 CSV") : null);
  // 您是不是要找: queries that would find more (a typo such as 躁音).
  const suggestions = (res.suggestions || []).length && actions.query
    ? h("p", { class: "suggestions" }, "您是不是要找：",
      ...res.suggestions.map((q, i) => [i ? "、" : "", h("a", {
        href: "#", class: "suggestion", on: { click: (ev) => { ev.preventDefault(); actions.query(q); } },
      }, q)]).flat())
    : null;
  const notes = [clusterNote(state, total, actions), expansionNote(res, state, actions)];
  if (hits.length === 0) {
    replace(el, header, ...notes, suggestions, page > 1
      ? emptyBox("没有更多结果", "已到最后一页。")
      : emptyBox("没有找到符合条件的信访件", "可以减少筛选条件、放宽日期范围，或换一个说法（例如“工资”“辛苦钱”）。"));
    if (page > 1) el.appendChild(pager(res, state, actions, total));
    return;
  }
  replace(el, header, ...notes, suggestions,
    h("ol", { class: "hits", start: String((page - 1) * PAGE_SIZE + 1) }, hits.map((x) => hitItem(x, actions))),
    pager(res, state, actions, total));
}

/** clusterNote says that the list is one recurring-issue cluster. */
function clusterNote(state, total, actions) {
  if (!state.cluster || !actions.clearCluster) return null;
  const name = actions.clusterName ? actions.clusterName(state.cluster) : "";
  return h("p", { class: "note cluster-note", id: "cluster-note" },
    `重复信访组${name ? `“${name}”` : ""}：共 ${fmtInt(total)} 件 `,
    h("button", { type: "button", class: "btn btn-small", id: "cluster-clear", on: { click: actions.clearCluster } }, "返回全部"));
}

/** expansionNote says how the query was widened, with a switch to search
 * the words as written (expand=false) and back. */
function expansionNote(res, state, actions) {
  if (!actions.setExpand || !state.q) return null;
  if (!state.expand) {
    return h("p", { class: "note expansion-note", id: "expansion-note" }, "已按原词检索（未扩展同义词） ",
      h("button", { type: "button", class: "btn btn-small", id: "expand-on", on: { click: () => actions.setExpand(true) } }, "扩展同义词"));
  }
  const ex = res.expansions || [];
  if (ex.length === 0) return null;
  const parts = ex.map((e) => {
    if (e.concept) {
      const terms = (e.terms || []).slice(0, 6).join("、");
      const more = (e.terms || []).length > 6 ? "等" : "";
      const cat = e.category ? `，及归入“${label("category", e.category)}”的信访件` : "";
      const risk = e.risk ? `，及${label("risk_level", e.risk)}信访件` : "";
      return `${e.word} → ${terms}${more}${cat}${risk}`;
    }
    if (e.place) return `${e.word} → 属地为${e.place}的信访件`;
    return `${e.word} → ${(e.parts || []).join(" … ")}`;
  });
  return h("p", { class: "note expansion-note", id: "expansion-note" },
    `已扩展检索：${parts.join("；")} `,
    h("button", { type: "button", class: "btn btn-small", id: "expand-off", on: { click: () => actions.setExpand(false) } }, "只按原词检索"));
}

function pager(res, state, actions, total) {
  const page = state.pages.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return h("nav", { class: "pager", "aria-label": "分页" },
    h("button", { type: "button", class: "btn", id: "page-prev", disabled: page <= 1, on: { click: actions.prev } }, "‹ 上一页"),
    h("span", { class: "pager-info" }, `第 ${page} / ${fmtInt(pages)} 页`),
    h("button", {
      type: "button", class: "btn", id: "page-next", disabled: !res.cursor || page >= pages,
      on: { click: () => actions.next(res.cursor) },
    }, "下一页 ›"));
}
