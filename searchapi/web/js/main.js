// The dashboard controller: keeps the state in the URL, loads what the
// current view needs from the API and hands the answers to the views.

import { renderAlerts } from "./alerts.js";
import { ApiError, filterParams, get, post } from "./api.js";
import { forgetToken, token } from "./auth.js";
import { CLUSTER_LIMIT, renderClusters, renderRisks } from "./board.js";
import { renderHandling } from "./handling.js";
import { chartMessage, renderCities, renderTrend, resizeCharts, setTrendRangeChosen } from "./charts.js";
import { documentView, linksSection } from "./document.js";
import { h, replace } from "./dom.js";
import { exportCSV } from "./export.js";
import { renderFacets } from "./facets.js";
import { renderKpis } from "./kpis.js";
import { FILTER_KEYS, errorTitle, facetTitle, fmtDate, label, learnLabels } from "./labels.js";
import { PAGE_SIZE, renderResults } from "./results.js";
import { cloneState, emptyState, hasFilters, parseState, toQuery, trendInterval, VIEWS } from "./state.js";
import { emptyBox, errorBox, loadingBox } from "./widgets.js";

const $ = (id) => document.getElementById(id);
const el = {
  form: $("search-form"), q: $("q"), from: $("from"), to: $("to"), sort: $("sort"),
  reset: $("reset-btn"), formError: $("form-error"), syntaxToggle: $("syntax-toggle"), syntax: $("syntax"),
  chips: $("chips"), kpis: $("kpis"), facets: $("facets"), results: $("results"), interval: $("interval"),
  by: $("by"), trendTitle: $("trend-title"), trend: $("trend-chart"), trendNote: $("trend-note"), cities: $("city-chart"),
  risks: $("risks"), clusters: $("clusters"), handling: $("handling"), alerts: $("alerts"), health: $("health"), announce: $("announce"),
  drawer: $("doc-drawer"), backdrop: $("doc-backdrop"), docBody: $("doc-body"),
  docClose: $("doc-close"), docCopy: $("doc-copy"), docPrint: $("doc-print"),
};

let state = parseState(location.search, history.state);

// ---- navigation -----------------------------------------------------------

/** go moves to a new state: a new history entry (or a replaced one). */
function go(next, { replace: rep = false, keepPages = false } = {}) {
  if (!keepPages) next.pages = [""];
  const url = toQuery(next);
  const hs = { pages: next.pages, fromApp: true };
  if (rep) history.replaceState(hs, "", url);
  else history.pushState(hs, "", url);
  state = next;
  apply();
}

window.addEventListener("popstate", () => {
  state = parseState(location.search, history.state);
  apply();
});

function toggleFilter(key, value) {
  const next = cloneState(state);
  const list = next.filters[key];
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1); else list.push(value);
  next.doc = "";
  go(next);
}

function setFilter(key, values) {
  const next = cloneState(state);
  next.filters[key] = [...values];
  next.doc = "";
  go(next);
}

function addFilter(key, value) {
  if (state.filters[key].includes(value) && !state.doc) return;
  const next = cloneState(state);
  if (!next.filters[key].includes(value)) next.filters[key].push(value);
  next.doc = "";
  if (next.view === "risks") next.view = "search";
  go(next);
}

/** searchText searches a phrase, or a field for it (subject:"…"). */
function searchText(text, field) {
  const phrase = `"${String(text).replace(/"/g, " ").trim()}"`;
  const next = cloneState(state);
  next.q = field ? `${field}:${phrase}` : phrase;
  next.view = "search";
  next.doc = "";
  go(next);
}

/** drillTrend narrows to one series (a category or a 盟市) and one bucket
 * of the trend chart. */
