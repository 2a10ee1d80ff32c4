import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { ResponseCache } from "./response-cache";

/** A minimal stand-in for Node's ServerResponse: enough for the cache's wrapping. */
function fakeResponse() {
  const headers: Record<string, unknown> = {};
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    body: "",
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = value),
    getHeader: (name: string) => headers[name.toLowerCase()],
    getHeaders: () => ({ ...headers }),
    writeHead(status: number, more: Record<string, unknown>) {
      res.statusCode = status;
      for (const [k, v] of Object.entries(more)) headers[k.toLowerCase()] = v;
      return res;
    },
    write(chunk: string) {
      res.body += chunk;
      return true;
    },
    end(chunk?: string) {
      if (chunk) res.body += chunk;
      res.emit("finish");
      return res;
    },
  });
  return res;
}

const request = (url: string, headers: Record<string, string> = {}) =>
  ({ method: "GET", url, headers, socket: { remoteAddress: "127.0.0.1" } }) as unknown as IncomingMessage;

function setup(initialVersion = 1, options: { staleForMs?: number; renderDelayMs?: number } = {}) {
  let version = initialVersion;
  let renders = 0;
  const refreshed: string[] = [];
  const cache = new ResponseCache({
    readVersion: () => version,
    versionCheckMs: 0,
    staleForMs: options.staleForMs ?? 0,
    refresh: async ({ url }) => {
      refreshed.push(url);
      await get(url, { "x-finews-refresh": "1" });
    },
  });
  const get = async (url: string, headers: Record<string, string> = {}, status = 200, type = "text/html; charset=utf-8") => {
    const res = fakeResponse();
    await cache.handle(request(url, headers), res as unknown as ServerResponse, async () => {
      renders++;
      const at = version;
      if (options.renderDelayMs) await new Promise((resolve) => setTimeout(resolve, options.renderDelayMs));
      res.statusCode = status;
      res.setHeader("content-type", type);
      res.write(`page ${url} v${at}`);
      res.end();
    });
    return res;
  };
  return { get, cache, refreshed, renders: () => renders, setVersion: (v: number) => (version = v) };
}

describe("ResponseCache", () => {
  it("renders once, then serves the same bytes from memory", async () => {
    const { get, renders } = setup();
    expect((await get("/?company=hk01024")).body).toBe("page /?company=hk01024 v1");
    const hit = await get("/?company=hk01024");
    expect(hit.body).toBe("page /?company=hk01024 v1");
    expect(hit.getHeader("x-finews-cache")).toBe("hit");
    expect(renders()).toBe(1);
  });

  it("renders again when the content version has changed", async () => {
    const { get, renders, setVersion } = setup();
    await get("/");
    setVersion(2);
    expect((await get("/")).body).toBe("page / v2");
    expect(renders()).toBe(2);
  });

  it("renders a page once however many readers ask for it at once", async () => {
    const { get, renders, cache } = setup(1, { renderDelayMs: 20 });
    const pages = await Promise.all(Array.from({ length: 10 }, () => get("/?q=a")));
    expect(renders()).toBe(1);
    expect(new Set(pages.map((p) => p.body))).toEqual(new Set(["page /?q=a v1"]));
    expect(cache.stats.coalesced).toBe(9);
  });

  it("right after a seed, serves the previous page once while a fresh one renders", async () => {
    const { get, refreshed, setVersion } = setup(1, { staleForMs: 60_000 });
    await get("/");
    setVersion(2);
    const stale = await get("/");
    expect(stale.body).toBe("page / v1");
    expect(stale.getHeader("x-finews-cache")).toBe("stale");
    expect(refreshed).toEqual(["/"]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const fresh = await get("/");
    expect(fresh.body).toBe("page / v2");
    expect(fresh.getHeader("x-finews-cache")).toBe("hit");
  });

  it("right after a seed, renders for the reader when every refresh slot is busy instead of serving an old page", async () => {
    const { get, refreshed, setVersion } = setup(1, { staleForMs: 60_000, renderDelayMs: 20 });
    const urls = ["/a", "/b", "/c", "/d", "/e"];
    for (const url of urls) await get(url);
    setVersion(2);
    const pages = await Promise.all(urls.map((url) => get(url)));
    expect(refreshed).toEqual(["/a", "/b", "/c", "/d"]);
    expect(pages.slice(0, 4).map((p) => p.getHeader("x-finews-cache"))).toEqual(["stale", "stale", "stale", "stale"]);
    expect(pages[4].body).toBe("page /e v2");
  });

  it("forgets a page whose fresh render is no longer a page (a deleted article)", async () => {
    let version = 1;
    let status = 200;
    const cache: ResponseCache = new ResponseCache({
      readVersion: () => version,
      versionCheckMs: 0,
      staleForMs: 60_000,
      refresh: async ({ url }) => void (await get(url, { "x-finews-refresh": "1" })),
    });
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const res = fakeResponse();
      await cache.handle(request(url, headers), res as unknown as ServerResponse, async () => {
        res.statusCode = status;
        res.setHeader("content-type", "text/html");
        res.end(`status ${status}`);
      });
      return res;
    };
    await get("/articles/a");
    version = 2;
    status = 404;
    expect((await get("/articles/a")).getHeader("x-finews-cache")).toBe("stale"); // and the refresh renders the 404
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await get("/articles/a")).statusCode).toBe(404);
  });

  it("does not let other clients force a refresh", async () => {
    const { get, cache, renders } = setup();
    await get("/");
    const res = fakeResponse();
    const outsider = {
      method: "GET",
      url: "/",
      headers: { "x-finews-refresh": "1" },
      socket: { remoteAddress: "203.0.113.9" },
    } as unknown as IncomingMessage;
    await cache.handle(outsider, res as unknown as ServerResponse, async () => {});
    expect(res.getHeader("x-finews-cache")).toBe("hit");
    expect(renders()).toBe(1);
  });

  it("stays within its byte budget, dropping the least recently used", async () => {
    let version = 1;
    const cache = new ResponseCache({ readVersion: () => version, versionCheckMs: 0, maxBytes: 8 * 100 });
    for (let i = 0; i < 30; i++) {
      const res = fakeResponse();
      await cache.handle(request(`/?q=${i}`), res as unknown as ServerResponse, async () => {
        res.setHeader("content-type", "text/html");
        res.end("x".repeat(90));
      });
    }
    expect(cache.currentStats().bytes).toBeLessThanOrEqual(800);
    expect(cache.currentStats().entries).toBeGreaterThan(0);
    version = 2;
  });

  it("keys on filter parameters and Next's RSC headers, not on noise", async () => {
    const { get, renders } = setup();
    await get("/?company=hk01024");
    await get("/?company=hk01024&utm_source=x&_rsc=abc");
    expect(renders()).toBe(1);
    await get("/?company=hk01024", { rsc: "1" });
    await get("/?company=hk00700");
    expect(renders()).toBe(3);
  });

  it("never keeps errors, not-found pages or static assets", async () => {
    const { get, renders } = setup();
    await get("/articles/nope", {}, 404);
    await get("/articles/nope", {}, 404);
    await get("/_next/static/chunk.js", {}, 200, "application/javascript");
    await get("/_next/static/chunk.js", {}, 200, "application/javascript");
    expect(renders()).toBe(4);
  });

  it("does not cache before the database has been seeded", async () => {
    const { get, renders } = setup(-1);
    await get("/");
    await get("/");
    expect(renders()).toBe(2);
  });
});
