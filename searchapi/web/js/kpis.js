// The figures above the charts: totals a leader's screen starts with. Each
// one but the first is a shortcut to the filter that gives it.

import { h, replace } from "./dom.js";
import { fmtBucket, fmtInt } from "./labels.js";

const SVG = "http://www.w3.org/2000/svg";
const INTERVAL_TEXT = { day: "日", week: "周", month: "月" };

/** spark draws a histogram as a small area chart. */
function spark(hist) {
  const buckets = (hist && hist.buckets) || [];
  if (buckets.length < 2) return null;
  const w = 120;
  const ht = 30;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const pts = buckets.map((b, i) => [(i / (buckets.length - 1)) * w, ht - 2 - (b.count / max) * (ht - 4)]);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${ht}`);
  svg.setAttribute("class", "kpi-spark");
  svg.setAttribute("preserveAspectRatio", "none");
  const first = fmtBucket(buckets[0].start, hist.interval);
  const last = fmtBucket(buckets[buckets.length - 1].start, hist.interval);
  const title = document.createElementNS(SVG, "title");
  title.textContent = `按${INTERVAL_TEXT[hist.interval] || hist.interval}件数，${first} 至 ${last}，最多 ${max} 件`;
  const area = document.createElementNS(SVG, "path");
  area.setAttribute("d", `M0,${ht} L${pts.map((p) => p.map((n) => n.toFixed(1)).join(",")).join(" L")} L${w},${ht} Z`);
  area.setAttribute("class", "kpi-spark-area");
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", pts.map((p) => p.map((n) => n.toFixed(1)).join(",")).join(" "));
  line.setAttribute("class", "kpi-spark-line");
  svg.append(title, area, line);
  return svg;
}

function count(facets, key, values) {
  return ((facets && facets[key]) || []).filter((v) => values.includes(v.value)).reduce((n, v) => n + v.count, 0);
}

function same(a, b) {
  return a.length === b.length && a.every((v) => b.includes(v));
}

/**
 * renderKpis draws the figures of a search result. pet is the same search
 * restricted to petitions (null while it loads): the 信访件, 集体访 and 未办结
 * figures count petitions only, since bulletins report on petitions. The
 * 涉及盟市 figure follows the 盟市 filter. setFilter(key, values) replaces
 * one filter; a figure whose filter is already set switches it off.
 */
export function renderKpis(el, res, pet, state, setFilter) {
  const f = res.facets || {};
  const pf = (pet && pet.facets) || {};
  const pending = "…";
  const open = ["accepted", "assigned", "in_progress"];
  const group = ["5-29", "30+"];
  const picked = state.filters.city || [];
  const cities = ((f.city) || []).filter((v) => v.count > 0 && (!picked.length || picked.includes(v.value))).length;
  const figure = (cls, title, value, note, key, values, extra) => {
    const on = key && same(state.filters[key], values);
    const body = [
      h("span", { class: "kpi-title" }, title),
      extra || null,
      h("span", { class: "kpi-value" }, value),
      h("span", { class: "kpi-note" }, on ? "已筛选 · 再点取消" : note),
    ];
    if (!key) return h("div", { class: `kpi ${cls}` }, body);
    return h("button", {
      type: "button", class: `kpi ${cls}${on ? " on" : ""}`, "aria-pressed": on ? "true" : "false",
      dataset: { kpi: key },
      on: { click: () => setFilter(key, on ? [] : values) },
    }, body);
  };
  replace(el,
    figure("kpi-total", "信访件次", pet ? fmtInt(pet.total || 0) : pending, pet ? `${fmtInt(pet.people || 0)}人次${state.from || state.to ? ` · ${state.from || "…"} 至 ${state.to || "…"}` : " · 不含公开通报"}` : "不含公开通报", null, null, spark((pet && pet.histogram) || res.histogram)),
    figure("kpi-high", "高风险", fmtInt(count(f, "risk_level", ["high"])), "聚集上访风险高（含通报所述事件）", "risk_level", ["high"]),
    figure("kpi-group", "集体访", pet ? fmtInt(count(pf, "headcount", group)) : pending, "5人及以上的信访件", "headcount", group),
    figure("kpi-open", "未办结", pet ? fmtInt(count(pf, "status", open)) : pending, "受理至办理中", "status", open),
    figure("kpi-overdue", "超期", pet ? fmtInt(count(pf, "overdue", ["acceptance", "handling"])) : pending, "未办结且已过期限（按当前时间）", "overdue", ["true"]),
    figure("kpi-repeat", "重件", pet ? fmtInt(count(pf, "repeat", ["true"])) : pending, "同一信访人同一事项再次信访", "repeat", ["true"]),
    figure("kpi-cities", "涉及盟市", fmtInt(cities), "共 12 个盟市", null));
}
