// The document view (GET /api/v1/documents/{id}): the record or bulletin,
// its masked text with evidence terms marked, and its analysis. Personal
// data is shown exactly as the API returns it (masked per role).

import { h, highlightTerms } from "./dom.js";
import { fmtDate, fmtDateTime, fmtInt, fmtYuan, label, placeLevel } from "./labels.js";
import { docLink, hitTitle, riskBadge } from "./widgets.js";

function row(term, ...desc) {
  const parts = desc.filter((d) => d !== null && d !== undefined && d !== "");
  if (parts.length === 0) return null;
  return [h("dt", null, term), h("dd", null, parts)];
}

function tags(list, cls, onPick) {
  if (!list || list.length === 0) return h("span", { class: "muted" }, "无");
  return h("span", { class: "tags" }, list.map((t) => onPick
    ? h("button", { type: "button", class: `tag ${cls || ""}`, title: `检索“${t}”`, on: { click: () => onPick(t) } }, t)
    : h("span", { class: `tag ${cls || ""}` }, t)));
}

function personText(p) {
  if (!p) return null;
  const parts = [p.name, p.phone, p.id_number, p.address].filter(Boolean);
  return parts.length ? parts.join("，") : null;
}

/**
 * documentView builds the drawer's content. actions: search(text) runs a
 * phrase search, searchSubject(name) a subject search, addCategory(code)
 * filters by a category.
 */