function drillTrend(key, start, interval) {
  const from = fmtDate(start);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  if (!m) return;
  const end = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (interval === "month") end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + (interval === "week" ? 7 : 1));
  end.setUTCDate(end.getUTCDate() - 1);
  const next = cloneState(state);
  next.filters[state.by === "city" ? "city" : "category"] = [key];
  next.from = from;
  next.to = end.toISOString().slice(0, 10);
  next.doc = "";
  go(next);
}

function openDoc(id) {
  const next = cloneState(state);
  next.doc = id;
  go(next, { keepPages: true });
}

function closeDoc() {
  if (!state.doc) return;
  // Going back keeps history tidy when the drawer was opened here.
  if (history.state && history.state.fromApp && history.length > 1 && lastListURL === listURL(state)) {
    history.back();
    return;
  }
  const next = cloneState(state);
  next.doc = "";
  go(next, { keepPages: true });
}

function listURL(s) {
  return toQuery({ ...s, doc: "" });
}
let lastListURL = null;
// clusterNames remembers the subject of clusters opened from the table, for
// the banner above their members.
const clusterNames = new Map();

const actions = {
  openDoc,
  // query replaces the query with q as typed (a suggestion of the API).
  query: (q) => {
    const next = cloneState(state);
    next.q = q;
    next.view = "search";
    next.doc = "";
    go(next);
  },
  addCategory: (c) => addFilter("category", c),
  searchSubject: (s) => searchText(s, "subject"),
  // openCluster lists exactly the members of a cluster: no other query or
  // filter, so that the total is the cluster's count.
  openCluster: (c) => {
    const next = emptyState();
    next.cluster = c.key;
    clusterNames.set(c.key, [c.subject, label("category", c.category), c.city].filter(Boolean).join(" · "));
    go(next);
  },
  clearCluster: () => {
    const next = cloneState(state);
    next.cluster = "";
    next.doc = "";
    go(next);
  },
  clusterName: (key) => clusterNames.get(key) || "",
  setExpand: (on) => {
    const next = cloneState(state);
    next.expand = on;
    next.doc = "";
    go(next);
  },
  next: (cursor) => {
    if (!cursor) return;
    const next = cloneState(state);
    next.pages.push(cursor);
    go(next, { keepPages: true });
    el.results.scrollIntoView({ block: "start" });
  },
  prev: () => {
    if (state.pages.length <= 1) return;
    const next = cloneState(state);
    next.pages.pop();
    go(next, { keepPages: true });
  },
  exportCSV: async (button) => {
    const text = button.textContent;
    button.disabled = true;
    try {
      const n = await track(exportCSV(cloneState(state), (done, total) => { button.textContent = `导出中 ${done}/${total}…`; }));
      button.textContent = `已导出 ${n} 条`;
    } catch (err) {
      button.textContent = "导出失败";
      button.title = `${errorTitle(err && err.code)}：${(err && err.message) || err}`;
    }
    setTimeout(() => { button.textContent = text; button.disabled = false; }, 2500);
  },
  setMin: (n) => {
    const next = cloneState(state);
    next.min = n;
    go(next);
  },
};

// ---- form -----------------------------------------------------------------

