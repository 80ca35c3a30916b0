// CSV export of a search: every hit the current query and filters give, up
// to MAX_ROWS, paged through the API with its cursors. The file has a BOM
// so that Excel opens the Chinese text correctly.

import { filterParams, get } from "./api.js";
import { unescapeHTML } from "./dom.js";
import { fmtDate, label } from "./labels.js";

/** MAX_ROWS bounds one export. */
export const MAX_ROWS = 5000;
const PAGE = 100;

/** csvCell quotes one CSV cell; a cell that a spreadsheet would read as a
 * formula is prefixed with '. */
export function csvCell(v) {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(hit) {
  const r = hit.risk || {};
  return [
    hit.id,
    fmtDate(hit.date),
    label("kind", hit.kind),
    hit.title || "",
    hit.city || "",
    hit.county || "",
    (hit.categories || []).map((c) => label("category", c)).join("、"),
    r.level ? label("risk_level", r.level) : "",
    r.score ?? "",
    (r.reasons || []).join("；"),
    typeof hit.headcount === "number" ? hit.headcount : "",
    unescapeHTML(String(hit.snippet || "").replace(/<\/?mark>/g, "")),
  ].map(csvCell).join(",");
}

const HEADER = ["编号", "日期", "类型", "标题", "盟市", "旗县区", "类别", "风险等级", "风险评分", "风险依据", "人数", "摘要"].join(",");

/**
 * exportCSV fetches the hits of the state's search and saves them as a
 * CSV file. onProgress(done, total) follows the pages. It returns the
 * number of rows written.
 */
export async function exportCSV(state, onProgress, signal) {
  const lines = [HEADER];
  let cursor = "";
  let total = 0;
  for (;;) {
    const p = filterParams(state);
    p.set("size", String(PAGE));
    if (state.sort !== "relevance") p.set("sort", state.sort);
    if (cursor) p.set("cursor", cursor);
    const res = await get("search", p, signal);
    total = Math.min(res.total || 0, MAX_ROWS);
    for (const hit of res.hits || []) {
      if (lines.length > MAX_ROWS) break;
      lines.push(row(hit));
    }
    onProgress(lines.length - 1, total);
    if (!res.cursor || !(res.hits || []).length || lines.length > MAX_ROWS) break;
    cursor = res.cursor;
  }
  const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `xinfang-search-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return lines.length - 1;
}
