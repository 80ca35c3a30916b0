// The 办理时效 view (GET /api/v1/handling): handling time from receipt to
// close (p50/p90 days) and open and overdue petitions, overall and per
// 盟市, 旗县区, category or respondent. Overdue is counted at the time of
// the request.

import { h, replace } from "./dom.js";
import { fmtInt } from "./labels.js";
import { emptyBox } from "./widgets.js";

/** HANDLING_BY lists the groupings with their Chinese names. */
export const HANDLING_BY = { city: "盟市", county: "旗县区", category: "类别", respondent: "被反映单位" };

function days(v) {
  return typeof v === "number" ? `${v.toFixed(1)}天` : "—";
}

function row(g, maxOverdue, cls, onPick) {
  const width = maxOverdue > 0 ? Math.round((g.overdue / maxOverdue) * 60) : 0;
  const name = onPick && g.key ? h("a", { href: "#", on: { click: (ev) => { ev.preventDefault(); onPick(g.key); } } }, g.label) : g.label;
  return h("tr", { class: cls || null, dataset: { key: g.key || "" } },
    h("td", null, name),
    h("td", null, fmtInt(g.records)),
    h("td", null, fmtInt(g.people)),
    h("td", null, fmtInt(g.open)),
    h("td", { class: "handling-overdue" }, fmtInt(g.overdue),
      width ? h("span", { class: "handling-bar", style: `width:${width}px` }) : null),
    h("td", null, fmtInt(g.overdue_acceptance)),
    h("td", null, fmtInt(g.overdue_handling)),
    h("td", null, fmtInt(g.closed)),
    h("td", null, days(g.p50_days)),
    h("td", null, days(g.p90_days)));
}

/**
 * renderHandling draws the handling figures. by is the grouping;
 * actions.setBy(by) changes it, actions.pick(by, key) filters on a group
 * (盟市 and 旗县区 only).
 */
export function renderHandling(el, res, by, actions) {
  const groups = res.groups || [];
  const select = h("select", { id: "handling-by", on: { change: (ev) => actions.setBy(ev.currentTarget.value) } },
    Object.entries(HANDLING_BY).map(([v, t]) => h("option", { value: v, selected: v === by ? "selected" : null }, `按${t}`)));
  const head = h("header", { class: "card-head" },
    h("h2", null, "办理时效"),
    h("label", { class: "inline-label push-right" }, "分组 ", select));
  const note = h("p", { class: "chart-note" },
    `办理用时 = 办结时间 − 登记时间（仅含有办结时间的信访件，p50/p90 为中位数与九成分位，单位天）；超期按当前时间（${new Date(res.as_of).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}）计算：有办理期限按期限，已受理按受理后60日，未受理按登记后15日（《信访工作条例》）。`);
  if (!res.overall || res.overall.records === 0) {
    replace(el, h("section", { class: "card" }, head, emptyBox("没有符合条件的信访件", "可以减少筛选条件或放宽日期范围。")));
    return;
  }
  const maxOverdue = Math.max(0, ...groups.map((g) => g.overdue));
  const pick = (by === "city" || by === "county") && actions.pick ? (key) => actions.pick(by, key) : null;
  const table = h("table", { class: "handling-table", id: "handling-table" },
    h("thead", null, h("tr", null,
      ["分组", "件次", "人次", "未办结", "超期", "受理超期", "办理超期", "已办结", "用时 p50", "用时 p90"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", null, row(res.overall, 0, "overall", null), groups.map((g) => row(g, maxOverdue, null, pick))));
  replace(el, h("section", { class: "card" }, head, table, note));
}