function syncForm() {
  el.q.value = state.q;
  el.from.value = state.from;
  el.to.value = state.to;
  el.sort.value = state.sort;
  el.interval.value = state.interval;
  el.by.value = state.by;
  el.trendTitle.textContent = state.by === "city" ? "盟市趋势" : "类别趋势";
  el.formError.hidden = true;
  for (const a of document.querySelectorAll(".tab")) {
    const v = a.dataset.view;
    const s = cloneState(state);
    s.view = v;
    s.doc = "";
    a.href = toQuery(s);
    if (v === state.view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  el.sort.disabled = state.view !== "search";
}

/** plausibleDate accepts a date whose year an office could mean: while a
 * year is typed digit by digit (0002, 0020, 0202) the field already holds a
 * valid date, which must not start a search. */
function plausibleDate(v) {
  if (!v) return true;
  const y = parseInt(v.slice(0, 4), 10);
  return y >= 1990 && y <= 2100;
}

function readForm({ focus = true } = {}) {
  const from = el.from.value;
  const to = el.to.value;
  el.from.removeAttribute("aria-invalid");
  el.to.removeAttribute("aria-invalid");
  if (!plausibleDate(from) || !plausibleDate(to)) {
    const bad = plausibleDate(from) ? el.to : el.from;
    bad.setAttribute("aria-invalid", "true");
    el.formError.textContent = "日期的年份应在 1990 至 2100 之间。";
    el.formError.hidden = false;
    if (focus) bad.focus();
    return null;
  }
  if (from && to && from > to) {
    el.to.setAttribute("aria-invalid", "true");
    el.formError.textContent = "起始日期不能晚于截止日期。";
    el.formError.hidden = false;
    if (focus) el.from.focus();
    return null;
  }
  el.formError.hidden = true;
  const next = cloneState(state);
  next.q = el.q.value.trim();
  next.from = from;
  next.to = to;
  next.sort = el.sort.value;
  next.doc = "";
  return next;
}

el.form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const next = readForm();
  if (!next) return;
  if (next.view === "risks" && next.q) next.view = "search";
  go(next);
});
el.sort.addEventListener("change", () => {
  const next = readForm();
  if (next) go(next);
});
// A date typed key by key changes many times: search once it rests, and
// keep one history entry for a burst of edits. An impossible date or range
// is reported next to the form, without moving focus or clearing a field.
let dateTimer = 0;
let lastDateEdit = 0;
for (const input of [el.from, el.to]) {
  input.addEventListener("change", () => {
    clearTimeout(dateTimer);
    dateTimer = setTimeout(() => {
      const next = readForm({ focus: false });
      if (!next || (next.from === state.from && next.to === state.to)) return;
      const now = Date.now();
      const burst = now - lastDateEdit < 3000;
      lastDateEdit = now;
      go(next, { replace: burst });
    }, 600);
  });
}
el.by.addEventListener("change", () => {
  const next = cloneState(state);
  next.by = el.by.value;
  go(next, { keepPages: true, replace: true });
});
el.interval.addEventListener("change", () => {
  const next = cloneState(state);
  next.interval = el.interval.value;
  go(next, { keepPages: true, replace: true });
});
el.reset.addEventListener("click", () => {
  const next = emptyState();
  next.view = state.view;
  go(next);
  el.q.focus();
});
el.syntaxToggle.addEventListener("click", () => {
  const open = el.syntax.hidden;
  el.syntax.hidden = !open;
  el.syntaxToggle.setAttribute("aria-expanded", String(open));
});
for (const a of document.querySelectorAll(".tab")) {
  a.addEventListener("click", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    if (a.dataset.view === state.view && !state.doc) return;
    const next = cloneState(state);
    next.view = a.dataset.view;
    next.doc = "";
    go(next);
  });
}

document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && state.doc) {
    ev.preventDefault();
    closeDoc();
    return;
  }
  if (ev.key === "Escape" && !el.syntax.hidden) {
    el.syntaxToggle.click();
    el.syntaxToggle.focus();
    return;
  }
  const t = ev.target;
  const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
    ev.preventDefault();
    el.q.focus();
    el.q.select();
  }
});

// ---- chips ----------------------------------------------------------------

function chip(text, title, onRemove) {
  return h("span", { class: "filter-chip" },
    h("span", { class: "filter-chip-text" }, text),
    h("button", { type: "button", class: "filter-chip-x", "aria-label": `移除筛选：${title}`, title: "移除", on: { click: onRemove } }, "×"));
}

