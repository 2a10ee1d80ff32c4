// `soak`: BENCH_SOAK_SECONDS (default 600) at 32 connections over distinct URLs
// (mostly cache misses): errors, non-2xx, p99 per minute, and the server's
// resident memory at start, peak and end (sampled every 5 s).
import { config } from "../config";
import { percentile, runStream } from "../load";
import { MiB } from "../proc";
import { UrlSource } from "../urls";
import { ensureServer, type Ctx } from "./context";

export async function soakScenario(ctx: Ctx) {
  const server = await ensureServer(ctx);
  const urls = new UrlSource(ctx.dbFile, config.seed + 2);
  const next = urls.stream();
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
    clearInterval(sampler);
    clearInterval(progress);
    urls.close();
  }
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
  r.add("soak.rssStartMiB", "server RSS at start", MiB(rss[0]), "MiB");
  r.add("soak.rssPeakMiB", "server RSS peak", MiB(Math.max(...rss)), "MiB", `${rss.length} samples, every 5 s`);
  r.add("soak.rssEndMiB", "server RSS at end", MiB(rss[rss.length - 1]), "MiB");
  r.detail("soak.perMinute", perMinute);
  r.detail("soak.rssMiB", rss.map(MiB));
}
