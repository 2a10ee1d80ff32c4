// `pages`: uncached (distinct URLs, 8 clients, each once) per page type;
// first-load JS; sitemap; cached (autocannon, 32 connections, one URL each)
// against a static baseline; and `/` hammered right after a seed.
import http from "node:http";
import { gzipSync } from "node:zlib";
import { config } from "../config";
import { cannon, runDistinct, type CannonStats } from "../load";
import { MiB } from "../proc";
import { runSetup } from "../server";
import { startStatic } from "../static";
import { UrlSource, type UrlSets } from "../urls";
import { addLatency, ensureServer, measured, type Ctx, type Target } from "./context";

export async function pagesScenario(ctx: Ctx) {
  const server = await ensureServer(ctx);
  const { report } = ctx;
  const { sets, warmUp, slug, cached: cachedPages } = pageUrls(ctx.dbFile);

  // 1. Uncached: every URL once.
  await uncachedRuns(ctx, server, { sets, warmUp });

  // 2. Bytes: first-load JS, sitemap.
  report.add("firstLoadJs.homeKiB", "first-load JS, / (gzip)", await firstLoadJsKiB(server.base, "/"), "KiB");
  report.add("firstLoadJs.articleKiB", "first-load JS, article (gzip)", await firstLoadJsKiB(server.base, `/articles/${slug}`), "KiB");
  await sitemap(ctx, server.base);

  // 3. Cached: one URL per page type, then the static baseline with the same settings.
  const cachedRps = await cachedRuns(ctx, server, cachedPages);
  const s = await staticBaseline(ctx, server.base);
  report.add("cached.static.rps", "", s.rps, "req/s");
  report.add("cached.static.p50Ms", "p50", s.p50, "ms");
  report.add("cached.static.p99Ms", "p99", s.p99, "ms", s.note);
  addPctOfStatic(ctx, "cached", cachedRps, s.rps);

  // 4. Cached right after a seed: change one file, db:setup, then 32 connections on / at once.
  const [changed] = ctx.corpus.rewrite([ctx.corpus.count - 1], 2);
  try {
    ctx.log(
      `pages: after a seed (changed ${changed.fileName}), / with ${config.connections} connections for ${config.afterSeedSeconds} s …`,
    );
    await runSetup(ctx.corpus.dir, ctx.dbFile);
    const { result: c, metrics } = await measured(server, () =>
      cannon(server.base + "/", config.afterSeedSeconds, config.connections, false),
    );
    report.add("afterSeed.p99Ms", "/ right after a seed: p99", c.p99, "ms", `p50 ${c.p50} ms, ${c.rps} req/s`);
    report.add(
      "afterSeed.renders",
      "/ right after a seed: renders",
      metrics.renders,
      "",
      metrics.renders === null ? "needs /__metrics" : `${metrics.cacheHits} cache hits`,
    );
    report.add("afterSeed.errors", "/ right after a seed: errors", c.errors + c.timeouts);
    report.add("afterSeed.non2xx", "/ right after a seed: non-2xx", c.non2xx);
  } finally {
    ctx.corpus.restore();
    await runSetup(ctx.corpus.dir, ctx.dbFile);
  }
  report.add("server.rssMiB", "server RSS after pages", MiB(await server.rssBytes()), "MiB");
}

// ---------------------------------------------------------------- shared with scale-out

export type PageUrls = {
  /** Distinct-URL sets per page type (UrlSource.pageSets). */
  sets: UrlSets;
  /** Other URLs of the same types, requested once before the uncached runs. */
  warmUp: string[];
  /** The article the byte and cached figures use. */
  slug: string;
  /** One URL per page type for the cached runs. */
  cached: Record<string, string>;
};

/** The URLs `pages` requests, from a SQLite database of the corpus (read-only). */
export function pageUrls(dbFile: string): PageUrls {
  const urls = new UrlSource(dbFile);
  try {
    const sets = urls.pageSets();
    const warmUp = urls.warmUpUrls(sets);
    const slug = sets.article[0]?.slice("/articles/".length) ?? urls.newest().slug;
    const topCompany = urls.companies[0].id;
    const cached = {
      home: "/",
      filtered: `/?company=${topCompany}`,
      article: `/articles/${slug}`,
      company: `/companies/${topCompany}`,
      "feed.json": "/feed.json",
    };
    return { sets, warmUp, slug, cached };
  } finally {
    urls.close();
  }
}

/**
 * Uncached: every URL of each set once, BENCH_CLIENTS at a time, after the
 * warm-up URLs (none in the sets); figures under `${section}.<type>`.
 */
export async function uncachedRuns(
  ctx: Ctx,
  target: Target,
  { sets, warmUp }: Pick<PageUrls, "sets" | "warmUp">,
  section = "uncached",
  label = "pages",
) {
  ctx.log(`${label}: warming up (${warmUp.length} other URLs) …`);
  await runDistinct(warmUp.map((u) => target.base + u));
  for (const [type, list] of Object.entries(sets)) {
    ctx.log(`${label}: uncached ${type} (${list.length} URLs, ${config.uncachedClients} clients) …`);
    const { result, metrics } = await measured(target, () => runDistinct(list.map((u) => target.base + u)));
    addLatency(ctx, section, type, result, metrics, list.length);
  }
}