function renderChips() {
  const chips = [];
  if (state.q) {
    chips.push(chip(`检索词：${state.q}${state.view === "risks" ? "（风险看板不使用）" : ""}`, state.q, () => { const n = cloneState(state); n.q = ""; n.doc = ""; go(n); }));
  }
  for (const key of FILTER_KEYS) {
    for (const v of state.filters[key]) {
      const text = `${facetTitle(key)}：${label(key, v)}`;
      chips.push(chip(text, text, () => toggleFilter(key, v)));
    }
  }
  if (state.from || state.to) {
    const text = `日期：${state.from || "不限"} 至 ${state.to || "不限"}`;
    chips.push(chip(text, text, () => { const n = cloneState(state); n.from = ""; n.to = ""; n.doc = ""; go(n); }));
  }
  if (chips.length === 0) {
    el.chips.hidden = true;
    replace(el.chips);
    return;
  }
  el.chips.hidden = false;
  replace(el.chips, h("span", { class: "chips-label" }, "当前条件"), chips,
    chips.length > 1 ? h("button", { type: "button", class: "linklike clear-all", on: { click: () => el.reset.click() } }, "全部清除") : null);
}

// ---- loading --------------------------------------------------------------

let busy = 0;
function track(promise) {
  busy++;
  document.body.dataset.busy = String(busy);
  return promise.finally(() => {
    busy--;
    document.body.dataset.busy = String(busy);
  });
}

/** Loader runs one kind of request at a time: a new one aborts the old. */
class Loader {
  constructor() { this.ctrl = null; this.key = null; }
  run(key, fn) {
    if (key === this.key) return;
    if (this.ctrl) this.ctrl.abort();
    this.key = key;
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    track(fn(ctrl.signal).catch((err) => {
      if (err && err.name === "AbortError") return;
      this.key = null; // let a retry or the same state load again
      throw err;
    })).catch((err) => console.error(err));
  }
  reset() { if (this.ctrl) this.ctrl.abort(); this.key = null; }
}
const loaders = { search: new Loader(), trend: new Loader(), facets: new Loader(), board: new Loader(), doc: new Loader(), kpis: new Loader() };

function busyOn(node, on) {
  node.classList.toggle("is-busy", on);
  node.setAttribute("aria-busy", on ? "true" : "false");
}

function wrapError(err) {
  if (err instanceof ApiError) return err;
  if (err && err.name === "AbortError") throw err;
  return new ApiError("internal", String(err && err.message ? err.message : err));
}

function showFacets(facets) {
  learnLabels(facets);
  // Re-rendering replaces the buttons: give focus back to the one that was
  // pressed (or to its group), never to <body>.
  const active = document.activeElement;
  const had = active && el.facets.contains(active) && active.dataset
    ? { facet: active.dataset.facet, value: active.dataset.value } : null;
  renderFacets(el.facets, facets, state, toggleFilter);
  if (had && had.facet) {
    const sel = had.value !== undefined
      ? `.facet-value[data-facet="${CSS.escape(had.facet)}"][data-value="${CSS.escape(had.value)}"]`
      : `.facet[data-facet="${CSS.escape(had.facet)}"] button`;
    const again = el.facets.querySelector(sel) || el.facets.querySelector(`.facet[data-facet="${CSS.escape(had.facet)}"] button`);
    if (again) again.focus({ preventScroll: true });
  }
  busyOn(el.facets, false);
  renderChips();
}

/**
 * loadPetitionKpis fetches the counts of the petitions alone (kind=petition,
 * size 0) when the result may hold bulletins: a bulletin is news about
 * petitions, never a 信访件 or a 集体访 itself.
 */
function loadPetitionKpis(res) {
  const kinds = state.filters.kind || [];
  if (kinds.length === 1 && kinds[0] === "petition") {
    renderKpis(el.kpis, res, res, state, setFilter);
    return;
  }
  const params = filterParams(state);
  params.delete("kind");
  params.set("kind", "petition");
  params.set("size", "0");
  params.set("interval", trendInterval(state));
  loaders.kpis.run(params.toString(), async (signal) => {
    const pet = kinds.length && !kinds.includes("petition") ? { total: 0, facets: {} } : await get("search", params, signal);
    renderKpis(el.kpis, res, pet, state, setFilter);
  });
}

