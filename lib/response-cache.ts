// The reader's one cache: finished HTTP responses (HTML, RSC payloads, feeds)
// in front of Next's request handler. Content changes only when db:setup runs,
// so a response stays valid until the shared content version changes; each
// server polls that version in the database, so several instances over one
// database stay in step with nothing shared in process.
//
// - The key is the request's canonical target (the path as sent, then only the
//   parameters that select content, re-encoded in a fixed order) and the RSC
//   headers Next varies on. The server hands Next that same canonical target,
//   so what is rendered is exactly what the key names: no value, however it is
//   escaped, can make two requests share an entry unless they mean the same.
// - The cache decides the encoding: Next renders identity bytes, a compressible
//   body is kept gzipped and unzipped for the few readers that refuse gzip.
// - One render per key however many readers ask at once (concurrent misses
//   wait for the first render), and at most a few renders at a time overall
//   (RenderSlots): cached pages never wait behind a flood of new URLs.
// - Right after a seed, a page rendered before it is served while a fresh copy
//   renders in the background (stale-while-revalidate), so a seed never sends
//   every reader to the renderer at once. Only for `staleForMs` (1.5 s) after
//   the version changed: later, the first reader gets the new page, so new
//   content is on every page within two seconds of a seed.
// - Bounded by bytes (key, stored request and response headers, body). A new
//   entry starts on probation; only one asked for again joins the protected
//   part (80% of the bytes), so a flood of URLs asked for once evicts other
//   such URLs, never the pages readers keep coming back to (segmented LRU).
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gunzipSync, gzip as gzipCallback } from "node:zlib";
import { cacheKeyParams } from "./filters/cache-key";
import { BUSY, RenderSlots } from "./render-slots";
import { ClientGone, type Rendered } from "./response-capture";

const gzip = promisify(gzipCallback);

/**
 * Next's own parameter: an RSC request carries a hash of its router headers in
 * `_rsc`, and Next answers a wrong one with a redirect, so it is passed on and keyed.
 */
const NEXT_PARAMS = ["_rsc"];
// Headers Next's App Router varies page responses on (RSC navigation and prefetch).
const VARY_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];
const CACHEABLE_TYPES = /^(text\/html|text\/x-component|application\/(feed\+json|json|atom\+xml|xml)|text\/plain)/;
const COMPRESSIBLE_TYPES = /^(text\/|application\/([\w.-]+\+)?(json|xml|javascript))/;
/** Headers of a render that describe one transfer, not the response: set again on every send. */
const TRANSFER_HEADERS = ["content-length", "content-encoding", "transfer-encoding", "date", "connection", "keep-alive", "x-finews-cache"];
/** Background refreshes at a time: a seed makes every cached page stale at once. */
const MAX_REFRESHES = 4;
/** Share of the byte budget for entries asked for more than once. */
const PROTECTED_SHARE = 0.8;
/** Bytes an entry costs beyond its strings and bodies (objects, map slots). */
const ENTRY_OVERHEAD = 512;
/** Marks the cache's own background refresh requests; its value must be the server's secret token. */
export const REFRESH_HEADER = "x-finews-refresh";

/**
 * The parameters that select a response, as [name, value] pairs in a fixed
 * order, derived from the filter declarations; anything else (utm_…) is
 * neither part of the key nor passed to Next.
 */
export function contentParams(params: URLSearchParams): [string, string][] {
  return [...new URLSearchParams(cacheKeyParams(params))];
}

/**
 * The request target as the cache keys it and Next renders it: the path as
 * sent, then the content parameters (every value of a repeated one, in order)
 * and Next's own, re-encoded so that no value can read as a separator.
 */
export function canonicalTarget(target: string): string {
  const at = target.indexOf("?");
  if (at < 0) return target;
  const params = new URLSearchParams(target.slice(at + 1));
  const pairs = [...contentParams(params), ...NEXT_PARAMS.flatMap((name) => params.getAll(name).map((value) => [name, value]))];
  const query = pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
  return target.slice(0, at) + (query ? `?${query}` : "");
}

/** Whether an Accept-Encoding header admits gzip (an explicit q=0 refuses it; `*` stands for it when it is not named). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  let gzipQ: number | undefined;
  let anyQ: number | undefined;
  for (const part of (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",")) {
    const [coding, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => /^q\s*=/.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.replace(/^q\s*=\s*/, ""));
    const weight = Number.isFinite(q) ? q : 0;
    if (coding === "gzip" || coding === "x-gzip") gzipQ = Math.max(gzipQ ?? 0, weight);
    else if (coding === "*") anyQ = weight;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}

