// What the server answers itself, before the cache or Next see a request: the
// reader is read-only (GET and HEAD, anything else 405 with Allow) except the
// desk's two look-ups, which take a small POST body (lib/data/desk.ts), and a
// request target must name a path on this site. A bad request is the client's
// error (4xx), never a crash or a stack trace in the log.
import type { IncomingHttpHeaders } from "node:http";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";

export const ALLOWED_METHODS = "GET, HEAD";
/** Endpoints that answer a POST: read-only look-ups whose input is too long for a URL. */
const POST_ENDPOINTS = new Set(["/api/companies", "/api/articles"]);
/** The largest POST body accepted: a 500-slug list fits many times over. */
export const MAX_POST_BYTES = 64 * 1024;

export type Refusal = { status: 400 | 405 | 413; message: string; headers: Record<string, string> };

/**
 * The target in origin form ("/path?query"): as sent, or the path of an
 * absolute-form target ("http://host/path", which HTTP/1.1 servers must
 * accept); null for anything else ("*", "host:443", garbage).
 */
export function originForm(target: string): string | null {
  if (target.startsWith("/")) return target;
  const absolute = /^https?:\/\/[^/?#]*([/?][^#]*)?/i.exec(target);
  if (!absolute) return null;
  const rest = absolute[1] ?? "/";
  return rest.startsWith("/") ? rest : `/${rest}`;
}

/** Whether Next can read a router-state header: it answers one it cannot with a 500 and a stack trace. */
function isRouterState(header: string | string[]): boolean {
  try {
    parseAndValidateFlightRouterState(header);
    return true;
  } catch {
    return false;
  }
}

/** Why `method` on `target` with `headers` is refused, or null when it may go on. */
export function refusal(method: string | undefined, target: string | undefined, headers: IncomingHttpHeaders = {}): Refusal | null {
  const path = originForm(target ?? "");
  if (method === "POST" && path !== null && POST_ENDPOINTS.has(path.split("?")[0])) {
    const length = Number(headers["content-length"] ?? NaN);
    if (!(length <= MAX_POST_BYTES)) return { status: 413, message: `请求体应注明长度且不超过 ${MAX_POST_BYTES} 字节`, headers: {} };
    return null;
  }
  if (method !== "GET" && method !== "HEAD")
    return { status: 405, message: "本站只读：只接受 GET 和 HEAD 请求", headers: { allow: ALLOWED_METHODS } };
  if (path === null) return { status: 400, message: "请求目标无效：应为以 / 开头的路径", headers: {} };
  const routerState = headers["next-router-state-tree"];
  if (routerState !== undefined && !isRouterState(routerState))
    return { status: 400, message: "请求头 Next-Router-State-Tree 无效", headers: {} };
  return null;
}