function loadSearch() {
  const params = filterParams(state);
  params.set("size", String(PAGE_SIZE));
  params.set("interval", trendInterval(state));
  if (state.sort !== "relevance") params.set("sort", state.sort);
  const cursor = state.pages[state.pages.length - 1];
  if (cursor) params.set("cursor", cursor);
  const key = params.toString();
  loaders.search.run(key, async (signal) => {
    busyOn(el.results, true);
    busyOn(el.facets, true);
    if (!el.results.firstChild) replace(el.results, loadingBox("正在检索…"));
    try {
      const res = await get("search", params, signal);
      showFacets(res.facets || {});
      renderResults(el.results, res, state, actions);
      el.announce.textContent = `检索完成，共 ${res.total || 0} 条，第 ${state.pages.length} 页`;
      renderKpis(el.kpis, res, null, state, setFilter);
      loadPetitionKpis(res);
      renderCities(el.cities, (res.facets || {}).city, state.filters.city, (c) => toggleFilter("city", c));
    } catch (err) {
      const e = wrapError(err);
      if (e.code === "forbidden") {
        // A viewer's token: counts, facets and charts, no records.
        await showCountsOnly(params, signal);
        replace(el.results, errorBox(e));
        return;
      }
      if (cursor && e.code === "invalid") {
        // A cursor kept in history can outlive the index it came from:
        // start again from the first page.
        const first = cloneState(state);
        go(first, { replace: true });
        return;
      }
      replace(el.results, errorBox(e, () => { loaders.search.reset(); loadSearch(); }));
      chartMessage(el.cities, errorBox(e));
      if (!el.facets.firstChild || el.facets.querySelector(".state")) replace(el.facets, errorBox(e));
      throw err;
    } finally {
      // A newer request owns the busy marks once this one is aborted.
      if (!signal.aborted) {
        busyOn(el.results, false);
        busyOn(el.facets, false);
      }
    }
  });
}

/** showCountsOnly fills what a viewer may see of a search (size 0). */
async function showCountsOnly(params, signal) {
  const counts = new URLSearchParams(params);
  counts.set("size", "0");
  counts.delete("cursor");
  counts.delete("sort");
  const res = await get("search", counts, signal);
  showFacets(res.facets || {});
  renderKpis(el.kpis, res, null, state, setFilter);
  loadPetitionKpis(res);
  renderCities(el.cities, (res.facets || {}).city, state.filters.city, (c) => toggleFilter("city", c));
}

function loadTrend() {
  const params = filterParams(state);
  params.set("by", state.by);
  params.set("interval", trendInterval(state));
  loaders.trend.run(params.toString(), async (signal) => {
    busyOn(el.trend, true);
    try {
      const tr = await get("trends", params, signal);
      setTrendRangeChosen(!!state.from);
      renderTrend(el.trend, el.trendNote, tr, drillTrend);
    } catch (err) {
      const e = wrapError(err);
      chartMessage(el.trend, errorBox(e, () => { loaders.trend.reset(); loadTrend(); }));
      replace(el.trendNote);
      throw err;
    } finally {
      // A newer request owns the busy marks once this one is aborted.
      if (!signal.aborted) {
        busyOn(el.trend, false);
      }
    }
  });
}

/** loadFacetsOnly fills the sidebar for the views without a result list. */
function loadFacetsOnly() {
  // The risk board leaves the query out; so do its facet counts.
  const params = filterParams(state, { withQuery: state.view !== "risks" });
  params.set("size", "0");
  loaders.facets.run(params.toString(), async (signal) => {
    busyOn(el.facets, true);
    try {
      const res = await get("search", params, signal);
      showFacets(res.facets || {});
    } catch (err) {
      replace(el.facets, errorBox(wrapError(err), () => { loaders.facets.reset(); loadFacetsOnly(); }));
      throw err;
    } finally {
      // A newer request owns the busy marks once this one is aborted.
      if (!signal.aborted) {
        busyOn(el.facets, false);
      }
    }
  });
}

