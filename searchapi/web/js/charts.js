// Charts with the vendored Apache ECharts (vendor/echarts-*/, loaded as a
// classic script before the modules, so it is window.echarts here).

import { h, replace } from "./dom.js";
import { fmtBucket, fmtDate, fmtInt, label } from "./labels.js";
import { emptyBox } from "./widgets.js";

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
const PALETTE = ["#1f5fa8", "#d9822b", "#2e8b57", "#8e5ea2", "#c0392b", "#16a0a0", "#7a8590", "#b8a200", "#5b7db8", "#a0522d"];
const INTERVAL_TEXT = { day: "日", week: "周", month: "月" };
const TOP_SERIES = 5;

const charts = new Map();

// Motion is decoration here: leave it out for those who ask for less.
const animation = !(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

// ECharts puts tooltip text in as HTML: escape what came from the API.
function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function chartFor(el) {
  const ec = window.echarts;
  if (!ec) return null;
  let c = charts.get(el);
  if (!c || c.isDisposed()) {
    replace(el);
    c = ec.init(el, null, { renderer: "canvas" });
    charts.set(el, c);
    if (window.ResizeObserver) new ResizeObserver(() => c.resize()).observe(el);
  }
  return c;
}

function dispose(el) {
  const c = charts.get(el);
  if (c) {
    c.dispose();
    charts.delete(el);
  }
}

function noCharts(el) {
  replace(el, emptyBox("图表组件未能加载", "vendor/echarts 缺失或被拦截；检索结果不受影响。"));
}

/**
 * renderTrend draws one line per category from a TrendResult, marking the
 * buckets the API flags as spikes. noteEl receives the method and spikes.
 * A click on a point calls onPick(key, bucketStart, interval).
 */
export function renderTrend(el, noteEl, trend, onPick) {
  const series = (trend && trend.series) || [];
  const interval = (trend && trend.interval) || "week";
  const starts = [...new Set(series.flatMap((s) => (s.buckets || []).map((b) => b.start)))]
    .sort((a, b) => new Date(a) - new Date(b));
  if (series.length === 0 || starts.length === 0) {
    dispose(el);
    replace(el, emptyBox("当前条件下没有可统计的趋势"));
    replace(noteEl);
    return;
  }
  const c = chartFor(el);
  if (!c) return noCharts(el);
  const index = new Map(starts.map((s, i) => [s, i]));
  const x = starts.map((s) => fmtBucket(s, interval));
  const spikes = [];
  const by = (trend && trend.by) || "category";
  const name = (s) => (s.label && s.label !== s.key ? s.label : label(by, s.key));
  // 人次 per series and interval, for the tooltip next to 件次.
  const people = series.map(() => new Array(starts.length).fill(0));
  const lines = series.map((s, i) => {
    const data = new Array(starts.length).fill(0);
    const marks = [];
    for (const b of s.buckets || []) {
      const j = index.get(b.start);
      data[j] = b.count;
      people[i][j] = b.people || 0;
      if (b.spike) {
        marks.push({ coord: [j, b.count], value: b.count, baseline: b.baseline });
        spikes.push(`${name(s)} ${x[j]}（${b.count}件，基线 ${Number(b.baseline || 0).toFixed(1)}）`);
      }
    }
    return {
      name: name(s),
      type: "line",
      data,
      smooth: false,
      symbol: "circle",
      symbolSize: 5,
      lineStyle: { width: 2 },
      color: PALETTE[i % PALETTE.length],
      emphasis: { focus: "series" },
      markPoint: marks.length ? {
        symbol: "pin",
        symbolSize: 38,
        itemStyle: { color: "#c62828" },
        label: { color: "#fff", fontSize: 11, fontFamily: FONT },
        data: marks,
        tooltip: { formatter: (p) => `${esc(p.seriesName)} 激增<br>${esc(x[p.data.coord[0]])}：${p.value} 件（基线 ${Number(p.data.baseline || 0).toFixed(1)}）` },
      } : undefined,
    };
  });
  // Many lines at once are unreadable: show the largest few (and any with a
  // spike); the legend switches the others on.
  const ranked = [...series].sort((a, b) => (b.total || 0) - (a.total || 0));
  const shown = new Set(ranked.slice(0, TOP_SERIES).map(name));
  for (const s of series) if ((s.buckets || []).some((b) => b.spike)) shown.add(name(s));
  const selected = Object.fromEntries(series.map((s) => [name(s), shown.has(name(s))]));
  c.setOption({
    textStyle: { fontFamily: FONT },
    animation,
    animationDuration: 300,
    grid: { left: 44, right: 30, top: 40, bottom: 44 },
    legend: { type: "scroll", top: 4, left: 0, right: 0, icon: "roundRect", itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 12 }, selected },
    tooltip: {
      trigger: "axis", confine: true,
      formatter: (ps) => {
        const list = [...(Array.isArray(ps) ? ps : [ps])].sort((a, b) => b.value - a.value);
        if (!list.length) return "";
        return `${esc(x[list[0].dataIndex])}<br>${list.map((p) =>
          `${p.marker}${esc(p.seriesName)}：${fmtInt(p.value)} 件次 · ${fmtInt(people[p.seriesIndex][p.dataIndex])} 人次`).join("<br>")}`;
      },
    },
    xAxis: { type: "category", data: x, boundaryGap: false, axisLabel: { hideOverlap: true, fontSize: 11 } },
    yAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#e6eaef" } }, axisLabel: { fontSize: 11 } },
    dataZoom: starts.length > 26 ? [{ type: "inside", start: Math.max(0, 100 - (26 / starts.length) * 100), end: 100 }] : [],
    series: lines,
  }, { notMerge: true });
  c.off("click");
  if (onPick) {
    c.on("click", (p) => {
      const s = series[p.seriesIndex];
      const j = p.componentType === "markPoint" ? p.data.coord[0] : p.dataIndex;
      if (s && starts[j]) onPick(s.key, starts[j], interval);
    });
  }
  const parts = [];
  const range = trend.from && trend.to
    ? `${fmtDate(trend.from)} 至 ${fmtDate(new Date(Date.parse(trend.to) - 1000).toISOString())}` : "";
  parts.push(h("span", { id: "trend-range" }, `按${INTERVAL_TEXT[interval] || interval}统计${range ? `，${range}` : ""}`));
  if (onPick && range && !trendRangeChosen) parts.push(h("span", null, "未选日期时显示有数据的最近 12 个周期，选择日期范围可查看更长时段"));
  const unit = by === "city" ? "个盟市" : "类";
  if (onPick) parts.push(h("span", null, `点击数据点可查看该时段该${by === "city" ? "盟市" : "类别"}的信访件`));
  if (series.length > shown.size) parts.push(h("span", null, `默认显示件数最多的 ${shown.size} ${unit}，点击图例可显示其余 ${series.length - shown.size} ${unit}`));
  if (spikes.length) {
    parts.push(h("span", { class: "spike-note" }, `激增 ${spikes.length} 处：${spikes.slice(0, 4).join("；")}${spikes.length > 4 ? "……" : ""}`));
  }
  const method = trend.method_zh || trend.method;
  if (method) parts.push(h("span", { class: "muted", title: method }, `判定方法：${method}`));
  replace(noteEl, parts);
}

