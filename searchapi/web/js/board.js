// The risk board (GET /api/v1/risks) and the recurring-issue clusters
// (GET /api/v1/clusters).

import { h, replace } from "./dom.js";
import { fmtDate, fmtInt, label } from "./labels.js";
import { categoryChips, docLink, emptyBox, hitTitle, riskBadge } from "./widgets.js";

function byDateDesc(a, b) {
  return new Date(b.date) - new Date(a.date);
}

function riskItem(hit, actions) {
  const place = [hit.city, hit.county].filter(Boolean).join(" · ");
  return h("li", { class: `risk-item risk-item-${hit.risk.level}`, dataset: { id: hit.id } },
    h("div", { class: "hit-head" },
      docLink(hit.id, hitTitle(hit), actions.openDoc, "hit-title"),
      riskBadge(hit.risk)),
    h("div", { class: "hit-meta" },
      h("span", null, fmtDate(hit.date)),
      place ? h("span", null, place) : null,
      typeof hit.headcount === "number" ? h("span", null, `${fmtInt(hit.headcount)}人`) : null,
      categoryChips(hit.categories, null)),
    hit.risk.reasons && hit.risk.reasons.length
      ? h("ul", { class: "reasons", "aria-label": "风险依据" }, hit.risk.reasons.map((r) => h("li", null, r)))
      : h("p", { class: "muted small" }, "未给出依据"));
}

function riskColumn(level, title, col, actions) {
  const list = ((col && col.records) || []).filter((x) => x.risk && x.risk.level === level).sort(byDateDesc);
  let note = "按时间从新到旧";
  if (col && col.total > list.length) note = `共 ${fmtInt(col.total)} 件，列出评分最高的 ${list.length} 件，按时间从新到旧`;
  let empty = `当前条件下没有${title}信访件`;
  if (!col) empty = `已按风险等级筛选，不含${title}`;
  return h("section", { class: `card risk-col risk-col-${level}`, "aria-labelledby": `risk-col-${level}` },
    h("header", { class: "card-head" },
      h("h2", { id: `risk-col-${level}` }, title),
      h("span", { class: `risk-count risk-${level}` }, `${fmtInt(col && col.total > list.length ? col.total : list.length)} 件`),
      h("span", { class: "muted small" }, note)),
    list.length
      ? h("ol", { class: "risk-list" }, list.map((x) => riskItem(x, actions)))
      : emptyBox(empty));
}

/**
 * renderRisks draws the risk board: a column each for high and medium
 * records with their reasons, newest first, and the clusters ranked by
 * risk. board: {high, medium} each {records, total} or null when the
 * filters leave the level out, and clusters.
 */
export function renderRisks(el, board, actions) {
  const clusters = (board && board.clusters) || [];
  replace(el,
    h("div", { class: "risk-cols" },
      riskColumn("high", "高风险", board.high, actions),
      riskColumn("medium", "中风险", board.medium, actions)),
    h("section", { class: "card" },
      h("header", { class: "card-head" },
        h("h2", null, "风险聚集"),
        h("span", { class: "muted small" }, "同一主体、同一类别反复出现的信访事项")),
      clusterTable(clusters, actions, "当前条件下没有风险聚集")));
}

/** clusterTable lists clusters with their counts, dates and sample documents. */
export function clusterTable(clusters, actions, emptyText) {
  if (!clusters || clusters.length === 0) return emptyBox(emptyText || "当前条件下没有重复信访事项", "可放宽筛选条件，或降低最少件数。");
  return h("div", { class: "table-wrap" },
    h("table", { class: "clusters" },
      h("thead", null, h("tr", null,
        h("th", { scope: "col" }, "涉及主体"),
        h("th", { scope: "col" }, "类别"),
        h("th", { scope: "col" }, "盟市"),
        h("th", { scope: "col", class: "num" }, "件数"),
        h("th", { scope: "col", class: "num", title: "按信访人去重（不显示身份）" }, "信访人"),
        h("th", { scope: "col" }, "首次"),
        h("th", { scope: "col" }, "最近"),
        h("th", { scope: "col" }, "风险"),
        h("th", { scope: "col" }, "样本"))),
      h("tbody", null, clusters.map((c) => h("tr", { dataset: { key: c.key } },
        h("th", { scope: "row", class: "cluster-subject" }, c.subject
          ? h("button", { type: "button", class: "linklike", title: "检索该主体", on: { click: () => actions.searchSubject(c.subject) } }, c.subject)
          : h("span", { class: "muted" }, "（未识别主体）")),
        h("td", null, h("span", { class: "chip chip-cat" }, label("category", c.category))),
        h("td", { class: "nowrap" }, c.city || "—"),
        h("td", { class: "num" }, actions.openCluster
          ? h("button", { type: "button", class: "linklike cluster-open", title: `查看本组全部 ${c.count} 件`, on: { click: () => actions.openCluster(c) } }, fmtInt(c.count))
          : fmtInt(c.count)),
        h("td", { class: "num" }, fmtInt(c.complainants)),
        h("td", { class: "nowrap" }, fmtDate(c.first_seen)),
        h("td", { class: "nowrap" }, fmtDate(c.last_seen)),
        h("td", null, riskBadge(c.risk, { withScore: false }) || "—"),
        h("td", null, h("div", { class: "samples" }, (c.sample_ids || []).map((id) => docLink(id, id, actions.openDoc, "sample-link")))))))));
}

/** CLUSTER_LIMIT is the most clusters the view asks for (the API's maximum). */
export const CLUSTER_LIMIT = 100;

/** renderClusters draws the recurring-issue view. */
export function renderClusters(el, clusters, state, actions) {
  const list = clusters || [];
  const min = h("select", {
    id: "min-count", "aria-label": "最少件数",
    on: { change: (ev) => actions.setMin(parseInt(ev.target.value, 10)) },
  }, [2, 3, 5, 10].map((n) => h("option", { value: String(n), selected: n === state.min }, `≥ ${n} 件`)));
  replace(el, h("section", { class: "card" },
    h("header", { class: "card-head" },
      h("h2", null, "重复信访"),
      h("span", { class: "muted small" }, `${list.length >= CLUSTER_LIMIT ? `列出前 ${list.length} 组` : `${list.length} 组`} · 同一主体、类别与盟市的信访件归为一组`),
      h("label", { class: "inline-label push-right" }, "最少件数 ", min)),
    clusterTable(list, actions)));
}