/** riskLevel asks the board for the records of one level, up to the
 * API's limit; null when the filters leave the level out. */
async function riskLevel(level, signal) {
  const wanted = state.filters.risk_level;
  if (wanted.length > 0 && !wanted.includes(level)) return null;
  const params = filterParams({ ...state, filters: { ...state.filters, risk_level: [level] } }, { withQuery: false });
  params.set("size", "100");
  const board = await get("risks", params, signal);
  return { records: board.records || [], total: null };
}

function loadRisks() {
  const params = filterParams(state, { withQuery: false });
  params.set("size", "20");
  loaders.board.run(`risks?${params}`, async (signal) => {
    busyOn(el.risks, true);
    if (!el.risks.firstChild || !el.risks.querySelector(".risk-cols")) replace(el.risks, loadingBox("正在加载风险看板…"));
    try {
      // Ranked by risk, the board's first records are all high: ask for
      // each level on its own, for the clusters with the filters as set,
      // and for the number of records of each level (the board, like these
      // counts, leaves the query out).
      const countParams = filterParams(state, { withQuery: false });
      countParams.set("size", "0");
      const [high, medium, board, counted] = await Promise.all([
        riskLevel("high", signal), riskLevel("medium", signal), get("risks", params, signal), get("search", countParams, signal),
      ]);
      const counts = Object.fromEntries((((counted && counted.facets) || {}).risk_level || []).map((v) => [v.value, v.count]));
      if (high) high.total = counts.high || 0;
      if (medium) medium.total = counts.medium || 0;
      renderRisks(el.risks, { high, medium, clusters: board.clusters }, actions);
    } catch (err) {
      replace(el.risks, errorBox(wrapError(err), () => { loaders.board.reset(); loadRisks(); }));
      throw err;
    } finally {
      // A newer request owns the busy marks once this one is aborted.
      if (!signal.aborted) {
        busyOn(el.risks, false);
      }
    }
  });
}

function loadClusters() {
  const params = filterParams(state);
  params.set("min_count", String(state.min));
  params.set("size", String(CLUSTER_LIMIT));
  loaders.board.run(`clusters?${params}`, async (signal) => {
    busyOn(el.clusters, true);
    if (!el.clusters.querySelector("table")) replace(el.clusters, loadingBox("正在归并重复信访…"));
    try {
      const res = await get("clusters", params, signal);
      // The API answers a list, or an object holding one.
      const list = Array.isArray(res) ? res : (res && (res.clusters || res.items)) || [];
      renderClusters(el.clusters, list, state, actions);
    } catch (err) {
      replace(el.clusters, errorBox(wrapError(err), () => { loaders.board.reset(); loadClusters(); }));
      throw err;
    } finally {
      // A newer request owns the busy marks once this one is aborted.
      if (!signal.aborted) {
        busyOn(el.clusters, false);
      }
    }
  });
}

function loadHandling() {
  const params = filterParams(state);
  params.set("by", state.hby);
  params.set("size", "50");
  loaders.board.run(`handling?${params}`, async (signal) => {
    busyOn(el.handling, true);
    if (!el.handling.querySelector("table")) replace(el.handling, loadingBox("正在统计办理时效…"));
    try {
      const res = await get("handling", params, signal);
      renderHandling(el.handling, res, state.hby, {
        setBy: (by) => { const n = cloneState(state); n.hby = by; go(n); },
        pick: (key, value) => { const n = cloneState(state); n.filters[key] = [value]; go(n); },
      });
    } catch (err) {
      replace(el.handling, errorBox(wrapError(err), () => { loaders.board.reset(); loadHandling(); }));
      throw err;
    } finally {
      // A newer request owns the busy marks once this one is aborted.
      if (!signal.aborted) {
        busyOn(el.handling, false);
      }
    }
  });
}