/** A finished response as the cache sends it: the body gzipped when its type compresses. */
type Stored = { status: number; headers: OutgoingHttpHeaders; body: Buffer; gzipped: boolean; identityLength: number };

type Entry = Stored & {
  version: number;
  /** What a background refresh must send to get the same kind of response. */
  request: { url: string; headers: Record<string, string> };
  /** Bytes counted against the budget: key, request, headers and body. */
  size: number;
};

/** What a render leaves for readers of the same key that waited for it. */
type Outcome = { stored: Stored; kept: boolean } | typeof BUSY | null;

export type ResponseCacheOptions = {
  readVersion: () => number;
  /** Re-renders a stale entry in the background (the server sends the request to itself, marked with `refreshToken`). */
  refresh?: (request: Entry["request"]) => Promise<void>;
  /** The secret a background refresh carries in REFRESH_HEADER: only a request holding it may bypass the cache. */
  refreshToken?: string;
  /** 0: nothing is kept (every request renders). */
  maxBytes?: number;
  versionCheckMs?: number;
  staleForMs?: number;
  /** Renders at a time, and renders that may wait for one; beyond that a miss is answered 503. */
  renderSlots?: RenderSlots;
};

export type CacheStats = {
  hits: number;
  staleHits: number;
  misses: number;
  coalesced: number;
  renders: number;
  /** Requests answered 503 because every render slot and the queue were taken. */
  busy: number;
  entries: number;
  protectedEntries: number;
  bytes: number;
  rendering: number;
  queued: number;
};

export class ResponseCache {
  /** Entries asked for once, least recently used first. */
  private probation = new Map<string, Entry>();
  /** Entries asked for again, least recently used first. */
  private protected = new Map<string, Entry>();
  private probationBytes = 0;
  private protectedBytes = 0;
  private inFlight = new Map<string, Promise<Outcome>>();
  private refreshing = new Set<string>();
  private version = -1;
  private versionChangedAt = 0;
  private checkedAt = -Infinity;
  private readonly maxBytes: number;
  private readonly slots: RenderSlots;
  readonly stats = { hits: 0, staleHits: 0, misses: 0, coalesced: 0, renders: 0, busy: 0 };

