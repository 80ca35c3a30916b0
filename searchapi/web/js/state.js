// The dashboard state lives in the URL's query string so that any view can
// be bookmarked or shared and back/forward work:
//   ?view=search|risks|clusters|handling|alerts &q=… &category=…(repeated) &city=… …
//   &from=2024-01-01 &to=2024-06-30 (inclusive) &sort=date &interval=day|week|month (absent: chosen from the range)
//   &by=city (trend lines per 盟市) &min=2 (clusters) &hby=county (办理时效 grouping) &doc=ID (open document)
//   &cluster=KEY (the members of one recurring-issue cluster) &expand=false (words as written)
// Paging cursors are opaque and short-lived, so they are kept in
// history.state rather than in the URL.

import { FILTER_KEYS } from "./labels.js";

export const VIEWS = ["search", "risks", "clusters", "handling", "alerts"];
const HANDLING_BY = ["city", "county", "category", "respondent"];
export const SORTS = ["relevance", "date", "risk"];
export const INTERVALS = ["day", "week", "month"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLUSTER_KEY = /^[kd][0-9a-f]{16}$/;

/** emptyState is the state of a fresh dashboard. */
export function emptyState() {
  const filters = {};
  for (const k of FILTER_KEYS) filters[k] = [];
  return { view: "search", q: "", filters, from: "", to: "", sort: "relevance", interval: "", by: "category", min: 2, hby: "city", doc: "", cluster: "", expand: true, pages: [""] };
}

/** parseState reads the state from a query string and history.state. */
export function parseState(search, histState) {
  const p = new URLSearchParams(search);
  const s = emptyState();
  const view = p.get("view");
  if (VIEWS.includes(view)) s.view = view;
  s.q = (p.get("q") || "").slice(0, 1024);
  for (const k of FILTER_KEYS) {
    s.filters[k] = [...new Set(p.getAll(k).filter((v) => v !== ""))];
  }
  const from = p.get("from") || "";
  const to = p.get("to") || "";
  if (DAY.test(from)) s.from = from;
  if (DAY.test(to)) s.to = to;
  const sort = p.get("sort");
  if (SORTS.includes(sort)) s.sort = sort;
  const iv = p.get("interval");
  if (INTERVALS.includes(iv)) s.interval = iv;
  if (p.get("by") === "city") s.by = "city";
  if (HANDLING_BY.includes(p.get("hby"))) s.hby = p.get("hby");
  const min = parseInt(p.get("min") || "", 10);
  if (min >= 2 && min <= 100) s.min = min;
  s.doc = p.get("doc") || "";
  const cluster = p.get("cluster") || "";
  if (CLUSTER_KEY.test(cluster)) s.cluster = cluster;
  s.expand = p.get("expand") !== "false";
  if (histState && Array.isArray(histState.pages) && histState.pages.length > 0) {
    s.pages = histState.pages.map(String);
  }
  return s;
}

/** toQuery writes the shareable part of the state as a query string. */
export function toQuery(s) {
  const p = new URLSearchParams();
  if (s.view !== "search") p.set("view", s.view);
  if (s.q) p.set("q", s.q);
  for (const k of FILTER_KEYS) for (const v of s.filters[k]) p.append(k, v);
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.sort !== "relevance") p.set("sort", s.sort);
  if (s.interval) p.set("interval", s.interval);
  if (s.by !== "category") p.set("by", s.by);
  if (s.min !== 2) p.set("min", String(s.min));
  if (s.hby && s.hby !== "city") p.set("hby", s.hby);
  if (s.doc) p.set("doc", s.doc);
  if (s.cluster) p.set("cluster", s.cluster);
  if (!s.expand) p.set("expand", "false");
  const qs = p.toString();
  return qs ? `?${qs}` : location.pathname;
}

/** trendInterval is the state's interval, or one that suits its date
 * range: days up to two months, weeks up to about a year, else months. */
export function trendInterval(s) {
  if (s.interval) return s.interval;
  if (s.from && s.to) {
    const days = (Date.parse(s.to) - Date.parse(s.from)) / 86400000;
    if (days <= 62) return "day";
    if (days <= 400) return "week";
  }
  return "month";
}

/** cloneState copies a state deeply enough to change it. */
export function cloneState(s) {
  const filters = {};
  for (const k of FILTER_KEYS) filters[k] = [...s.filters[k]];
  return { ...s, filters, pages: [...s.pages] };
}

/** hasFilters reports whether any query or filter narrows the view. */
export function hasFilters(s) {
  return !!(s.q || s.from || s.to || s.cluster || FILTER_KEYS.some((k) => s.filters[k].length > 0));
}
