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

const request = (url: string, headers: Record<string, string> = {}) => ({ method: "GET", url, headers }) as unknown as IncomingMessage;

function setup(initialVersion = 1) {
  let version = initialVersion;
  let renders = 0;
  const cache = new ResponseCache({ readVersion: () => version, versionCheckMs: 0 });
  const get = async (url: string, headers: Record<string, string> = {}, status = 200, type = "text/html; charset=utf-8") => {
    const res = fakeResponse();
    await cache.handle(request(url, headers), res as unknown as ServerResponse, async () => {
      renders++;
      res.statusCode = status;
      res.setHeader("content-type", type);
      res.write(`page ${url} v${version}`);
      res.end();
    });
    return res;
  };
  return { get, renders: () => renders, setVersion: (v: number) => (version = v) };
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

  it("drops everything when the content version changes", async () => {
    const { get, renders, setVersion } = setup();
    await get("/");
    setVersion(2);
    expect((await get("/")).body).toBe("page / v2");
    expect(renders()).toBe(2);
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