/** Cached: autocannon on each page (BENCH_CONNECTIONS, BENCH_SECONDS); figures under `${section}.<name>`. Returns req/s per page. */
export async function cachedRuns(
  ctx: Ctx,
  target: Target,
  pages: Record<string, string>,
  section = "cached",
  label = "pages",
): Promise<Record<string, number>> {
  const { report } = ctx;
  const cachedRps: Record<string, number> = {};
  for (const [name, path] of Object.entries(pages)) {
    ctx.log(`${label}: cached ${name} (${config.connections} connections, ${config.seconds} s) …`);
    const { result: c, metrics } = await measured(target, () => cannon(target.base + path));
    cachedRps[name] = c.rps;
    report.add(`${section}.${name}.rps`, "", c.rps, "req/s");
    report.add(`${section}.${name}.p50Ms`, "p50", c.p50, "ms");
    report.add(`${section}.${name}.p99Ms`, "p99", c.p99, "ms");
    report.add(`${section}.${name}.errors`, "errors", c.errors + c.timeouts);
    report.add(`${section}.${name}.non2xx`, "non-2xx", c.non2xx, "", path);
    if (metrics.eventLoopP99Ms !== null) report.add(`${section}.${name}.eventLoopP99Ms`, "loop p99", metrics.eventLoopP99Ms, "ms");
  }
  return cachedRps;
}

/** The static baseline: `base`'s stored / page (gzip) served by nginx or Node, measured like the cached pages. */
export async function staticBaseline(ctx: Ctx, base: string, label = "pages"): Promise<CannonStats & { note: string }> {
  const page = await rawGzip(base + "/");
  const baseline = await startStatic(page);
  try {
    ctx.log(`${label}: static baseline (${baseline.kind}, the stored / page, ${page.length} bytes gzip) …`);
    const s = await cannon(baseline.url);
    return { ...s, note: `${baseline.kind} serving the stored / (${page.length} B gzip)` };
  } finally {
    await baseline.stop();
  }
}

/** `${section}.<name>.pctOfStatic`: each page's cached req/s as a % of the static baseline's. */
export function addPctOfStatic(ctx: Ctx, section: string, cachedRps: Record<string, number>, staticRps: number) {
  for (const [name, rps] of Object.entries(cachedRps))
    ctx.report.add(`${section}.${name}.pctOfStatic`, "% of static", staticRps ? Math.round((rps / staticRps) * 1000) / 10 : null, "%");
}

/** The response body exactly as a browser gets it (gzip when the server compresses). */
function rawGzip(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve(res.headers["content-encoding"] === "gzip" ? body : gzipSync(body));
        });
      })
      .on("error", reject);
  });
}

/** JavaScript a first visit downloads: every script the HTML references, gzipped, in KiB. */
async function firstLoadJsKiB(base: string, path: string): Promise<number | null> {
  try {
    const html = await fetch(base + path).then((r) => r.text());
    // A `noModule` script (Next's legacy polyfills) is fetched only by browsers without ES modules: none that the site supports.
    const tags = [...html.matchAll(/<script([^>]+)src="([^"]+\.js[^"]*)"([^>]*)>/g)].filter((m) => !/\bnoModule\b/i.test(m[1] + m[3]));
    const scripts = [...new Set(tags.map((m) => m[2]))];
    let bytes = 0;
    for (const src of scripts) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer())).length;
    return Math.round(bytes / 102.4) / 10;
  } catch {
    return null;
  }
}

/** /sitemap.xml: size, and whether it is an index whose files each list ≤ 50,000 URLs. */
async function sitemap(ctx: Ctx, base: string) {
  const res = await fetch(`${base}/sitemap.xml`);
  const text = await res.text();
  const isIndex = /<sitemapindex/.test(text);
  const countUrls = (xml: string) => (xml.match(/<url>/g) ?? []).length;
  let files = 1;
  let maxUrls = countUrls(text);
  let totalUrls = maxUrls;
  let bytes = Buffer.byteLength(text);
  if (isIndex) {
    const locs = [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].trim()).slice(0, 200);
    files = locs.length;
    maxUrls = 0;
    totalUrls = 0;
    for (const loc of locs) {
      const u = new URL(loc);
      const part = await fetch(`${base}${u.pathname}${u.search}`).then((r) => (r.ok ? r.text() : ""));
      bytes += Buffer.byteLength(part);
      maxUrls = Math.max(maxUrls, countUrls(part));
      totalUrls += countUrls(part);
    }
  }
  const r = ctx.report;
  r.add("sitemap.status", "/sitemap.xml status", res.status);
  r.add(
    "sitemap.bytes",
    "/sitemap.xml size (all files)",
    Math.round(bytes / 1024),
    "KiB",
    `${files} file(s), ${totalUrls} URLs, largest ${maxUrls}`,
  );
  r.add(
    "sitemap.indexWithSmallFiles",
    "sitemap index, ≤ 50,000 URLs per file",
    res.ok && isIndex && files > 0 && maxUrls <= 50_000,
    "",
    isIndex ? "" : "not a sitemap index",
  );
}
