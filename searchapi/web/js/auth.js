// The bearer token of a server with access control. The dashboard asks for
// it when the API answers 401 and keeps it in sessionStorage only: it lives
// as long as the browser tab and never goes to disk or to other tabs.

import { h } from "./dom.js";

const KEY = "xinfang.token";

// memory holds the token when sessionStorage is unavailable.
let memory = "";

/** token returns the token of this browser session, or "". */
export function token() {
  try {
    return sessionStorage.getItem(KEY) || memory;
  } catch {
    return memory;
  }
}

/** forgetToken drops the session's token (a wrong one, or on 切换令牌). */
export function forgetToken() {
  memory = "";
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: nothing kept
  }
}

let pending = null;

/**
 * askToken shows the token dialog and resolves with the token entered.
 * Concurrent callers (several panels answered 401 at once) share one
 * dialog. wrong says that the previous token was refused.
 */
export function askToken(wrong) {
  if (pending) return pending;
  pending = new Promise((resolve) => {
    const input = h("input", { type: "password", id: "token-input", name: "token", autocomplete: "off", spellcheck: "false", required: true });
    const error = h("p", { class: "form-error", role: "alert", hidden: !wrong }, "令牌无效或已停用，请重新输入。");
    const form = h("form", { class: "token-form", method: "dialog" },
      h("h2", { id: "token-title" }, "请输入访问令牌"),
      h("p", { class: "muted" }, "本平台的数据须凭访问令牌查看。令牌仅保存在本浏览器标签页中，关闭标签页即清除。"),
      h("label", { for: "token-input" }, "访问令牌"),
      input,
      error,
      h("div", { class: "token-actions" }, h("button", { type: "submit", class: "btn btn-primary", id: "token-ok" }, "确定")));
    const dlg = h("dialog", { class: "token-dialog", id: "token-dialog", "aria-labelledby": "token-title" }, form);
    // Esc must not leave the dashboard without a way in.
    dlg.addEventListener("cancel", (ev) => ev.preventDefault());
    form.addEventListener("submit", (ev) => {
      const t = input.value.trim();
      if (!t) {
        ev.preventDefault();
        error.hidden = false;
        error.textContent = "请输入令牌。";
        return;
      }
      try {
        sessionStorage.setItem(KEY, t);
      } catch {
        // storage disabled: the token lasts until the page is left
        memory = t;
      }
      dlg.close();
      dlg.remove();
      pending = null;
      document.dispatchEvent(new Event("xinfang:token"));
      resolve(t);
    });
    document.body.appendChild(dlg);
    dlg.showModal();
    input.focus();
  });
  return pending;
}

/** authHeader returns the Authorization header value, or "". */
export function authHeader() {
  const t = token();
  return t ? `Bearer ${t}` : "";
}
