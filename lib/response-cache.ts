// The reader's one cache: finished HTTP responses (HTML, RSC payloads, feeds)
// in front of Next's request handler. Content changes only when db:setup runs,
// so a response stays valid until the shared content version changes; each
// server polls that version in the database, so several instances over one
// database stay in step with nothing shared in process.
//
// - One render per URL however many readers ask at once (concurrent misses wait
//   for the first render).
// - Right after a seed, a page rendered before it is served while a fresh copy
//   renders in the background (stale-while-revalidate), so a seed never sends
//   every reader to the renderer at once. Only for `staleForMs` (1.5 s) after
//   the version changed: later, the first reader gets the new page, so new
//   content is on every page within two seconds of a seed.
// - Bounded by bytes, least recently used out first.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Query parameters that select content; anything else (utm_…, _rsc) is not part of the key. */
const CONTENT_PARAMS = ["company", "from", "to", "source", "q", "sort", "before", "after", "page", "market"];
// Headers Next's App Router varies page responses on (RSC navigation and prefetch).
const VARY_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];
const CACHEABLE_TYPES = /^(text\/html|text\/x-component|application\/(feed\+json|json|atom\+xml|xml)|text\/plain)/;
/** Background refreshes at a time: a seed makes every cached page stale at once. */
const MAX_REFRESHES = 4;
/** Marks the cache's own background refresh requests. */
export const REFRESH_HEADER = "x-finews-refresh";

type Entry = {
  status: number;
  headers: Record<string, string | string[] | number>;
  body: Buffer;
  version: number;
  /** What a background refresh must send to get the same kind of response. */
  request: { url: string; headers: Record<string, string> };
};

export type ResponseCacheOptions = {
  readVersion: () => number;
  /** Re-renders a stale entry in the background (the server sends the request to itself). */
  refresh?: (request: Entry["request"]) => Promise<void>;
  maxBytes?: number;
  versionCheckMs?: number;
  staleForMs?: number;
};

export type CacheStats = {
  hits: number;
  staleHits: number;
  misses: number;
  coalesced: number;
  renders: number;
  entries: number;
  bytes: number;
};

export class ResponseCache {
  private entries = new Map<string, Entry>();
  private inFlight = new Map<string, Promise<Entry | null>>();
  private refreshing = new Set<string>();
  private bytes = 0;
  private version = -1;
  private versionChangedAt = 0;
  private checkedAt = -Infinity;
  readonly stats: Omit<CacheStats, "entries" | "bytes"> = { hits: 0, staleHits: 0, misses: 0, coalesced: 0, renders: 0 };

  constructor(private options: ResponseCacheOptions) {}

  /** The cache key, or null for requests that are never cached. */
  keyFor(req: IncomingMessage): string | null {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const url = new URL(req.url ?? "/", "http://cache.local");
    if (url.pathname.startsWith("/_next/") || url.pathname === "/__metrics") return null;
    const params = CONTENT_PARAMS.flatMap((name) => url.searchParams.getAll(name).map((value) => `${name}=${value}`));
    const vary = VARY_HEADERS.map((name) => String(req.headers[name] ?? ""));
    vary.push(/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? "gzip" : "");
    return `${url.pathname}?${params.join("&")}#${vary.join("|")}`;
  }

  currentStats(): CacheStats {
    return { ...this.stats, entries: this.entries.size, bytes: this.bytes };
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

  /** Serves from the cache, or runs `render` (once per key at a time) and keeps its response when cacheable. */
  async handle(req: IncomingMessage, res: ServerResponse, render: () => Promise<void>): Promise<void> {
    const key = this.keyFor(req);
    if (!key) return render();
    this.refreshVersion();
    // Only the server itself (loopback) may ask for a refresh: for anyone else it is an ordinary request.
    const isRefresh = req.headers[REFRESH_HEADER] === "1" && /^(127\.|::1$|::ffff:127\.)/.test(req.socket?.remoteAddress ?? "");
    const entry = isRefresh ? undefined : this.entries.get(key);
    if (entry) {
      const fresh = entry.version === this.version;
      if (fresh || Date.now() - this.versionChangedAt < (this.options.staleForMs ?? 1500)) {
        this.touch(key, entry);
        if (fresh) {
          this.stats.hits++;
          return this.send(req, res, entry, "hit");
        }
        // A stale copy goes out only while a fresh one is being rendered: when
        // every refresh slot is busy, this reader waits for a render instead,
        // so no page stays old for the whole stale window.
        if (this.refreshInBackground(key, entry)) {
          this.stats.staleHits++;
          return this.send(req, res, entry, "stale");
        }
      }
    }
    if (this.version < 0) return render(); // no seeded database yet
    const pending = this.inFlight.get(key);
    if (pending && !isRefresh) {
      this.stats.coalesced++;
      const shared = await pending;
      if (shared) return this.send(req, res, shared, "shared");
      return render();
    }
    this.stats.misses++;
    const rendered = this.renderAndKeep(key, req, res, render);
    this.inFlight.set(key, rendered.entry);
    rendered.entry.finally(() => this.inFlight.get(key) === rendered.entry && this.inFlight.delete(key));
    return rendered.done;
  }

  private send(req: IncomingMessage, res: ServerResponse, entry: Entry, how: string) {
    res.writeHead(entry.status, { ...entry.headers, "content-length": entry.body.length, "x-finews-cache": how });
    res.end(req.method === "HEAD" ? undefined : entry.body);
  }

  private touch(key: string, entry: Entry) {
    // Re-insert: Map order is insertion order, which makes this an LRU.
    this.entries.delete(key);
    this.entries.set(key, entry);
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

  /** Runs `render`, copying what it writes; the entry settles when the response has finished. */
  private renderAndKeep(key: string, req: IncomingMessage, res: ServerResponse, render: () => Promise<void>) {
    const versionAtStart = this.version;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
      return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as typeof res.end;
    res.setHeader("x-finews-cache", "miss");
    this.stats.renders++;
    const entry = new Promise<Entry | null>((resolve) => {
      res.once("close", () => resolve(null));
      res.once("finish", () => {
        const type = String(res.getHeader("content-type") ?? "");
        // A page that is now a 404 (a deleted article) must not be answered from an older copy any more.
        const drop = () => {
          this.forget(key);
          resolve(null);
        };
        if (req.method !== "GET" || this.version !== versionAtStart || res.statusCode !== 200) return drop();
        if (!CACHEABLE_TYPES.test(type) || res.getHeader("set-cookie")) return drop();
        const headers = { ...res.getHeaders() } as Entry["headers"];
        delete headers["x-finews-cache"];
        delete headers["date"];
        delete headers["content-length"];
        const requestHeaders: Record<string, string> = {};
        for (const name of [...VARY_HEADERS, "accept-encoding"])
          if (req.headers[name] !== undefined) requestHeaders[name] = String(req.headers[name]);
        const kept: Entry = {
          status: 200,
          headers,
          body: Buffer.concat(chunks),
          version: versionAtStart,
          request: { url: req.url ?? "/", headers: requestHeaders },
        };
        this.store(key, kept);
        resolve(kept);
      });
    });
    return { entry, done: render() };
  }

  private forget(key: string) {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.body.length;
  }

  private store(key: string, entry: Entry) {
    const maxBytes = this.options.maxBytes ?? 64 * 1024 * 1024;
    if (entry.body.length > maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.length;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.bytes <= maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= oldEntry.body.length;
    }
  }
}