// alertState is the inbox's state filter: open (default), acked or "" (all).
let alertState = "open";

const alertActions = {
  openDoc,
  setState: (v) => { alertState = v; loaders.board.reset(); loadAlerts(); },
  ack: (id) => alertChange(post(`alerts/${encodeURIComponent(id)}/ack`, {}), "已确认预警"),
  assign: (id, name) => alertChange(post(`alerts/${encodeURIComponent(id)}/assign`, { assignee: name }), `已指派给 ${name}`),
};

async function alertChange(request, done) {
  try {
    await request;
    el.announce.textContent = done;
  } catch (err) {
    replace(el.alerts, errorBox(wrapError(err), () => { loaders.board.reset(); loadAlerts(); }));
    return;
  }
  loaders.board.reset();
  loadAlerts();
}

function loadAlerts() {
  const params = new URLSearchParams();
  if (alertState) params.set("state", alertState);
  params.set("limit", "200");
  loaders.board.run(`alerts?${params}`, async (signal) => {
    busyOn(el.alerts, true);
    if (!el.alerts.querySelector(".card")) replace(el.alerts, loadingBox("正在加载预警…"));
    try {
      const [res, ws] = await Promise.all([get("alerts", params, signal), get("watches", null, signal)]);
      renderAlerts(el.alerts, res.alerts || [], ws.watches || [], alertState, alertActions);
    } catch (err) {
      replace(el.alerts, errorBox(wrapError(err), () => { loaders.board.reset(); loadAlerts(); }));
      throw err;
    } finally {
      if (!signal.aborted) {
        busyOn(el.alerts, false);
      }
    }
  });
}

// ---- document drawer ------------------------------------------------------

let returnFocus = null;

function showDrawer() {
  if (el.drawer.hidden) {
    returnFocus = document.activeElement;
    el.drawer.hidden = false;
    el.backdrop.hidden = false;
    document.body.classList.add("drawer-open");
  }
}

function hideDrawer() {
  if (el.drawer.hidden) return;
  el.drawer.hidden = true;
  el.backdrop.hidden = true;
  document.body.classList.remove("drawer-open");
  loaders.doc.reset();
  replace(el.docBody);
  if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  returnFocus = null;
}

function loadDoc() {
  const id = state.doc;
  showDrawer();
  loaders.doc.run(id, async (signal) => {
    replace(el.docBody, loadingBox("正在打开…"));
    el.docClose.focus();
    try {
      const doc = await get(`documents/${encodeURIComponent(id)}`, null, signal);
      replace(el.docBody, documentView(doc, {
        search: (t) => searchText(t),
        searchSubject: (s) => searchText(s, "subject"),
        addCategory: (c) => addFilter("category", c),
      }));
      const title = document.getElementById("doc-title");
      if (title) title.focus({ preventScroll: true });
      el.docBody.scrollTop = 0;
      loadLinks(doc, signal);
    } catch (err) {
      const e = wrapError(err);
      replace(el.docBody, e.code === "not_found"
        ? emptyBox("没有找到该信访件", `编号 ${id} 不存在，或已从索引中删除。`)
        : errorBox(e, () => { loaders.doc.reset(); loadDoc(); }));
      throw err;
    }
  });
}

/** loadLinks adds the document's similar records and its related bulletins
 * (or, for a bulletin, the petitions it is about) below its analysis. */
