// Hostile HTTP: replays the classes of request that once poisoned the cache or
// crashed a render, with fresh variants every run (other parameters, other
// separators, other sizes, other orders; HOSTILE_SEED replays a run), against
// two servers of its own on the fixture database: the production server and
// one with the response cache off (RESPONSE_CACHE_MB=0). Every answer of the
// first is compared with the second's answer to the same request, so a cached
// body that is not what that request renders counts as poisoned. Then a
// worker is killed with SIGKILL and the site must answer again.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer as createNetServer, connect } from "node:net";
import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { fixtureEnv } from "./fixture";
import { SEED } from "./helpers";

test.describe.configure({ mode: "serial" });
const onlyOnce = () => test.skip(test.info().project.name !== "desktop", "HTTP only: one project is enough");

type Reader = { name: string; port: number; child: ChildProcess; log: () => string };
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; raw: Buffer; text: string; error?: string };
type Probe = { method?: string; path: string; headers?: OutgoingHttpHeaders };

const SITE_URL = "http://reader.test";
let cached: Reader;
let reference: Reader;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` (scripts/start.ts: the supervisor and its worker) on the fixture database. */
async function startReader(name: string, env: Record<string, string>): Promise<Reader> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--max-old-space-size=320", "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      ...fixtureEnv,
      MALLOC_ARENA_MAX: "2",
      PORT: String(port),
      HOST: "127.0.0.1",
      SITE_URL,
      FINEWS_METRICS: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const reader = { name, port, child, log: () => log };
  await waitUntilAnswering(reader, 90_000);
  return reader;
}

async function waitUntilAnswering(reader: Reader, withinMs: number) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (reader.child.exitCode !== null) throw new Error(`${reader.name} server exited:\n${reader.log()}`);
    const answer = await send(reader, { path: "/robots.txt" }, 2000);
    if (answer.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${reader.name} server did not answer within ${withinMs} ms:\n${reader.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function decode(raw: Buffer, encoding: string | undefined): string {
  if (!encoding || encoding === "identity") return raw.toString("utf8");
  if (encoding === "gzip") return gunzipSync(raw).toString("utf8");
  if (encoding === "deflate") return inflateSync(raw).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(raw).toString("utf8");
  throw new Error(`unknown content-encoding ${encoding}`);
}

/** One request, exactly as given (no client-side decompression); the body decoded as its Content-Encoding says. */
function send(reader: Reader, probe: Probe, timeoutMs = 20_000): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: reader.port,
        method: probe.method ?? "GET",
        path: probe.path,
        headers: { "accept-encoding": "identity", ...probe.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          let text = "";
          let error: string | undefined;
          try {
            text = decode(raw, res.headers["content-encoding"]);
          } catch (e) {
            error = `undecodable body (${res.headers["content-encoding"]}): ${(e as Error).message}`;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text, error });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on("error", (e) => resolve({ status: 0, headers: {}, raw: Buffer.alloc(0), text: "", error: e.message }));
    // A body only where the method has one: llhttp reads a TRACE's body as the next request.
    req.end(probe.method && ["POST", "PUT", "PATCH"].includes(probe.method) ? "x=1" : undefined);
  });
}

/** A request written byte for byte on a socket: the status line that comes back ("closed" when none). */
function sendRaw(reader: Reader, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(reader.port, "127.0.0.1");
    let data = "";
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on("data", (chunk) => (data += chunk.toString("latin1")));
    socket.on("close", () => resolve(data.split("\r\n")[0] || "closed"));
    socket.on("error", () => {});
    socket.end(Buffer.from(bytes, "latin1"));
  });
}

/** A small seeded generator (mulberry32): a failing run can be replayed with its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    shuffle: <T>(items: T[]): T[] =>
      items
        .map((item) => [next(), item] as const)
        .sort((x, y) => x[0] - y[0])
        .map(([, item]) => item),
  };
}

/** Whether a client sending this Accept-Encoding can read `encoding` (judged here, independently of the server's parser). */
function readable(acceptEncoding: string | undefined, encoding: string | undefined): boolean {
  if (!encoding || encoding === "identity") return true;
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    if (name) weights.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  // x-gzip is gzip by another name (RFC 9110, 8.4.1.3).
  const named = encoding === "gzip" ? (weights.get("gzip") ?? weights.get("x-gzip")) : weights.get(encoding);
  return (named ?? weights.get("*") ?? 0) > 0;
}

/**
 * A body as compared. React streams the rows of Next's flight data (RSC
 * payloads, and their copy inside a page's scripts) in the order their parts
 * finish, which varies from render to render, and an RSC payload names a few
 * React keys Next makes up per render (22 random characters): rows are
 * compared as a sorted list, keys as one placeholder.
 */
function comparable(answer: Answer): string {
  const type = String(answer.headers["content-type"] ?? "");
  const rows = (flight: string) =>
    flight
      .replace(/"[A-Za-z0-9_-]{22}"/g, '"<key>"')
      .split("\n")
      .sort()
      .join("\n");
  if (/^text\/x-component/.test(type)) return rows(answer.text);
  if (!/^text\/html/.test(type)) return answer.text;
  let flight = "";
  const markup = answer.text.replace(/<script>self\.__next_f\.push\((\[1,[^<]*\])\)<\/script>/g, (_, chunk: string) => {
    flight += (JSON.parse(chunk) as [number, string])[1];
    return "";
  });
  return `${markup}\n${rows(flight)}`;
}

/** Where two bodies part: "<length> bytes, at <offset> …this… vs …that…". */
function difference(got: string, want: string): string {
  let at = 0;
  while (at < got.length && got[at] === want[at]) at++;
  const near = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 40));
  return `${got.length} bytes vs ${want.length}, from ${at}: ${near(got)} vs ${near(want)}`;
}

const enc = encodeURIComponent;
const PAGES = ["/", "/companies", "/companies/hk01024", `/sources/${enc(SEED.gome.source)}`, `/articles/${SEED.meituan.slug}`];
const FILTERED = ["/", "/feed.json", "/feed.xml", "/companies/hk01024", `/sources/${enc(SEED.meituan.source)}`, "/api/companies"];
const VALUES: Record<string, string[]> = {
  company: ["hk01024", "sh600519", "sz300750", "usbaba", "hk00700", "hk01024,sh600519"],
  q: ["快手", "美团", "电商", "快手 美团", '"快手电商"', "-美团", "TSLA", "a"],
  from: ["2021-12-01", "2022-01-01", "2021-12-27"],
  to: ["2022-06-30", "2021-12-31"],
  source: [SEED.gome.source, SEED.meituan.source, "东财滚动"],
  sort: ["time", "relevance"],
  page: ["2"],
};
const SEPARATORS = ["%26", "&", ";", "%3B", "|", "%7C", "#", "%23", ",", "%2C", "+", "%20", "%00", "%0A", "&amp;"];
const EQUALS = ["%3D", "=", "%3d", "%253D"];
const ACCEPT_ENCODINGS = [
  "deflate",
  "*",
  "br",
  "gzip;q=0",
  "identity",
  "gzip",
  "gzip;q=0, deflate",
  "",
  "x-gzip",
  "*;q=0",
  "br;q=1, gzip;q=0.5",
  "GZIP",
  "gzip;q=0.0, *",
  "deflate, *;q=0.1",
];
const METHODS = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO"];

test("hostile requests: no poisoned response, no 5xx, no server exit, no malformed feed", async ({ page }, testInfo) => {
  onlyOnce();
  test.setTimeout(300_000);
  const seed = Number(process.env.HOSTILE_SEED) || Date.now() % 2 ** 31;
  const r = rng(seed);
  const phases: string[] = [];
  let phaseStart = Date.now();
  const phase = (name: string) => {
    phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
    phaseStart = Date.now();
  };
  [cached, reference] = await Promise.all([startReader("cached", {}), startReader("reference", { RESPONSE_CACHE_MB: "0" })]);
  phase("start");

  const counts = {
    probes: 0,
    rawProbes: 0,
    poisoned: 0,
    status5xx: 0,
    refreshBypassed: 0,
    malformedFeeds: 0,
    workerExits: 0,
    errorLogLines: 0,
  };
  const problems: string[] = [];
  const atomFeeds: string[] = [];
  const note = (kind: keyof typeof counts, what: string) => {
    counts[kind]++;
    if (problems.length < 20) problems.push(`${kind}: ${what}`);
  };

  /** Sends `probe` to the cached server and the same request to the reference; counts what differs. */
  async function check(probe: Probe) {
    counts.probes++;
    const [got, want] = await Promise.all([send(cached, probe), send(reference, probe)]);
    const label = `${probe.method ?? "GET"} ${probe.path.slice(0, 160)} ${JSON.stringify(probe.headers ?? {}).slice(0, 200)}`;
    if (got.status >= 500 || got.status === 0) note("status5xx", `${label} → ${got.status} ${got.error ?? got.text.slice(0, 80)}`);
    const acceptEncoding = String(probe.headers?.["accept-encoding"] ?? "identity");
    const encoding = got.headers["content-encoding"] as string | undefined;
    if (got.error || !readable(acceptEncoding, encoding))
      note("poisoned", `${label} → ${encoding ?? "identity"} ${got.error ?? "the client cannot read"}`);
    else if (
      got.status !== want.status ||
      comparable(got) !== comparable(want) ||
      got.headers["content-type"] !== want.headers["content-type"]
    )
      note(
        "poisoned",
        `${label} → ${got.status} (${got.headers["x-finews-cache"]}) ${difference(comparable(got), comparable(want))}, uncached ${want.status}`,
      );
    if (got.status === 200 && /^\/feed\.json/.test(probe.path) && probe.method !== "HEAD") {
      try {
        JSON.parse(got.text);
      } catch {
        note("malformedFeeds", label);
      }
    }
    if (got.status === 200 && /^\/feed\.xml/.test(probe.path) && probe.method !== "HEAD") atomFeeds.push(got.text);
    return got;
  }

  /** Runs `probes` in order (each one's cache state is what the ones before left), `lanes` sequences at a time. */
  async function inLanes(sequences: Probe[][], lanes = 6) {
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < sequences.length) for (const probe of sequences[next++]) await check(probe);
      }),
    );
  }

  const value = (name: string) => enc(r.pick(VALUES[name]));
  const twoNames = () => {
    const names = r.shuffle(Object.keys(VALUES));
    return [names[0], names[1]] as const;
  };

  // 1. Values that spell other parameters: the escaped form first (it fills the cache), then what it spells.
  const collisions: Probe[][] = [];
  for (let i = 0; i < 24; i++) {
    const path = r.pick(FILTERED);
    const [a, b] = twoNames();
    const [va, vb, vb2] = [value(a), value(b), value(b)];
    const spelled = `${path}?${a}=${va}${r.pick(SEPARATORS)}${b}${r.pick(EQUALS)}${vb}`;
    const variants = [
      spelled,
      `${path}?${a}=${va}&${b}=${vb}`,
      `${path}?${b}=${vb}&${a}=${va}`,
      `${path}?${b}=${vb}&${b}=${vb2}&${a}=${va}`,
      `${path}?${b}=${vb2}&${b}=${vb}&${a}=${va}`,
      `${path}?${b}=${vb}${enc(",")}${vb2}&${a}=${va}`,
      `${path}?utm_source=${r.int(0, 1e6)}&${a}=${va}&_rsc=${r.int(0, 1e6)}`,
      `${path}?${a}=${va}&${a.toUpperCase()}=${vb}`,
    ];
    collisions.push([spelled, ...r.shuffle(variants.slice(1)), spelled].map((path) => ({ path, headers: { "accept-encoding": "gzip" } })));
  }
  await inLanes(collisions);
  phase("collisions");

  // 2. Accept-Encoding: every reader of a URL, in a random order, gets bytes it can read.
  const encodings: Probe[][] = [];
  for (let i = 0; i < 6; i++) {
    const path = `${r.pick([...PAGES, ...FILTERED])}${r.next() < 0.5 ? `?q=${value("q")}&n=${r.int(0, 1e6)}` : ""}`;
    encodings.push(r.shuffle(ACCEPT_ENCODINGS).map((ae) => ({ path, headers: ae ? { "accept-encoding": ae } : {} })));
  }
  await inLanes(encodings);
  phase("encodings");

  // 3. RSC requests: router headers with the right, a wrong and no `_rsc`; unreadable router state.
  const rscProbes: Probe[][] = [];
  for (let i = 0; i < 6; i++) {
    const path = r.pick(PAGES);
    const tree = enc(JSON.stringify(["", { children: [r.pick(["__PAGE__", "companies", "articles"]), {}] }, null, null]));
    const variants: Record<string, string>[] = [
      { rsc: "1" },
      { rsc: "1", "next-router-prefetch": "1" },
      { rsc: "1", "next-router-state-tree": tree },
      { rsc: "1", "next-router-state-tree": tree, "next-router-prefetch": r.pick(["1", "2"]) },
      { rsc: "1", "next-router-state-tree": tree, "next-router-segment-prefetch": r.pick(["/_tree", "/__PAGE__", "junk"]) },
      { rsc: "1", "next-router-state-tree": tree, "next-url": r.pick(["/x", "/companies"]) },
      { rsc: r.pick(["0", "true", "2"]) },
      {},
    ];
    const sequence: Probe[] = [];
    for (const headers of r.shuffle(variants)) {
      const hash = await computeCacheBustingSearchParam(
        headers["next-router-prefetch"] as "1" | "2" | undefined,
        headers["next-router-segment-prefetch"],
        headers["next-router-state-tree"],
        headers["next-url"],
      );
      const sep = path.includes("?") ? "&" : "?";
      sequence.push({ path: `${path}${sep}_rsc=${hash}`, headers });
      sequence.push({ path: `${path}${sep}_rsc=${hash}x`, headers });
      sequence.push({ path, headers });
    }
    sequence.push({ path, headers: { rsc: "1", "next-router-state-tree": r.pick(["junk%", "%5B%5D", "x".repeat(r.int(10, 45_000))]) } });
    rscProbes.push(sequence);
  }
  await inLanes(rscProbes);
  phase("rscProbes");

  // 4. Methods other than GET and HEAD (405, nothing rendered or kept), then the GET they must not have changed.
  const methods: Probe[][] = [];
  for (let i = 0; i < 10; i++) {
    const path = `${r.pick([...PAGES, ...FILTERED])}?q=${value("q")}&r=${r.int(0, 1e6)}`;
    methods.push([{ method: r.pick(METHODS), path }, { method: "HEAD", path }, { path }, { method: r.pick(METHODS), path }, { path }]);
  }
  await inLanes(methods);
  phase("methods");

  // 5. Paths and headers Next or a proxy might read but the key does not hold; sizes.
  const odd: Probe[][] = [];
  const oddPaths = [
    "/companies/hk01024/",
    "//companies/hk01024",
    "/companies/%68k01024",
    "/companies\\hk01024",
    "/./companies/hk01024",
    "/companies/hk01024/..",
    "/%2e/companies",
    "/companies%2Fhk01024",
    `/articles/${SEED.meituan.slug}?nxtPslug=${SEED.gome.slug}`,
    "/?__nextDataReq=1",
    "/feed.json?company=hk01024#frag",
    "/%",
    "/?q=%",
    "/?q=%FF%FE",
    "/?q=%E5%BF",
    "/?q=%00%01%1F",
    `/?company=${Array.from({ length: 60 }, (_, i) => `hk${String(i).padStart(5, "0")}`).join(",")}`,
  ];
  const oddHeaders: Record<string, string>[] = [
    { "x-matched-path": `/articles/${SEED.gome.slug}` },
    { "x-invoke-path": "/companies" },
    { "x-now-route-matches": `slug=${SEED.gome.slug}` },
    { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    { host: "evil.example" },
    { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" },
    { "x-finews-refresh": "1" },
    { "next-action": "abc" },
    { cookie: "a=b" },
  ];
  for (let i = 0; i < 4; i++) {
    const path = r.pick(PAGES);
    odd.push(r.shuffle([...oddHeaders.map((headers) => ({ path, headers })), { path }]));
  }
  odd.push(r.shuffle(oddPaths).map((path) => ({ path })));
  for (let i = 0; i < 8; i++) {
    const size = r.pick([100, 1000, 4000, 12_000]);
    const q = Array.from({ length: size }, () => String.fromCharCode(r.int(0x4e00, 0x9fff))).join("");
    const path = `${r.pick(FILTERED)}?q=${enc(q).slice(0, 14_000)}`;
    odd.push([{ path }, { path, headers: { "accept-encoding": r.pick(ACCEPT_ENCODINGS) } }]);
  }
  await inLanes(odd);
  phase("odd");

  // 6. A refresh marker without the server's secret: still served from the cache.
  for (const path of PAGES) {
    await send(cached, { path });
    const spoofed = await send(cached, { path, headers: { "x-finews-refresh": r.pick(["1", "true", "x".repeat(32)]) } });
    counts.probes++;
    if (!["hit", "stale", "shared"].includes(String(spoofed.headers["x-finews-cache"])))
      note("refreshBypassed", `${path} → ${spoofed.headers["x-finews-cache"]}`);
  }

  phase("refresh");

  // 7. Request lines no browser sends: a 4xx, or the connection closed; never a 5xx.
  const rawLines = [
    "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
    "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
    "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n",
    "TRACE /feed.json HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET http://evil.example/companies HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET evil.example:80 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /?q=a#b HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /\x7f HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    "GET /%%% HTTP/1.1\r\nHost: x\r\n\r\n",
    `GET /?q=${"a".repeat(r.int(17_000, 40_000))} HTTP/1.1\r\nHost: x\r\n\r\n`,
    "GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x00b\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
    `${"A".repeat(r.int(20, 200))} / HTTP/1.1\r\n\r\n`,
    "\r\n\r\n",
  ];
  for (const line of r.shuffle(rawLines)) {
    counts.rawProbes++;
    const status = await sendRaw(cached, line);
    if (/^HTTP\/1\.[01] 5/.test(status)) note("status5xx", `${JSON.stringify(line.slice(0, 60))} → ${status}`);
  }

  phase("raw");

  // Atom feeds: the browser's XML parser has the last word on well-formedness.
  const malformedAtom = await page.evaluate(
    (feeds) =>
      feeds.filter((xml) => new DOMParser().parseFromString(xml, "application/xml").getElementsByTagName("parsererror").length > 0).length,
    atomFeeds,
  );
  for (let i = 0; i < malformedAtom; i++) note("malformedFeeds", "an Atom feed the browser cannot parse");

  for (const reader of [cached, reference]) {
    counts.workerExits +=
      (reader.log().match(/^server process \d+ (killed|exited)/gm) ?? []).length + (reader.child.exitCode === null ? 0 : 1);
    // Next's own error lines and ours ("request … failed", stack frames): a bad request must not produce any.
    counts.errorLogLines += reader
      .log()
      .split("\n")
      .filter((line) => /⨯|failed:|^\s+at /.test(line)).length;
  }

  const report = `hostile-http (seed ${seed}): ${counts.probes} probes and ${counts.rawProbes} raw request lines sent; poisoned ${counts.poisoned}, 5xx ${counts.status5xx}, refresh bypassed ${counts.refreshBypassed}, malformed feeds ${counts.malformedFeeds} (${atomFeeds.length} Atom checked), server exits ${counts.workerExits}, error log lines ${counts.errorLogLines}; ${phases.join(", ")}`;
  console.log([report, ...problems].join("\n"));
  await testInfo.attach("hostile-http report", { body: [report, ...problems, "--- cached server log ---", cached.log()].join("\n") });
  expect(problems, report).toEqual([]);
  expect(counts).toMatchObject({ poisoned: 0, status5xx: 0, refreshBypassed: 0, malformedFeeds: 0, workerExits: 0, errorLogLines: 0 });
});

test("a server process killed with SIGKILL is replaced and the site answers again", async () => {
  onlyOnce();
  test.setTimeout(120_000);
  const metrics = JSON.parse((await send(cached, { path: "/__metrics" })).text) as { pid: number };
  process.kill(metrics.pid, "SIGKILL");
  await waitUntilAnswering(cached, 90_000);
  expect(cached.log()).toContain(`server process ${metrics.pid} killed by SIGKILL`);
  const after = JSON.parse((await send(cached, { path: "/__metrics" })).text) as { pid: number };
  expect(after.pid).not.toBe(metrics.pid);
  expect(cached.child.exitCode).toBeNull();
});

test.afterAll(async () => {
  await Promise.all(
    [cached, reference].filter(Boolean).map(async (reader) => {
      if (reader.child.exitCode !== null) return;
      const exited = new Promise((resolve) => reader.child.once("exit", resolve));
      reader.child.kill("SIGTERM"); // the supervisor lets its worker finish, then exits
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      if (reader.child.exitCode === null) process.kill(-reader.child.pid!, "SIGKILL");
    }),
  );
});
