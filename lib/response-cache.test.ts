import { EventEmitter } from "node:events";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { RenderSlots } from "./render-slots";
import { acceptsGzip, canonicalTarget, REFRESH_HEADER, ResponseCache } from "./response-cache";
import type { Rendered } from "./response-capture";

/** A minimal stand-in for Node's ServerResponse: what the cache calls to send. */
function fakeResponse() {
  const res = Object.assign(new EventEmitter(), {
    statusCode: 0,
    headers: {} as OutgoingHttpHeaders,
    sent: null as Buffer | null,
    destroyed: false,
    writeHead(status: number, headers: OutgoingHttpHeaders) {
      res.statusCode = status;
      res.headers = headers;
      return res;
    },
    end(chunk?: Buffer | string) {
      res.sent = chunk === undefined ? null : Buffer.from(chunk);
      res.emit("finish");
      return res;
    },
  });
  return res;
}
type FakeResponse = ReturnType<typeof fakeResponse>;

/** The body a reader gets, unzipped when it was sent gzipped. */
const text = (res: FakeResponse) =>
  res.sent === null ? null : (res.headers["content-encoding"] === "gzip" ? gunzipSync(res.sent) : res.sent).toString();

const request = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  ({ method, url, headers: { ...headers }, socket: { remoteAddress: "127.0.0.1" } }) as unknown as IncomingMessage;

const page = (body: string, status = 200, type = "text/html; charset=utf-8"): Rendered => ({
  status,
  headers: { "content-type": type },
  body: Buffer.from(body),
});

type SetupOptions = {
  staleForMs?: number;
  renderDelayMs?: number;
  maxBytes?: number;
  slots?: RenderSlots;
  /** What a render returns when the request names none (background refreshes included). */
  respond?: () => Rendered;
};

function setup(initialVersion = 1, options: SetupOptions = {}) {
  let version = initialVersion;
  let renders = 0;
  const refreshed: string[] = [];
  const refreshing: Promise<unknown>[] = [];
  const cache: ResponseCache = new ResponseCache({
    readVersion: () => version,
    versionCheckMs: 0,
    staleForMs: options.staleForMs ?? 0,
    maxBytes: options.maxBytes,
    renderSlots: options.slots,
    refreshToken: "secret-token",
    refresh: async ({ url }) => {
      refreshed.push(url);
      const done = get(url, { [REFRESH_HEADER]: "secret-token" });
      refreshing.push(done);
      await done;
    },
  });
  /** Renders "page <url> v<version>" (the URL as the cache handed it on), or what `respond` returns. */
  const get = async (url: string, headers: Record<string, string> = {}, respond?: () => Rendered, method = "GET") => {
    const res = fakeResponse();
    const req = request(url, headers, method);
    await cache.handle(req, res as unknown as ServerResponse, async () => {
      renders++;
      const at = version;
      if (options.renderDelayMs) await new Promise((resolve) => setTimeout(resolve, options.renderDelayMs));
      const make = respond ?? options.respond;
      return make ? make() : page(`page ${req.url} v${at}`);
    });
    return res;
  };
  /** Waits for the background refreshes started so far. */
  const refreshesDone = () => Promise.all(refreshing);
  return { get, cache, refreshed, refreshesDone, renders: () => renders, setVersion: (v: number) => (version = v) };
}