async function loadLinks(doc, signal) {
  const article = el.docBody.querySelector("article.doc");
  const note = article && article.querySelector(".privacy-note");
  if (!article) return;
  const id = encodeURIComponent(doc.id);
  const isBulletin = doc.kind === "bulletin";
  const [sim, rel] = await Promise.all([
    get(`documents/${id}/similar`, null, signal).catch((e) => (e && e.name === "AbortError" ? null : { similar: [] })),
    get(`documents/${id}/related`, null, signal).catch((e) => (e && e.name === "AbortError" ? null : {})),
  ]);
  if (!sim || !rel || signal.aborted) return;
  const sections = [
    linksSection("doc-similar", isBulletin ? "相似报道" : "相似信访件", sim.similar, "没有找到相似的记录。", openDoc),
    isBulletin
      ? linksSection("doc-petitions", "报道涉及的信访件", rel.petitions, "没有找到与本报道相关的信访件。", openDoc)
      : linksSection("doc-bulletins", "相关通报 / 报道", rel.bulletins, "没有找到涉及同一单位或同一盟市同类事项的报道。", openDoc),
  ];
  for (const s of sections) article.insertBefore(s, note);
}

el.docClose.addEventListener("click", closeDoc);
el.docPrint.addEventListener("click", () => window.print());
el.backdrop.addEventListener("click", closeDoc);
el.docCopy.addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    el.docCopy.textContent = "已复制";
  } catch {
    el.docCopy.textContent = "复制失败";
  }
  setTimeout(() => { el.docCopy.textContent = "复制链接"; }, 1500);
});
// Keep Tab inside the open drawer.
el.drawer.addEventListener("keydown", (ev) => {
  if (ev.key !== "Tab") return;
  const f = [...el.drawer.querySelectorAll("a[href], button:not([disabled]), [tabindex='0'], input, select")].filter((x) => x.offsetParent !== null);
  if (f.length === 0) return;
  const first = f[0];
  const last = f[f.length - 1];
  if (ev.shiftKey && document.activeElement === first) { ev.preventDefault(); last.focus(); }
  else if (!ev.shiftKey && document.activeElement === last) { ev.preventDefault(); first.focus(); }
});

// ---- apply ----------------------------------------------------------------

function apply() {
  syncForm();
  renderChips();
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== state.view;
  document.title = `${{ search: "检索分析", risks: "风险看板", clusters: "重复信访", handling: "办理时效", alerts: "预警" }[state.view]} · 信访数据分析平台`;
  if (state.view === "search") {
    loadSearch();
    loadTrend();
    requestAnimationFrame(resizeCharts);
  } else if (state.view === "alerts") {
    // The inbox is about watches, not the filters: no facets.
    loaders.search.reset();
    loaders.facets.reset();
    replace(el.facets, h("p", { class: "muted small view-note" }, "预警按各规则自身的检索词与筛选条件判断，不受此处筛选影响。"));
    loadAlerts();
  } else {
    loaders.search.reset();
    loadFacetsOnly();
    if (state.view === "risks") loadRisks();
    else if (state.view === "handling") loadHandling();
    else loadClusters();
  }
  if (!state.doc) lastListURL = listURL(state);
  if (state.doc) loadDoc(); else hideDrawer();
}

async function checkHealth() {
  try {
    const res = await fetch("readyz", { headers: { Accept: "application/json" } });
    el.health.textContent = res.ok ? "服务正常" : "索引未就绪";
    el.health.className = res.ok ? "health ok" : "health bad";
  } catch {
    el.health.textContent = "无法连接服务";
    el.health.className = "health bad";
  }
}

// A bookmarked URL lands with its state; mark the entry as ours so that the
// drawer's close button can go back to it.
history.replaceState({ pages: state.pages, fromApp: false }, "", location.href);
apply();
checkHealth();

// 切换令牌: shown once a token is kept; forgets it and starts again.
const switchToken = $("switch-token");
const showSwitch = () => { switchToken.hidden = !token(); };
document.addEventListener("xinfang:token", showSwitch);
switchToken.addEventListener("click", () => { forgetToken(); location.reload(); });
showSwitch();

// Exposed for the browser test and for debugging in the console.
window.xinfang = { get state() { return cloneState(state); }, hasFilters: () => hasFilters(state) };
