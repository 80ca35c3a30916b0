// Chinese labels and formatting. The API sends labels with facet values and
// trend series; these tables are the fallback for values seen elsewhere
// (hits, documents, filters from a bookmarked URL).

/** FACETS lists the filter fields in the order the sidebar shows them. */
export const FACETS = [
  { key: "category", title: "类别", order: "count", more: 10 },
  { key: "risk_level", title: "风险等级", order: ["high", "medium", "low"] },
  { key: "city", title: "盟市", order: "count", more: 8 },
  { key: "county", title: "旗县区", order: "count", more: 8 },
  { key: "headcount", title: "人数", order: ["1", "2-4", "5-29", "30+"] },
  { key: "kind", title: "类型", order: ["petition", "bulletin"] },
  { key: "channel", title: "渠道", order: ["visit", "letter", "online", "phone", "other"] },
  { key: "status", title: "状态", order: ["accepted", "assigned", "in_progress", "closed", "follow_up"] },
  { key: "overdue", title: "办理时限", order: ["acceptance", "handling", "false"] },
  { key: "repeat", title: "初件/重件", order: ["true", "false"] },
  { key: "joint", title: "联名件", order: ["true", "false"] },
];

/** FILTER_KEYS are the facet keys, which are also the API's filter parameters. */
export const FILTER_KEYS = FACETS.map((f) => f.key);

const LABELS = {
  category: {
    wage_arrears: "欠薪",
    demolition_compensation: "征收拆迁补偿",
    delayed_delivery: "延期交房",
    noise: "噪声扰民",
    labor_dispute: "劳动争议",
    social_security: "社会保障",
    property_management: "物业服务",
    environment: "环境污染",
    housing_quality: "房屋质量",
    property_registration: "不动产登记",
    land_dispute: "土地草场纠纷",
    litigation: "涉法涉诉",
    education: "教育",
    medical: "医疗卫生",
    consumer: "消费维权",
  },
  kind: { petition: "信访件", bulletin: "公开通报" },
  channel: { visit: "来访", letter: "来信", online: "网上信访", phone: "电话", other: "其他" },
  status: { accepted: "已受理", assigned: "已交办", in_progress: "办理中", closed: "已办结", follow_up: "已回访" },
  risk_level: { high: "高风险", medium: "中风险", low: "低风险" },
  headcount: { "1": "1人", "2-4": "2–4人", "5-29": "5–29人", "30+": "30人及以上" },
  overdue: { true: "超期", acceptance: "受理超期", handling: "办理超期", false: "未超期" },
  repeat: { true: "重件", false: "初件" },
  joint: { true: "联名件", false: "非联名件" },
};

// Labels learnt from API responses (facets, trend series) win over the table.
const learnt = {};

/** learnLabels remembers the labels of facet values sent by the API. */
export function learnLabels(facets) {
  for (const [key, values] of Object.entries(facets || {})) {
    for (const v of values || []) {
      if (v && v.value && v.label && v.label !== v.value) {
        (learnt[key] ||= {})[v.value] = v.label;
      }
    }
  }
}

/** label returns the Chinese label of a filter value. Category labels come
 * from the taxonomy through the API first; the fixed enums use the table. */
export function label(key, value) {
  const api = learnt[key] && learnt[key][value];
  const table = LABELS[key] && LABELS[key][value];
  return (key === "category" ? api || table : table || api) || value;
}

/** facetTitle returns the Chinese name of a filter field. */
export function facetTitle(key) {
  const f = FACETS.find((x) => x.key === key);
  return f ? f.title : key;
}

/** riskShort gives 高/中/低 for a risk level. */
export function riskShort(level) {
  return { high: "高", medium: "中", low: "低" }[level] || "—";
}

const dateFmt = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
});
const dateTimeFmt = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit", hour12: false,
});

function parts(fmt, d) {
  const o = {};
  for (const p of fmt.formatToParts(d)) o[p.type] = p.value;
  return o;
}

function toDate(v) {
  if (!v) return null;
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1) return null;
  return d;
}

/** fmtDate formats a time as 2024-04-19 in China time; "—" for none. */
export function fmtDate(v) {
  const d = toDate(v);
  if (!d) return "—";
  const p = parts(dateFmt, d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** fmtDateTime formats a time as 2024-04-19 09:30 in China time. */
export function fmtDateTime(v) {
  const d = toDate(v);
  if (!d) return "—";
  const p = parts(dateTimeFmt, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour === "24" ? "00" : p.hour}:${p.minute}`;
}

/** fmtBucket labels a histogram or trend bucket start for its interval. */
export function fmtBucket(v, interval) {
  const d = toDate(v);
  if (!d) return "";
  const p = parts(dateFmt, d);
  if (interval === "month") return `${p.year}-${p.month}`;
  return `${p.year}-${p.month}-${p.day}`;
}

const intFmt = new Intl.NumberFormat("zh-CN");

/** fmtInt formats a count with grouping. */
export function fmtInt(n) {
  return intFmt.format(n || 0);
}

/** fmtYuan formats an amount in yuan as 元, 万元 or 亿元. */
export function fmtYuan(n) {
  if (typeof n !== "number" || !Number.isFinite(n)) return "—";
  const trim = (x) => String(Math.round(x * 100) / 100);
  if (Math.abs(n) >= 1e8) return `${trim(n / 1e8)}亿元`;
  if (Math.abs(n) >= 1e4) return `${trim(n / 1e4)}万元`;
  return `${intFmt.format(n)}元`;
}

/** placeLevel labels a gazetteer level. */
export function placeLevel(level) {
  return { province: "省级", city: "盟市", county: "旗县区", town: "苏木乡镇", village: "嘎查村社区" }[level] || level || "";
}

const ERROR_TEXT = {
  invalid: "请求有误",
  not_found: "未找到",
  conflict: "操作冲突",
  unavailable: "服务暂时不可用，请稍后重试",
  internal: "服务器内部错误",
  unauthorized: "需要访问令牌",
  forbidden: "当前令牌无权查看此内容",
  network: "无法连接到服务器，请检查网络或稍后重试",
  bad_response: "服务器返回了无法识别的数据",
};

/** errorTitle gives a Chinese headline for an API error code. */
export function errorTitle(code) {
  return ERROR_TEXT[code] || "请求失败";
}
