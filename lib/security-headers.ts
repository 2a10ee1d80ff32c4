// The Content-Security-Policy of an HTML page: scripts from this origin, and
// inline only the scripts the app itself emits, by hash. Hashes rather than a
// nonce because pages are cached: a hash stays true for every reader of the
// same bytes, where a nonce would make each response different.
//
// Which inline scripts are the app's own is decided by what they are, never by
// their being in the page: the image-fallback script (a constant), and Next's
// bootstrap scripts, each one call whose only argument is a JSON value (the
// flight data `self.__next_f.push([…])`, Turbopack's chunk list). Such a call
// runs no code of its own whatever its data says, so an article that carried
// one could add data and nothing else; any other <script> in a page, one that
// slipped through the sanitizer, gets no hash and the browser blocks it.
//
// The static headers (nosniff, referrer, permissions, framing) come from
// next.config.js, so `npm run dev` sends them too; this policy is production's
// (the dev server needs eval).
import { createHash } from "node:crypto";
import type { OutgoingHttpHeaders } from "node:http";
import { IMAGE_FALLBACK_SCRIPT } from "./image-fallback-script";
import type { Rendered } from "./response-capture";

/** The app's own constant inline scripts. */
const APP_SCRIPTS = new Set([IMAGE_FALLBACK_SCRIPT]);
// Next's flight bootstrap `(self.__next_f=self.__next_f||[]).push([0])` and data `self.__next_f.push([1,"…"])`.
// A JSON argument never holds "<": Next escapes it, so nothing in it can end or open a tag.
const FLIGHT_PUSH = /^(?:\(self\.__next_f=self\.__next_f\|\|\[\]\)|self\.__next_f)\.push\(([^<]*)\)$/;
// Turbopack's chunk-group bootstrap: `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({…});`
const TURBOPACK_PUSH = /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\(([^<]*)\);$/;
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const BUILD_ASSET = /^static\/(?!.*\.\.)[\w./-]+$/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** [kind] or [kind, data]: 0 bootstraps the queue, 1 and 3 carry flight data (text, base64), 2 form state. */
function isFlightChunk(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  const [kind, data] = value;
  if (kind === 0) return value.length === 1;
  if (kind === 1 || kind === 3) return value.length === 2 && typeof data === "string";
  return kind === 2 && value.length === 2;
}

/** { otherChunks: build assets, runtimeModuleIds: numbers }: the runtime loads those chunks, so they must be the build's own. */
function isChunkGroup(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.entries(value).every(([name, list]) => {
    if (!Array.isArray(list)) return false;
    if (name === "otherChunks") return list.every((chunk) => typeof chunk === "string" && BUILD_ASSET.test(chunk));
    if (name === "runtimeModuleIds") return list.every((id) => Number.isInteger(id));
    return false;
  });
}

/** True for the inline scripts the app and Next emit, by their exact shape. */
export function isAppScript(text: string): boolean {
  if (APP_SCRIPTS.has(text)) return true;
  const flight = FLIGHT_PUSH.exec(text);
  if (flight) return isFlightChunk(parseJson(flight[1]));
  const lines = text.split("\n");
  return lines.every((line) => {
    const group = TURBOPACK_PUSH.exec(line);
    return !!group && isChunkGroup(parseJson(group[1]));
  });
}

const isJavaScript = (attributes: string) => {
  const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1].toLowerCase();
  return !type || type === "module" || /^(text|application)\/(java|ecma)script$/.test(type);
};

/** The policy for one HTML document: the app's own inline scripts by hash, everything else from this origin (images: any https). */
export function contentSecurityPolicy(html: string): string {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(INLINE_SCRIPT)) {
    if (!text || /\bsrc\s*=/i.test(attributes) || !isJavaScript(attributes) || !isAppScript(text)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return [
    "default-src 'self'",
    `script-src 'self' ${[...hashes].join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

const isHtml = (headers: OutgoingHttpHeaders) => /^text\/html/i.test(String(headers["content-type"] ?? ""));

/** `rendered` with its policy when it is an HTML page; other responses need none. */
export function withContentSecurityPolicy(rendered: Rendered): Rendered {
  if (!isHtml(rendered.headers)) return rendered;
  const policy = contentSecurityPolicy(rendered.body.toString("utf8"));
  return { ...rendered, headers: { ...rendered.headers, "content-security-policy": policy } };
}
