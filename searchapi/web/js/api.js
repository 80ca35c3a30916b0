// The HTTP API v1 client: one GET helper that turns the API's
// {"error":{"code","message"}} (and network failures) into ApiError.

import { askToken, authHeader, forgetToken } from "./auth.js";
import { FILTER_KEYS } from "./labels.js";

/** ApiError is a failed API call: code is the API's error code, or
 * "network" / "bad_response" when the server could not be read. */
export class ApiError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.name = "ApiError";
    this.code = code;
    this.status = status || 0;
  }
}

/** filterParams turns the dashboard state into the API's filter parameters.
 * Values of one field are sent as repeated parameters (ORed by the API).
 * The query goes with the user's expand choice, so that the search, its
 * counts, the trend, clusters and handling times read it alike. */
export function filterParams(state, { withQuery = true } = {}) {
  const p = new URLSearchParams();
  if (withQuery && state.q) {
    p.set("q", state.q);
    if (state.expand === false) p.set("expand", "false");
  }
  for (const key of FILTER_KEYS) {
    for (const v of state.filters[key] || []) p.append(key, v);
  }
  if (state.from) p.set("from", state.from);
  // A date-only "to" is inclusive: the API reads it as the end of that day.
  if (state.to) p.set("to", state.to);
  if (state.cluster) p.set("cluster", state.cluster);
  return p;
}

/** get fetches base+path?params and returns the decoded JSON. On 401 it
 * asks for a token and tries again with it. */
export function get(path, params, signal) {
  return request("GET", path, params, undefined, signal);
}

/** post sends body as JSON to base+path and returns the decoded JSON
 * answer (null for 204 No Content). */
export function post(path, body, signal) {
  return request("POST", path, null, body, signal);
}

async function request(method, path, params, body, signal) {
  const qs = params && [...params.keys()].length ? `?${params}` : "";
  let res;
  for (;;) {
    const headers = { Accept: "application/json" };
    const auth = authHeader();
    if (auth) headers.Authorization = auth;
    const init = { method, signal, headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    try {
      res = await fetch(`api/v1/${path}${qs}`, init);
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ApiError("network", String(err && err.message ? err.message : err));
    }
    if (res.status !== 401) break;
    // A token entered while this request was out (another panel asked for
    // it) is tried, not forgotten: only the token this request sent was
    // refused.
    const now = authHeader();
    if (now && now !== auth) continue;
    forgetToken();
    await askToken(Boolean(auth));
    if (signal && signal.aborted) throw new DOMException("aborted", "AbortError");
  }
  let answer = null;
  const text = await res.text();
  try {
    answer = text ? JSON.parse(text) : null;
  } catch {
    answer = null;
  }
  if (!res.ok) {
    const e = answer && answer.error;
    if (e && e.code) throw new ApiError(e.code, e.message, res.status);
    const code = res.status === 404 ? "not_found" : res.status >= 500 ? "unavailable" : "invalid";
    throw new ApiError(code, `HTTP ${res.status}`, res.status);
  }
  if (res.status === 204) return null;
  if (answer === null) throw new ApiError("bad_response", "响应不是 JSON", res.status);
  return answer;
}