export function documentView(doc, actions) {
  const a = doc.analysis || {};
  const rec = doc.record;
  const bul = doc.bulletin;
  const content = (rec && rec.content) || (bul && bul.content) || "";
  const given = (rec && rec.title) || (bul && bul.title) || "";
  const flat = content.replace(/\s+/g, " ").trim();
  const head = [...flat].slice(0, 30).join("");
  const title = given || (head ? `${head}${head.length < flat.length ? "…" : ""}` : "（无标题）");
  const evidenceTerms = Object.values(a.evidence || {}).flat();

  const meta = [];
  meta.push(row("编号", h("code", null, doc.id)));
  meta.push(row("类型", label("kind", doc.kind)));
  if (rec) {
    meta.push(row("受理时间", fmtDateTime(rec.received_at), rec.received_at_defaulted ? h("span", { class: "muted" }, "（入库时间，原件未注明）") : null));
    meta.push(row("渠道", rec.channel ? label("channel", rec.channel) : null));
    meta.push(row("状态", rec.status ? label("status", rec.status) : null));
    meta.push(row("地区", rec.region));
    meta.push(row("被反映单位", rec.respondent));
    meta.push(row("登记人数", typeof rec.headcount === "number" ? `${fmtInt(rec.headcount)}人` : null));
    meta.push(row("信访人", personText(rec.petitioner)));
    meta.push(row("代办人", rec.agent ? [rec.agent.name, rec.agent.role].filter(Boolean).join("，") : null));
  }
  if (bul) {
    meta.push(row("来源", bul.source));
    meta.push(row("发布时间", fmtDateTime(bul.published_at)));
    meta.push(row("抓取时间", fmtDateTime(bul.fetched_at)));
    if (bul.url && /^https?:\/\//i.test(bul.url)) {
      meta.push(row("原文", h("a", { href: bul.url, target: "_blank", rel: "noopener noreferrer", class: "ext-link" }, bul.url)));
    }
  }

  const cats = (a.categories || []).map((c) => h("li", null,
    h("button", { type: "button", class: "chip chip-cat", title: `按“${label("category", c)}”筛选`, on: { click: () => actions.addCategory(c) } }, label("category", c)),
    h("span", { class: "evidence" }, "依据：", tags((a.evidence || {})[c], "tag-evidence"))));

  const risk = a.risk || {};
  const places = (a.places || []).map((p) => h("li", null,
    h("strong", null, p.name),
    h("span", { class: "muted" }, ` ${placeLevel(p.level)}${p.city && p.city !== p.name ? ` · ${p.city}` : ""}${p.county && p.county !== p.name ? ` · ${p.county}` : ""}`)));

  const analysis = h("dl", { class: "kv" },
    row("类别", cats.length ? h("ul", { class: "cat-list" }, cats) : h("span", { class: "muted" }, "未归入任何类别")),
    row("风险", h("span", { class: "risk-line" }, riskBadge(risk), risk.score !== undefined ? h("span", { class: "muted" }, `评分 ${risk.score}/100`) : null)),
    row("风险依据", risk.reasons && risk.reasons.length ? h("ul", { class: "reasons" }, risk.reasons.map((r) => h("li", null, r))) : h("span", { class: "muted" }, "无")),
    row("文本性质", [
      a.kind === "bulletin" ? "报道 / 通报（按报道解读）" : "信访诉求",
      a.aggregate ? "数字为统计数（涉及人数，非聚集群体）" : null,
      a.resolved ? `报道已解决：“${a.resolution || ""}”` : null,
    ].filter(Boolean).join("；")),
    row("涉及人数", typeof a.headcount === "number" ? `${fmtInt(a.headcount)}人${a.aggregate ? "（统计）" : ""}` : h("span", { class: "muted" }, "文中未提及")),
    row("涉及金额", a.amounts_yuan && a.amounts_yuan.length ? a.amounts_yuan.map(fmtYuan).join("、") : h("span", { class: "muted" }, "无")),
    row("盟市 / 旗县区", [a.city, a.county].filter(Boolean).join(" · ") || h("span", { class: "muted" }, "未识别")),
    row("地点", places.length ? h("ul", { class: "plain-list" }, places) : h("span", { class: "muted" }, "无")),
    row("涉及主体", tags(a.subjects, "tag-subject", actions.searchSubject)),
    row("关键词", tags(a.keywords, "", actions.search)),
    a.dates && a.dates.length ? row("文中日期", a.dates.join("、")) : null);

  return h("article", { class: "doc", "aria-labelledby": "doc-title" },
    h("header", { class: "doc-head" },
      h("h2", { id: "doc-title", tabindex: "-1", class: given ? null : "untitled", title: given ? null : "原件无标题，显示正文开头" }, title),
      h("div", { class: "doc-badges" }, riskBadge(risk), h("span", { class: "chip" }, label("kind", doc.kind)))),
    h("section", { class: "doc-section" }, h("h3", null, "基本信息"), h("dl", { class: "kv" }, meta)),
    h("section", { class: "doc-section" },
      h("h3", null, "正文", evidenceTerms.length ? h("span", { class: "muted small" }, "（黄色标出的是分类依据）") : null),
      h("div", { class: "doc-text" }, highlightTerms(content, evidenceTerms, "ev"))),
    h("section", { class: "doc-section" }, h("h3", null, "分析结果"), analysis),
    h("p", { class: "privacy-note" }, "个人信息按权限脱敏显示；请勿将信访人身份或材料转交被反映单位（《信访工作条例》第三十条）。"));
}

/**
 * linksSection lists linked documents (similar records, related bulletins or
 * petitions) with the reasons of each link; openDoc(id) opens one.
 */
export function linksSection(id, title, links, emptyText, openDoc) {
  const list = links || [];
  return h("section", { class: "doc-section doc-links", id },
    h("h3", null, title, list.length ? h("span", { class: "muted small" }, `（${list.length} 件）`) : null),
    list.length === 0
      ? h("p", { class: "muted" }, emptyText)
      : h("ul", { class: "link-list" }, list.map((l) => h("li", null,
        h("div", { class: "link-head" },
          docLink(l.id, hitTitle(l), openDoc, "link-title"),
          h("span", { class: "muted small" }, ` ${fmtDate(l.date)}${l.city ? ` · ${l.city}` : ""}`),
          l.kind === "bulletin" && l.resolved ? h("span", { class: "chip chip-resolved", title: l.resolution ? `报道称：“${l.resolution}”` : null }, "报道已解决") : null),
        h("div", { class: "link-reasons small" }, (l.reasons || []).join("；"))))));
}