/** trendRangeChosen is set by the page when the user chose a date range. */
let trendRangeChosen = false;
export function setTrendRangeChosen(v) { trendRangeChosen = !!v; }

/**
 * renderCities draws a bar per 盟市 from the city facet; a click on a bar
 * calls onPick(city). selected lists the cities filtered on.
 */
export function renderCities(el, values, selected, onPick) {
  const list = (values || []).filter((v) => v.count > 0).sort((a, b) => b.count - a.count).slice(0, 15);
  if (list.length === 0) {
    dispose(el);
    replace(el, emptyBox("当前条件下没有带盟市的信访件"));
    return;
  }
  const c = chartFor(el);
  if (!c) return noCharts(el);
  const rows = [...list].reverse();
  c.off("click");
  c.setOption({
    textStyle: { fontFamily: FONT },
    animation,
    animationDuration: 300,
    grid: { left: 8, right: 44, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "item", formatter: (p) => `${esc(p.name)}：${fmtInt(p.value)} 件<br><span style="color:#5b6878">点击筛选</span>` },
    xAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#e6eaef" } }, axisLabel: { fontSize: 11 } },
    yAxis: { type: "category", data: rows.map((v) => v.label || v.value), axisTick: { show: false }, axisLabel: { fontSize: 12, color: "#1d2733", interval: 0 } },
    series: [{
      type: "bar",
      barMaxWidth: 18,
      cursor: "pointer",
      data: rows.map((v) => ({
        value: v.count,
        city: v.value,
        itemStyle: { color: selected.includes(v.value) ? "#123d6e" : "#4f86c6", borderRadius: [0, 3, 3, 0] },
      })),
      label: { show: true, position: "right", fontSize: 11, color: "#3a4654" },
    }],
  }, { notMerge: true });
  c.on("click", (p) => p.data && onPick(p.data.city));
}

/** chartMessage replaces a chart with a message (an error or empty state). */
export function chartMessage(el, node) {
  dispose(el);
  replace(el, node);
}

/** resizeCharts fits every chart to its box (after a view switch). */
export function resizeCharts() {
  for (const c of charts.values()) if (!c.isDisposed()) c.resize();
}
