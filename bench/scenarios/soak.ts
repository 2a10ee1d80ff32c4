// `soak`: BENCH_SOAK_SECONDS (default 600) at 32 connections over distinct URLs
// (mostly cache misses; one in ten a search of hundreds to thousands of
// characters, each one new): errors, non-2xx, p99 per minute, and the server's
// resident memory at start, peak and end (sampled every 5 s). Beside the flood,
// two readers keep asking for a few popular pages: their p99 during the soak
// against a quiet run before it shows whether cached readers wait behind renders
// or lose their pages to the flood.
import http from "node:http";
import { config } from "../config";
import { rng } from "../corpus";
import { get, percentile, runStream, type Sample } from "../load";
import { MiB } from "../proc";
import { UrlSource } from "../urls";
import { ensureServer, type Ctx } from "./context";

/** Readers of the popular pages, and how long the quiet run before the soak lasts. */
const HOT_READERS = 2;
const QUIET_SECONDS = 15;

/** The popular pages: home, the busiest companies' pages and filters, a feed. */
function hotUrls(urls: UrlSource): string[] {
  const top = urls.companies.slice(0, 4).map((c) => c.id);
  return ["/", "/feed.json", ...top.map((id) => `/companies/${id}`), ...top.map((id) => `/?company=${id}`)];
}

/** `readers` clients cycling through `paths` until `stop()`: every sample. */
async function readHot(base: string, paths: string[], stop: () => boolean, readers = HOT_READERS): Promise<Sample[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: readers });
  const samples: Sample[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: readers }, async () => {
      while (!stop()) {
        samples.push(await get(base + paths[i++ % paths.length], agent));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
  agent.destroy();
  return samples;
}

const p99 = (samples: Sample[]) =>
  Math.round(
    (percentile(
      samples.map((s) => s.ms).sort((a, b) => a - b),
      99,
    ) ?? 0) * 10,
  ) / 10;

/** Wraps `next` so that one URL in ten is a search of 200 to 4,000 characters never asked before. */
function withLongQueries(next: () => string, seed: number): () => string {
  const r = rng(seed);
  let n = 0;
  return () => {
    if (!r.chance(0.1)) return next();
    // CJK makes 9 bytes a character once encoded, Latin 1: both stay under Node's 16 KiB header limit.
    const cjk = r.chance(0.5);
    const length = cjk ? r.int(200, 1500) : r.int(500, 4000);
    const q = Array.from({ length }, () => String.fromCharCode(cjk ? r.int(0x4e00, 0x9fa5) : r.int(0x61, 0x7a))).join("");
    return `${r.pick(["/", "/feed.json", "/feed.xml"])}?q=${encodeURIComponent(`${q} ${++n}`)}`;
  };
}

export async function soakScenario(ctx: Ctx) {
  const server = await ensureServer(ctx);
  const urls = new UrlSource(ctx.dbFile, config.seed + 2);
  const next = withLongQueries(urls.stream(), config.seed + 3);
  const hot = hotUrls(urls);
  // Each popular page twice (the cache keeps pages asked for again), then the quiet run.
  for (const path of [...hot, ...hot]) await get(server.base + path, new http.Agent());
  ctx.log(`soak: ${QUIET_SECONDS} s of cached pages alone (${hot.length} URLs, ${HOT_READERS} readers) …`);
  const quietUntil = performance.now() + QUIET_SECONDS * 1000;
  const quiet = await readHot(server.base, hot, () => performance.now() > quietUntil);
  const rss: number[] = [await server.rssBytes()];
  const sampler = setInterval(() => void server.rssBytes().then((b) => rss.push(b)), 5000);
  const minutes: { ms: number[]; errors: number; non2xx: number }[] = [];
  ctx.log(`soak: ${config.soakSeconds} s at ${config.connections} connections over distinct URLs …`);
  let started = 0;
  const progress = setInterval(() => {
    const m = minutes[minutes.length - 1];
    if (m)
      ctx.log(
        `soak: minute ${minutes.length}: ${m.ms.length} requests, ${m.errors} errors, ${m.non2xx} non-2xx, rss ${MiB(rss[rss.length - 1])} MiB`,
      );
  }, 60_000);
  let run;
  let soakDone = false;
  const hotDuringSoak = readHot(server.base, hot, () => soakDone);
  try {
    run = await runStream(
      () => server.base + next(),
      config.connections,
      () => false,
      config.soakSeconds,
      (s) => {
        started ||= s.at;
        const i = Math.floor((s.at - started) / 60_000);
        const m = (minutes[i] ??= { ms: [], errors: 0, non2xx: 0 });
        m.ms.push(s.ms);
        if (s.error) m.errors++;
        else if (s.status < 200 || s.status >= 300) m.non2xx++;
      },
    );
  } finally {
    soakDone = true;
    clearInterval(sampler);
    clearInterval(progress);
    urls.close();
  }
  const busy = await hotDuringSoak;
  rss.push(await server.rssBytes());
  const perMinute = minutes.map((m) => {
    const sorted = m.ms.filter(Boolean).sort((a, b) => a - b);
    return { requests: m.ms.length, errors: m.errors, non2xx: m.non2xx, p99Ms: Math.round(percentile(sorted, 99) ?? 0) };
  });
  const r = ctx.report;
  const samples = run.samples;
  r.add(
    "soak.requests",
    "soak requests",
    samples.length,
    "",
    `${Math.round(samples.length / (run.wallMs / 1000))} req/s over ${Math.round(run.wallMs / 1000)} s, ${samples.filter((s) => s.cache === "hit").length} cache hits`,
  );
  r.add("soak.errors", "soak errors", samples.filter((s) => s.error).length);
  r.add("soak.non2xx", "soak non-2xx", samples.filter((s) => !s.error && (s.status < 200 || s.status >= 300)).length);
  r.add(
    "soak.worstMinuteP99Ms",
    "soak p99, worst minute",
    Math.max(0, ...perMinute.map((m) => m.p99Ms)),
    "ms",
    `per minute: ${perMinute.map((m) => m.p99Ms).join(", ")}`,
  );
  const [quietP99, busyP99] = [p99(quiet), p99(busy)];
  const hits = busy.filter((s) => s.cache === "hit").length;
  r.add("soak.cachedP99QuietMs", "popular cached pages p99, before the soak", quietP99, "ms", `${quiet.length} requests`);
  r.add(
    "soak.cachedP99Ms",
    "popular cached pages p99, during the soak",
    busyP99,
    "ms",
    `${busy.length} requests, ${hits} cache hits, ${busy.filter((s) => s.error || s.status !== 200).length} not 200`,
  );
  r.add("soak.cachedP99Ratio", "popular cached pages p99, during / before", Math.round((busyP99 / Math.max(quietP99, 0.1)) * 100) / 100);
  r.add(
    "soak.cachedHitPct",
    "popular pages answered from the cache during the soak",
    Math.round((hits / Math.max(1, busy.length)) * 1000) / 10,
    "%",
  );
  r.add("soak.rssStartMiB", "server RSS at start", MiB(rss[0]), "MiB");
  r.add("soak.rssPeakMiB", "server RSS peak", MiB(Math.max(...rss)), "MiB", `${rss.length} samples, every 5 s`);
  r.add("soak.rssEndMiB", "server RSS at end", MiB(rss[rss.length - 1]), "MiB");
  r.detail("soak.perMinute", perMinute);
  r.detail("soak.rssMiB", rss.map(MiB));
}
