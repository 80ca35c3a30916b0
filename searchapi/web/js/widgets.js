// Small pieces shared by the views: badges, chips, status boxes.

import { h, markedText, unescapeHTML } from "./dom.js";
import { errorTitle, label, riskShort } from "./labels.js";

/** riskBadge shows a risk level as 高/中/低 with its score. */
export function riskBadge(risk, { withScore = true } = {}) {
  const level = (risk && risk.level) || "";
  if (!level) return null;
  const score = withScore && risk.score ? ` ${risk.score}` : "";
  return h("span", {
    class: `risk-badge risk-${level}`,
    title: `风险等级：${riskShort(level)}${risk.score ? `，评分 ${risk.score}` : ""}`,
  }, `${riskShort(level)}风险${score}`);
}

/** categoryChips shows category codes as chips; a click filters by one. */
export function categoryChips(codes, onPick) {
  if (!codes || codes.length === 0) return h("span", { class: "chip chip-none" }, "未归类");
  return codes.map((c) => onPick
    ? h("button", { type: "button", class: "chip chip-cat", title: `按“${label("category", c)}”筛选`, on: { click: () => onPick(c) } }, label("category", c))
    : h("span", { class: "chip chip-cat" }, label("category", c)));
}

/** hitTitle is a hit's title, or for an untitled record the start of its
 * snippet, marked as such. */
export function hitTitle(hit) {
  if (hit.title_html) return h("span", null, markedText(hit.title_html));
  if (hit.title) return hit.title;
  const text = unescapeHTML(String(hit.snippet || "").replace(/<\/?mark>/g, "")).replace(/\s+/g, " ").replace(/^[… ]+/, "").trim();
  if (!text) return h("span", { class: "untitled" }, "（无标题）");
  const head = [...text].slice(0, 32).join("");
  return h("span", { class: "untitled", title: "原件无标题，显示正文开头" }, head.length < text.length ? `${head}…` : head);
}

/** docLink is a link that opens a document in the drawer. */
export function docLink(id, text, openDoc, cls) {
  return h("a", {
    href: `?doc=${encodeURIComponent(id)}`,
    class: cls || "doc-link",
    dataset: { doc: id },
    on: {
      click: (ev) => {
        if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
        ev.preventDefault();
        openDoc(id);
      },
    },
  }, text);
}

/** loadingBox is the placeholder shown while a request runs. */
export function loadingBox(text) {
  return h("div", { class: "state state-loading", role: "status" },
    h("span", { class: "spinner", "aria-hidden": "true" }), text || "加载中…");
}

/** errorBox shows an ApiError in Chinese, with the server's detail and a retry. */
export function errorBox(err, retry) {
  const code = (err && err.code) || "internal";
  let hint = null;
  if (code === "invalid") hint = "请检查检索语法、日期范围或筛选条件后重试。";
  else if (code === "unavailable" || code === "network") hint = "索引可能正在启动或重建，稍后可重试。";
  else if (code === "forbidden") hint = "该内容需要更高的角色（如分析员）。可点击页头“切换令牌”换用其他令牌。";
  return h("div", { class: "state state-error", role: "alert" },
    h("strong", null, errorTitle(code)),
    err && err.message ? h("span", { class: "state-detail" }, `（${err.message}）`) : null,
    hint ? h("p", null, hint) : null,
    retry ? h("button", { type: "button", class: "btn", on: { click: retry } }, "重试") : null);
}

/** emptyBox shows that nothing matched, with a hint. */
export function emptyBox(title, hint) {
  return h("div", { class: "state state-empty" }, h("strong", null, title), hint ? h("p", null, hint) : null);
}