  constructor(private options: ResponseCacheOptions) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.slots = options.renderSlots ?? new RenderSlots(4, 64);
  }

  /** The cache key, or null for requests that are never cached. */
  keyFor(req: IncomingMessage): string | null {
    if (this.maxBytes <= 0 || (req.method !== "GET" && req.method !== "HEAD")) return null;
    const target = req.url ?? "/";
    if (!target.startsWith("/") || target.startsWith("/_next/") || target.startsWith("/__metrics")) return null;
    return JSON.stringify([canonicalTarget(target), ...VARY_HEADERS.map((name) => req.headers[name] ?? null)]);
  }

  currentStats(): CacheStats {
    return {
      ...this.stats,
      entries: this.probation.size + this.protected.size,
      protectedEntries: this.protected.size,
      bytes: this.probationBytes + this.protectedBytes,
      rendering: this.slots.active,
      queued: this.slots.waiting,
    };
  }

  private refreshVersion() {
    const now = Date.now();
    // Reading the version is one indexed SQLite row (microseconds) or the value the PostgreSQL poller keeps.
    if (now - this.checkedAt < (this.options.versionCheckMs ?? 50)) return;
    this.checkedAt = now;
    const version = this.options.readVersion();
    if (version !== this.version) this.versionChangedAt = now;
    this.version = version;
  }

  private isRefresh(req: IncomingMessage): boolean {
    const token = this.options.refreshToken;
    const sent = req.headers[REFRESH_HEADER];
    if (!token || typeof sent !== "string" || sent.length !== token.length) return false;
    return timingSafeEqual(Buffer.from(sent), Buffer.from(token));
  }

  /**
   * Answers `req` from the cache, or with `render`'s response (rendered once
   * per key at a time, in a render slot), keeping it when it is cacheable.
   * `req.url` becomes its canonical target first, so `render` renders what
   * the key names; `render` must not send anything (lib/response-capture.ts).
   */
  async handle(req: IncomingMessage, res: ServerResponse, render: () => Promise<Rendered>): Promise<void> {
    // Read before rendering: the render asks Next for identity bytes (and a HEAD's GET).
    const reader = { gzip: acceptsGzip(req.headers["accept-encoding"]), head: req.method === "HEAD" };
    // What is rendered is exactly what is keyed, cached or not.
    if (req.url?.startsWith("/")) req.url = canonicalTarget(req.url);
    const key = this.keyFor(req);
    if (!key) return this.renderAndSend(null, req, res, reader, render);
    this.refreshVersion();
    const isRefresh = this.isRefresh(req);
    const entry = isRefresh ? undefined : this.lookup(key);
    if (entry) {
      const fresh = entry.version === this.version;
      if (fresh || Date.now() - this.versionChangedAt < (this.options.staleForMs ?? 1500)) {
        this.touch(key, entry);
        if (fresh) {
          this.stats.hits++;
          return this.send(res, entry, "hit", reader);
        }
        // A stale copy goes out only while a fresh one is being rendered: when
        // every refresh slot is busy, this reader waits for a render instead,
        // so no page stays old for the whole stale window.
        if (this.refreshInBackground(key, entry)) {
          this.stats.staleHits++;
          return this.send(res, entry, "stale", reader);
        }
      }
    }
    if (this.version < 0) return this.renderAndSend(null, req, res, reader, render); // no seeded database yet
    const pending = this.inFlight.get(key);
    if (pending && !isRefresh) {
      this.stats.coalesced++;
      const shared = await pending;
      if (shared === BUSY) return this.sendBusy(res);
      if (shared?.kept) return this.send(res, shared.stored, "shared", reader);
      return this.renderAndSend(null, req, res, reader, render);
    }
    this.stats.misses++;
    return this.renderAndSend(key, req, res, reader, render);
  }

  /** Renders in a slot and sends the result; with a key, readers of the same key share it and it is kept when cacheable. */
  private async renderAndSend(
    key: string | null,
    req: IncomingMessage,
    res: ServerResponse,
    reader: { gzip: boolean; head: boolean },
    render: () => Promise<Rendered>,
  ): Promise<void> {
    const outcome = this.renderAndKeep(key, req, res, reader, render);
    if (key) {
      // Readers waiting for this render render for themselves when it fails.
      const shared = outcome.catch(() => null);
      this.inFlight.set(key, shared);
      void shared.then(() => this.inFlight.get(key) === shared && this.inFlight.delete(key));
    }
    const result = await outcome;
    if (result === BUSY) return this.sendBusy(res);
    if (result) this.send(res, result.stored, "miss", reader);
  }

  private async renderAndKeep(
    key: string | null,
    req: IncomingMessage,
    res: ServerResponse,
    reader: { gzip: boolean },
    render: () => Promise<Rendered>,
  ): Promise<Outcome> {
    const versionAtStart = this.version;
    // A reader who leaves while queued takes the queued render with them.
    const abandoned = new AbortController();
    const onClose = () => abandoned.abort(new ClientGone());
    res.once("close", onClose);
    let rendered: Rendered | typeof BUSY;
    try {
      rendered = await this.slots.run(() => {
        this.stats.renders++;
        return render();
      }, abandoned.signal);
    } finally {
      res.off("close", onClose);
    }
    if (rendered === BUSY) {
      this.stats.busy++;
      return BUSY;
    }
    const type = String(rendered.headers["content-type"] ?? "");
    // Next was asked for identity bytes: a body it encoded anyway goes out as it is, never kept.
    const encoded = !/^(identity)?$/i.test(String(rendered.headers["content-encoding"] ?? ""));
    const cacheable =
      key !== null &&
      !encoded &&
      rendered.status === 200 &&
      this.version === versionAtStart &&
      CACHEABLE_TYPES.test(type) &&
      rendered.headers["set-cookie"] === undefined;
    // A page that is now a 404 (a deleted article) must not be answered from an older copy any more.
    if (key && !cacheable) this.forget(key);
    const compress = !encoded && COMPRESSIBLE_TYPES.test(type) && rendered.body.length > 0 && (cacheable || reader.gzip);
    const stored = encoded ? this.asSent(rendered) : await this.toStored(rendered, compress);
    if (!cacheable) return { stored, kept: false };
    const requestHeaders: Record<string, string> = {};
    for (const name of VARY_HEADERS) if (req.headers[name] !== undefined) requestHeaders[name] = String(req.headers[name]);
    const request = { url: req.url ?? "/", headers: requestHeaders };
    const size =
      ENTRY_OVERHEAD + key.length * 2 + JSON.stringify(request).length * 2 + JSON.stringify(stored.headers).length * 2 + stored.body.length;
    this.store(key, { ...stored, version: versionAtStart, request, size });
    return { stored, kept: true };
  }

  private async toStored(rendered: Rendered, compress: boolean): Promise<Stored> {
    const headers: OutgoingHttpHeaders = { ...rendered.headers };
    for (const name of TRANSFER_HEADERS) delete headers[name];
    if (compress) {
      const vary = String(headers["vary"] ?? "");
      if (!/\baccept-encoding\b/i.test(vary)) headers["vary"] = vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
    }
    const body = compress ? await gzip(rendered.body) : rendered.body;
    return { status: rendered.status, headers, body, gzipped: compress, identityLength: rendered.body.length };
  }

  /** A response sent exactly as rendered (its own encoding and length). */
  private asSent(rendered: Rendered): Stored {
    const headers: OutgoingHttpHeaders = { ...rendered.headers };
    for (const name of TRANSFER_HEADERS) if (name !== "content-encoding") delete headers[name];
    return { status: rendered.status, headers, body: rendered.body, gzipped: false, identityLength: rendered.body.length };
  }

  private send(res: ServerResponse, stored: Stored, how: string, reader: { gzip: boolean; head: boolean }) {
    if (res.destroyed) return;
    const asGzip = stored.gzipped && reader.gzip;
    const body = stored.gzipped && !asGzip ? (reader.head ? null : gunzipSync(stored.body)) : stored.body;
    res.writeHead(stored.status, {
      ...stored.headers,
      ...(asGzip ? { "content-encoding": "gzip" } : {}),
      "content-length": asGzip ? stored.body.length : stored.identityLength,
      "x-finews-cache": how,
    });
    res.end(reader.head ? undefined : body);
  }

  private sendBusy(res: ServerResponse) {
    if (res.destroyed) return;
    res.writeHead(503, {
      "content-type": "text/plain; charset=utf-8",
      "retry-after": "1",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-finews-cache": "busy",
    });
    res.end("服务器繁忙，请稍后重试\n");
  }

  private lookup(key: string): Entry | undefined {
    return this.protected.get(key) ?? this.probation.get(key);
  }

  /** A hit: a protected entry becomes the most recently used; one on probation is protected from now on. */
  private touch(key: string, entry: Entry) {
    if (this.protected.delete(key)) {
      this.protected.set(key, entry);
      return;
    }
    if (!this.probation.delete(key)) return;
    this.probationBytes -= entry.size;
    this.protected.set(key, entry);
    this.protectedBytes += entry.size;
    // The protected part's least recently used go back on probation (as its most recent).
    for (const [oldKey, old] of this.protected) {
      if (this.protectedBytes <= this.maxBytes * PROTECTED_SHARE) break;
      this.protected.delete(oldKey);
      this.protectedBytes -= old.size;
      this.probation.set(oldKey, old);
      this.probationBytes += old.size;
    }
  }

  /** Starts re-rendering `key` unless it already is; false when no refresh is under way for it. */
  private refreshInBackground(key: string, entry: Entry): boolean {
    const refresh = this.options.refresh;
    if (this.refreshing.has(key)) return true;
    if (!refresh || this.refreshing.size >= MAX_REFRESHES) return false;
    this.refreshing.add(key);
    refresh(entry.request)
      .catch(() => {})
      .finally(() => this.refreshing.delete(key));
    return true;
  }

  private forget(key: string) {
    const onProbation = this.probation.get(key);
    if (onProbation) {
      this.probation.delete(key);
      this.probationBytes -= onProbation.size;
    }
    const kept = this.protected.get(key);
    if (kept) {
      this.protected.delete(key);
      this.protectedBytes -= kept.size;
    }
  }

  private store(key: string, entry: Entry) {
    if (entry.size > this.maxBytes / 8) return this.forget(key);
    // A re-render of a protected page (after a seed) stays protected; anything else starts on probation.
    const wasProtected = this.protected.has(key);
    this.forget(key);
    if (wasProtected) {
      this.protected.set(key, entry);
      this.protectedBytes += entry.size;
    } else {
      this.probation.set(key, entry);
      this.probationBytes += entry.size;
    }
    this.evict();
  }

  /** Drops the least recently used on probation first, protected entries only when probation is empty. */
  private evict() {
    for (const part of [this.probation, this.protected]) {
      for (const [key, entry] of part) {
        if (this.probationBytes + this.protectedBytes <= this.maxBytes) return;
        part.delete(key);
        if (part === this.probation) this.probationBytes -= entry.size;
        else this.protectedBytes -= entry.size;
      }
    }
  }
}