describe("ResponseCache", () => {
  it("renders once, then serves the same bytes from memory", async () => {
    const { get, renders } = setup();
    expect(text(await get("/?company=hk01024"))).toBe("page /?company=hk01024 v1");
    const hit = await get("/?company=hk01024");
    expect(text(hit)).toBe("page /?company=hk01024 v1");
    expect(hit.headers["x-finews-cache"]).toBe("hit");
    expect(renders()).toBe(1);
  });

  it("renders again when the content version has changed", async () => {
    const { get, renders, setVersion } = setup();
    await get("/");
    setVersion(2);
    expect(text(await get("/"))).toBe("page / v2");
    expect(renders()).toBe(2);
  });

  it("renders a page once however many readers ask for it at once", async () => {
    const { get, renders, cache } = setup(1, { renderDelayMs: 20 });
    const pages = await Promise.all(Array.from({ length: 10 }, () => get("/?q=a")));
    expect(renders()).toBe(1);
    expect(new Set(pages.map(text))).toEqual(new Set(["page /?q=a v1"]));
    expect(cache.stats.coalesced).toBe(9);
  });

  it("right after a seed, serves the previous page once while a fresh one renders", async () => {
    const { get, refreshed, refreshesDone, setVersion } = setup(1, { staleForMs: 60_000 });
    await get("/");
    setVersion(2);
    const stale = await get("/");
    expect(text(stale)).toBe("page / v1");
    expect(stale.headers["x-finews-cache"]).toBe("stale");
    expect(refreshed).toEqual(["/"]);
    await refreshesDone();
    const fresh = await get("/");
    expect(text(fresh)).toBe("page / v2");
    expect(fresh.headers["x-finews-cache"]).toBe("hit");
  });

  it("right after a seed, renders for the reader when every refresh slot is busy instead of serving an old page", async () => {
    const { get, refreshed, setVersion } = setup(1, { staleForMs: 60_000, renderDelayMs: 20 });
    const urls = ["/a", "/b", "/c", "/d", "/e"];
    for (const url of urls) await get(url);
    setVersion(2);
    const pages = await Promise.all(urls.map((url) => get(url)));
    expect(refreshed).toEqual(["/a", "/b", "/c", "/d"]);
    expect(pages.slice(0, 4).map((p) => p.headers["x-finews-cache"])).toEqual(["stale", "stale", "stale", "stale"]);
    expect(text(pages[4])).toBe("page /e v2");
  });

  it("forgets a page whose fresh render is no longer a page (a deleted article)", async () => {
    let status = 200;
    const { get, refreshesDone, setVersion } = setup(1, { staleForMs: 60_000, respond: () => page(`status ${status}`, status) });
    await get("/articles/a");
    setVersion(2);
    status = 404;
    expect((await get("/articles/a")).headers["x-finews-cache"]).toBe("stale"); // and the refresh renders the 404
    await refreshesDone();
    expect((await get("/articles/a")).statusCode).toBe(404);
  });

  it("lets only a request holding the secret token bypass it, loopback or not", async () => {
    const { get, renders } = setup();
    await get("/");
    const guess = await get("/", { [REFRESH_HEADER]: "1" });
    expect(guess.headers["x-finews-cache"]).toBe("hit");
    expect(renders()).toBe(1);
    await get("/", { [REFRESH_HEADER]: "secret-token" });
    expect(renders()).toBe(2);
  });

  it("stays within its byte budget, dropping the least recently used", async () => {
    const { get, cache } = setup(1, { maxBytes: 8 * 1000 });
    for (let i = 0; i < 30; i++) await get(`/?q=${i}`, {}, () => page("x".repeat(90)));
    expect(cache.currentStats().bytes).toBeLessThanOrEqual(8000);
    expect(cache.currentStats().entries).toBeGreaterThan(0);
  });

  it("counts keys and stored requests against the budget, not only bodies", async () => {
    const { get, cache } = setup(1, { maxBytes: 64 * 1024 });
    const long = "长".repeat(2000);
    for (let i = 0; i < 100; i++) await get(`/?q=${encodeURIComponent(long + i)}`, {}, () => page("tiny"));
    // Each entry holds a 2,000-character key twice over (key and stored URL): a body-only count would keep all 100.
    expect(cache.currentStats().entries).toBeLessThan(16);
    expect(cache.currentStats().bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("keeps the pages readers return to through a flood of URLs asked for once", async () => {
    const { get, cache } = setup(1, { maxBytes: 100 * 1024 });
    const body = "x".repeat(1000);
    const hot = Array.from({ length: 20 }, (_, i) => `/companies/hot${i}`);
    for (const url of hot) await get(url, {}, () => page(body));
    for (const url of hot) await get(url, {}, () => page(body)); // asked for again: protected
    for (let i = 0; i < 2000; i++) await get(`/?q=flood${i}`, {}, () => page(body));
    const after = await Promise.all(hot.map((url) => get(url, {}, () => page(body))));
    expect(after.map((res) => res.headers["x-finews-cache"])).toEqual(hot.map(() => "hit"));
    expect(cache.currentStats().bytes).toBeLessThanOrEqual(100 * 1024);
  });

  it("keys on filter parameters and Next's RSC headers, not on noise", async () => {
    const { get, renders } = setup();
    await get("/?company=hk01024");
    await get("/?company=hk01024&utm_source=x");
    expect(renders()).toBe(1);
    await get("/?company=hk01024", { rsc: "1" });
    await get("/?company=hk01024&_rsc=abc", { rsc: "1" });
    await get("/?company=hk00700");
    expect(renders()).toBe(4);
  });

  it("never lets an escaped separator in a value share an entry with the parameters it spells", async () => {
    const { cache } = setup();
    const key = (url: string, headers: Record<string, string> = {}) => cache.keyFor(request(url, headers));
    const q = encodeURIComponent("快手");
    const pairs: [string, string][] = [
      [`/feed.json?company=hk01024%26q%3D${q}`, `/feed.json?company=hk01024&q=${q}`],
      ["/?company=a%26company%3Db", "/?company=a&company=b"],
      ["/?q=a%23b", "/?q=a"],
      ["/?q=a%7Cb", "/?q=a|b&sort=x"],
      ["/?q=a%26sort%3Dtime", "/?q=a&sort=time"],
      ["/?q=a%3Bsort%3Dtime", "/?q=a;sort=time&sort=time"],
      ["/?company=hk01024", "/?company=hk01024&company=hk00700"],
    ];
    for (const [a, b] of pairs) expect(key(a), `${a} vs ${b}`).not.toBe(key(b));
    // Repeated values are the list a GET form sends, the same page as the canonical list.
    expect(key("/?company=hk01024&company=hk00700")).toBe(key("/?company=hk00700,hk01024"));
    // Nor can a header value spell another header.
    expect(key("/", { rsc: '1","x' })).not.toBe(key("/", { rsc: "1", "next-router-state-tree": "x" }));
  });

  it("hands the render the canonical target it keys, so what is rendered is what is keyed", async () => {
    const { get } = setup();
    const res = await get("/?utm=1&q=a%26b&company=x&company=y&q=c");
    expect(text(res)).toBe("page /?company=x%2Cy&q=a%26b%2Cc v1");
  });

  it("decides the encoding itself: one render serves gzip and identity readers, each in their own", async () => {
    const { get, renders } = setup();
    const readers = ["deflate", "*", "br", "gzip;q=0", "identity", "gzip", "gzip;q=0, deflate", "", "*;q=0"];
    for (const ae of readers) {
      const res = await get("/companies", ae ? { "accept-encoding": ae } : {});
      expect(text(res), ae).toBe("page /companies v1");
      expect(res.headers["content-encoding"], ae).toBe(acceptsGzip(ae) ? "gzip" : undefined);
      expect(res.headers["content-length"], ae).toBe(res.sent!.length);
      expect(String(res.headers["vary"]), ae).toMatch(/accept-encoding/i);
    }
    expect(renders()).toBe(1);
  });

  it("sends a body the render encoded itself as it is, and never keeps it", async () => {
    const { get, renders } = setup();
    const deflated = (): Rendered => ({
      status: 200,
      headers: { "content-type": "text/html", "content-encoding": "deflate" },
      body: Buffer.from("zz"),
    });
    const res = await get("/odd", { "accept-encoding": "gzip" }, deflated);
    expect(res.headers["content-encoding"]).toBe("deflate");
    expect(res.sent!.toString()).toBe("zz");
    await get("/odd", { "accept-encoding": "identity" }, deflated);
    expect(renders()).toBe(2);
  });

  it("answers a HEAD with the GET's headers and no body, from the same entry", async () => {
    const { get, renders } = setup();
    await get("/companies", { "accept-encoding": "identity" });
    const head = await get("/companies", { "accept-encoding": "identity" }, undefined, "HEAD");
    expect(head.sent).toBeNull();
    expect(head.headers["content-length"]).toBe("page /companies v1".length);
    expect(renders()).toBe(1);
  });

  it("never keeps errors, not-found pages or static assets", async () => {
    const { get, renders } = setup();
    await get("/articles/nope", {}, () => page("gone", 404));
    await get("/articles/nope", {}, () => page("gone", 404));
    await get("/_next/static/chunk.js", {}, () => page("js", 200, "application/javascript"));
    await get("/_next/static/chunk.js", {}, () => page("js", 200, "application/javascript"));
    expect(renders()).toBe(4);
  });

  it("does not cache before the database has been seeded", async () => {
    const { get, renders } = setup(-1);
    await get("/");
    await get("/");
    expect(renders()).toBe(2);
  });

  it("keeps nothing at a budget of 0", async () => {
    const { get, renders } = setup(1, { maxBytes: 0 });
    await get("/");
    await get("/");
    expect(renders()).toBe(2);
  });

  it("caps renders at a time: a full queue is answered 503, and cached pages never wait", async () => {
    const { get, renders, cache } = setup(1, { renderDelayMs: 50, slots: new RenderSlots(2, 1) });
    await get("/cached");
    const misses = ["/a", "/b", "/c", "/d"].map((url) => get(url));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(cache.currentStats()).toMatchObject({ rendering: 2, queued: 1 });
    const hit = await get("/cached");
    expect(hit.headers["x-finews-cache"]).toBe("hit");
    expect(cache.currentStats().rendering).toBe(2); // the hit came back while the renders still ran
    const answered = await Promise.all(misses);
    expect(answered.map((res) => res.statusCode)).toEqual([200, 200, 200, 503]);
    expect(answered[3].headers["retry-after"]).toBe("1");
    expect(renders()).toBe(4);
  });
});

describe("canonicalTarget", () => {
  it("keeps the path as sent and only the content parameters, in a fixed order, re-encoded", () => {
    expect(canonicalTarget("/")).toBe("/");
    expect(canonicalTarget("/?")).toBe("/");
    expect(canonicalTarget("/?utm_source=x&fbclid=y")).toBe("/");
    expect(canonicalTarget("/?q=a+b&company=hk01024")).toBe("/?company=hk01024&q=a%20b");
    expect(canonicalTarget("/feed.json?company=hk01024%26q%3D快手")).toBe("/feed.json?company=hk01024%26q%3D%E5%BF%AB%E6%89%8B");
    expect(canonicalTarget("/?company=b&q=x&company=a")).toBe("/?company=b%2Ca&q=x");
    expect(canonicalTarget("/a%2Fb/../c?_rsc=1x&rsc=1")).toBe("/a%2Fb/../c?_rsc=1x");
  });

  it("is stable: a canonical target is its own canonical form", () => {
    for (const target of ["/?q=%25%26%3D%23", "/?company=a&company=b&q=%E5%BF%AB", "/x?q=a%2Bb&_rsc=z"])
      expect(canonicalTarget(canonicalTarget(target))).toBe(canonicalTarget(target));
  });
});

describe("acceptsGzip", () => {
  it("follows the q-values of Accept-Encoding", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("GZIP")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("br;q=1, *;q=0.1")).toBe(true);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("gzip; q=0")).toBe(false);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("deflate")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("gzip;q=abc")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
  });
});
