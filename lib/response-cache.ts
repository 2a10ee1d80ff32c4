// An HTTP response cache in front of Next's request handler. Content changes
// only when db:setup runs, so a rendered page (HTML, RSC payload, feed) stays
// valid until the content version changes. Keyed by the normalized URL plus
// the request headers Next varies on; checked against the version at most
// once a second, so a new seed shows up within about a second.
import type { IncomingMessage, ServerResponse } from "node:http";

const FILTER_PARAMS = ["company", "from", "to", "source", "q", "before", "after"];
// Headers Next's App Router varies page responses on (RSC navigation and prefetch).
const VARY_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "accept-encoding"];
const CACHEABLE_TYPES = /^(text\/html|text\/x-component|application\/(feed\+json|json|atom\+xml|xml)|text\/plain)/;

type Entry = { status: number; headers: Record<string, string | string[] | number>; body: Buffer };

export type ResponseCacheOptions = { readVersion: () => number; maxEntries?: number; maxBytes?: number; versionCheckMs?: number };

export class ResponseCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  private version = -1;
  private checkedAt = 0;
  hits = 0;
  misses = 0;

  constructor(private options: ResponseCacheOptions) {}

  /** Cache key for a request, or null when it must not be cached. */
  keyFor(req: IncomingMessage): string | null {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const url = new URL(req.url ?? "/", "http://cache.local");
    if (url.pathname.startsWith("/_next/")) return null; // static assets: Next serves them with immutable caching
    const params = FILTER_PARAMS.flatMap((name) => url.searchParams.getAll(name).map((value) => `${name}=${value}`));
    const vary = VARY_HEADERS.map((name) => {
      const value = req.headers[name];
      if (name === "accept-encoding") return /\bgzip\b/.test(String(value ?? "")) ? "gzip" : "";
      return value === undefined ? "" : String(value);
    });
    return `${url.pathname}?${params.join("&")}#${vary.join("|")}`;
  }

  private refreshVersion() {
    const now = Date.now();
    if (now - this.checkedAt < (this.options.versionCheckMs ?? 1000)) return;
    this.checkedAt = now;
    const version = this.options.readVersion();
    if (version !== this.version) this.clear();
    this.version = version;
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Serves from the cache, or runs `render` and keeps its response when it is cacheable. */
  async handle(req: IncomingMessage, res: ServerResponse, render: () => Promise<void>): Promise<void> {
    const key = this.keyFor(req);
    if (!key) return render();
    this.refreshVersion();
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      this.entries.delete(key); // re-insert: Map order makes this an LRU
      this.entries.set(key, hit);
      res.writeHead(hit.status, { ...hit.headers, "content-length": hit.body.length, "x-finews-cache": "hit" });
      res.end(req.method === "HEAD" ? undefined : hit.body);
      return;
    }
    this.misses++;
    if (this.version < 0) return render(); // no seeded database yet
    const versionAtStart = this.version;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as Buffer));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
      return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as typeof res.end;
    res.setHeader("x-finews-cache", "miss");
    res.once("finish", () => {
      if (req.method !== "GET" || this.version !== versionAtStart) return;
      const type = String(res.getHeader("content-type") ?? "");
      if (res.statusCode !== 200 || !CACHEABLE_TYPES.test(type) || res.getHeader("set-cookie")) return;
      const headers = { ...res.getHeaders() } as Entry["headers"];
      delete headers["x-finews-cache"];
      delete headers["date"];
      this.store(key, { status: res.statusCode, headers, body: Buffer.concat(chunks) });
    });
    return render();
  }

  private store(key: string, entry: Entry) {
    const maxEntries = this.options.maxEntries ?? 2000;
    const maxBytes = this.options.maxBytes ?? 256 * 1024 * 1024;
    if (entry.body.length > maxBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldKey, old] of this.entries) {
      if (this.entries.size <= maxEntries && this.bytes <= maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.body.length;
    }
  }
}
