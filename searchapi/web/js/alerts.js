// The 预警 inbox: the alerts the watches raised (GET /api/v1/alerts), each
// with its records, acknowledged (POST …/ack) and assigned (POST
// …/assign) in place; the watches themselves below (GET /api/v1/watches).

import { h, replace } from "./dom.js";
import { facetTitle, fmtDateTime, fmtInt, label } from "./labels.js";
import { categoryChips, docLink, emptyBox, riskBadge } from "./widgets.js";

const RULES = { match: "逐条匹配", count: "数量阈值", spike: "趋势激增", cluster: "重复聚集" };

const DELIVERY = { none: "未配置推送", pending: "待推送", delivered: "已推送", cancelled: "已取消推送" };

/** ruleText describes a watch's rule in Chinese. */
export function ruleText(rule) {
  if (!rule) return "";
  switch (rule.type) {
    case "count": return `${RULES.count}：${rule.window || "24h"}内达到${rule.count}件`;
    case "spike": return `${RULES.spike}：按${rule.by === "city" ? "盟市" : "类别"}、按${{ day: "日", week: "周", month: "月" }[rule.interval] || "日"}`;
    case "cluster": return `${RULES.cluster}：同一事项达到${rule.count}件`;
    default: return RULES[rule.type] || rule.type;
  }
}

function deliveryText(a) {
  let s = DELIVERY[a.delivery] || a.delivery;
  if (a.delivery === "pending" && a.attempts > 0) s += `（已尝试${a.attempts}次）`;
  if (a.delivery === "delivered" && a.attempts > 1) s += `（第${a.attempts}次成功）`;
  return s;
}

function recordItem(r, actions) {
  const place = [r.city, r.county].filter(Boolean).join(" · ");
  return h("li", { class: "alert-record" },
    docLink(r.id, r.title || r.id, actions.openDoc, "hit-title"),
    riskBadge(r.risk),
    h("span", { class: "muted small" }, [fmtDateTime(r.date), place].filter(Boolean).join(" · ")),
    categoryChips(r.categories, null));
}

function alertItem(a, actions) {
  const input = h("input", { type: "text", class: "assign-input", maxlength: "50", placeholder: "承办人", "aria-label": "指派给", value: a.assignee || "" });
  const assign = h("form", {
    class: "assign-form",
    on: {
      submit: (ev) => {
        ev.preventDefault();
        if (input.value.trim()) actions.assign(a.id, input.value.trim());
      },
    },
  }, input, h("button", { type: "submit", class: "btn btn-small" }, "指派"));
  const acked = Boolean(a.acked_at);
  return h("li", { class: `alert-item${acked ? " alert-acked" : ""}`, dataset: { id: a.id } },
    h("div", { class: "alert-head" },
      h("span", { class: `alert-state ${acked ? "alert-state-acked" : "alert-state-open"}` }, acked ? "已确认" : "待处理"),
      h("strong", { class: "alert-watch" }, a.watch_name),
      h("span", { class: "chip" }, ruleText(a.rule)),
      h("span", { class: "alert-summary" }, a.summary),
      h("span", { class: "muted small push-right" }, `触发于 ${fmtDateTime(a.fired_at)}`)),
    h("ol", { class: "alert-records" }, (a.records || []).map((r) => recordItem(r, actions))),
    h("div", { class: "alert-foot" },
      h("span", { class: `small delivery-${a.delivery}`, title: a.last_error || "" }, deliveryText(a)),
      a.assignee ? h("span", { class: "small" }, `承办人：${a.assignee}`) : null,
      acked ? h("span", { class: "small muted" }, `${a.acked_by ? `${a.acked_by} ` : ""}确认于 ${fmtDateTime(a.acked_at)}`) : null,
      h("span", { class: "push-right alert-actions" },
        assign,
        acked ? null : h("button", { type: "button", class: "btn btn-small btn-primary alert-ack", on: { click: () => actions.ack(a.id) } }, "确认"))));
}

function watchTable(watches) {
  if (!watches.length) return emptyBox("尚未设置预警规则", "可通过 POST /api/v1/watches 设置：检索词与筛选条件同检索分析，规则为逐条匹配、数量阈值、趋势激增或重复聚集。");
  return h("div", { class: "table-wrap" },
    h("table", { class: "clusters watches" },
      h("thead", null, h("tr", null,
        h("th", { scope: "col" }, "名称"),
        h("th", { scope: "col" }, "检索词"),
        h("th", { scope: "col" }, "筛选"),
        h("th", { scope: "col" }, "规则"),
        h("th", { scope: "col" }, "推送地址"),
        h("th", { scope: "col" }, "创建时间"))),
      h("tbody", null, watches.map((w) => h("tr", { dataset: { id: w.id } },
        h("th", { scope: "row" }, w.name),
        h("td", null, w.q || "—"),
        h("td", null, Object.entries(w.filters || {}).map(([k, vs]) => vs.map((v) => h("span", { class: "chip" }, `${facetTitle(k) || k}：${label(k, v)}`)))),
        h("td", null, ruleText(w.rule)),
        h("td", { class: "small" }, w.webhook ? w.webhook.url : "—"),
        h("td", { class: "nowrap" }, fmtDateTime(w.created_at)))))));
}

/**
 * renderAlerts draws the inbox: alerts newest first, filtered by state
 * (open, acked or all), and the watches. actions: ack(id), assign(id,
 * name), setState(state), openDoc(id).
 */
export function renderAlerts(el, alerts, watches, state, actions) {
  const pick = h("select", {
    id: "alert-state", "aria-label": "预警状态",
    on: { change: (ev) => actions.setState(ev.target.value) },
  }, [["open", "待处理"], ["acked", "已确认"], ["", "全部"]].map(([v, t]) => h("option", { value: v, selected: v === state }, t)));
  replace(el,
    h("section", { class: "card" },
      h("header", { class: "card-head" },
        h("h2", null, "预警"),
        h("span", { class: "muted small" }, `${fmtInt(alerts.length)} 条 · 预警规则在信访件入库时即时判断，并推送至各规则的接收地址`),
        h("label", { class: "inline-label push-right" }, "状态 ", pick)),
      alerts.length
        ? h("ol", { class: "alert-list" }, alerts.map((a) => alertItem(a, actions)))
        : emptyBox(state === "open" ? "没有待处理的预警" : "没有预警")),
    h("section", { class: "card" },
      h("header", { class: "card-head" },
        h("h2", null, "预警规则"),
        h("span", { class: "muted small" }, `${fmtInt(watches.length)} 条`)),
      watchTable(watches)));
}
