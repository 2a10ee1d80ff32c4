// Security headers for every response, and a Content-Security-Policy for HTML
// that allows exactly the inline scripts the page carries, by hash. Hashes
// rather than nonces because pages are cached: a hash stays true for every
// reader of the same bytes, where a nonce would have to change per response.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "x-frame-options": "DENY",
};

const INLINE_SCRIPT_RE = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** The policy for one HTML document: its inline scripts by hash, everything else from this origin (images: any https). */
export function contentSecurityPolicy(html: string): string {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT_RE)) {
    if (match[1]) hashes.add(`'sha256-${createHash("sha256").update(match[1], "utf8").digest("base64")}'`);
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

/**
 * Runs `render` with its HTML held back until complete, so the policy can
 * name the hashes of the scripts it contains; other responses pass through.
 */
export function renderWithPolicy(req: IncomingMessage, res: ServerResponse, render: () => Promise<void>): Promise<void> {
  // Build assets are never HTML: Next serves them untouched.
  if (req.url?.startsWith("/_next/")) return render();
  const write = res.write;
  const end = res.end;
  const writeHead = res.writeHead;
  const flushHeaders = res.flushHeaders;
  const restore = () => {
    res.write = write;
    res.end = end;
    res.writeHead = writeHead;
    res.flushHeaders = flushHeaders;
  };
  const isHtml = (type: unknown) => /^text\/html/.test(String(type ?? ""));
  // Next sends an HTML page's headers early (it streams); held back here, they
  // go out with the complete body, policy included. Other responses are untouched.
  res.writeHead = function (this: ServerResponse, status: number, ...args: unknown[]) {
    const headers = args.find((arg) => arg && typeof arg === "object" && !Array.isArray(arg)) as
      Record<string, string | string[] | number> | undefined;
    const type = headers
      ? Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1]
      : res.getHeader("content-type");
    if (!isHtml(type)) return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...args);
    res.statusCode = status;
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) res.setHeader(name, value);
    return this;
  } as typeof res.writeHead;
  res.flushHeaders = function (this: ServerResponse) {
    if (!isHtml(res.getHeader("content-type"))) flushHeaders.call(this);
  };

  const chunks: Buffer[] = [];
  let held: boolean | null = null;
  const holding = () => {
    held ??= /^text\/html/.test(String(res.getHeader("content-type") ?? "")) && !res.headersSent;
    return held;
  };
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (!holding()) return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    if (chunk) chunks.push(Buffer.from(chunk as Buffer));
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (!holding()) {
      restore();
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    }
    if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
    restore();
    const body = Buffer.concat(chunks);
    const gzipped = /\bgzip\b/.test(String(res.getHeader("content-encoding") ?? ""));
    const html = (gzipped ? gunzipSync(body) : body).toString("utf8");
    res.setHeader("content-security-policy", contentSecurityPolicy(html));
    res.removeHeader("transfer-encoding");
    res.setHeader("content-length", body.length);
    return (end as (...args: unknown[]) => ServerResponse).call(this, req.method === "HEAD" ? undefined : body);
  } as typeof res.end;
  return render();
}
