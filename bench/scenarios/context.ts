// What every scenario shares: the corpus, its database, the report, and one
// server (started on first use, stopped at the end).
import { existsSync } from "node:fs";
import { config, paths } from "../config";
import type { Corpus } from "../corpus";
import type { LatencyStats } from "../load";
import { MiB } from "../proc";
import type { Report } from "../report";
import { ensureBuild, launchServer, runSetup, setupSummary, type Metrics, type Server } from "../server";

export type Ctx = {
  corpus: Corpus;
  report: Report;
  dbFile: string;
  /** True once this run has loaded the corpus into dbFile. */
  dbReady: boolean;
  log: (message: string) => void;
  buildNote: string | null;
  server: Server | null;
};

export function createContext(corpus: Corpus, report: Report): Ctx {
  return {
    corpus,
    report,
    dbFile: paths.db(`corpus-${corpus.count}`),
    dbReady: false,
    log: (m) => console.log(m),
    buildNote: null,
    server: null,
  };
}

/** Brings the bench database up to date with the corpus (incremental db:setup, untimed). */
export async function ensureDb(ctx: Ctx) {
  if (ctx.dbReady) return;
  ctx.log(`db: ${existsSync(ctx.dbFile) ? "updating" : "creating"} ${ctx.dbFile} …`);
  const result = await runSetup(ctx.corpus.dir, ctx.dbFile);
  ctx.log(`db: ${setupSummary(result)}`);
  ctx.dbReady = true;
}

/** The production build (once per run). Throws when there is none and it cannot be made. */
export function ensureBuilt(ctx: Ctx): string {
  ctx.buildNote ??= ensureBuild(config.build, ctx.log);
  ctx.report.results.meta.build = ctx.buildNote;
  return ctx.buildNote;
}

export async function ensureServer(ctx: Ctx): Promise<Server> {
  if (ctx.server) return ctx.server;
  ensureBuilt(ctx);
  await ensureDb(ctx);
  ctx.log("server: starting …");
  ctx.server = await launchServer(ctx.dbFile, ctx.corpus.dir);
  const m = await ctx.server.metrics(true);
  ctx.log(`server: ${ctx.server.base}${m ? "" : " (no /__metrics route: event-loop figures are skipped, RSS read from /proc)"}`);
  ctx.report.results.meta.metricsRoute = m !== null;
  return ctx.server;
}

export async function stopServer(ctx: Ctx) {
  if (!ctx.server) return;
  ctx.report.add("server.rssMiBEnd", "server RSS after the run", MiB(await ctx.server.rssBytes()), "MiB");
  await ctx.server.stop();
  ctx.server = null;
}

/** What a load phase runs against: one server, or several behind a proxy (`base` is then the proxy's). */
export type Target = { base: string; metrics(reset?: boolean): Promise<Metrics | null> };

/** Runs `fn` between two /__metrics reads: event-loop delay of the phase, renders and cache hits it caused. */
export async function measured<T>(server: Pick<Target, "metrics">, fn: () => Promise<T>): Promise<{ result: T; metrics: PhaseMetrics }> {
  const before = await server.metrics(true);
  const result = await fn();
  const after = await server.metrics(true);
  return { result, metrics: phase(before, after) };
}

export type PhaseMetrics = {
  eventLoopP99Ms: number | null;
  eventLoopMaxMs: number | null;
  renders: number | null;
  cacheHits: number | null;
  rssMiB: number | null;
};

function phase(before: Metrics | null, after: Metrics | null): PhaseMetrics {
  return {
    eventLoopP99Ms: after ? round(after.eventLoopDelayMs.p99) : null,
    eventLoopMaxMs: after ? round(after.eventLoopDelayMs.max) : null,
    renders: before && after ? after.renders - before.renders : null,
    cacheHits: before && after ? after.cacheHits - before.cacheHits : null,
    rssMiB: after ? MiB(after.rssBytes) : null,
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Adds one distinct-URL phase to the report as a group of figures. */
export function addLatency(ctx: Ctx, section: string, name: string, stats: LatencyStats, m: PhaseMetrics | null, urls: number) {
  const k = `${section}.${name}`;
  const r = ctx.report;
  r.add(`${k}.p50Ms`, "p50", stats.p50, "ms");
  r.add(`${k}.p95Ms`, "p95", stats.p95, "ms");
  r.add(`${k}.p99Ms`, "p99", stats.p99, "ms");
  r.add(`${k}.maxMs`, "max", stats.max, "ms");
  r.add(`${k}.rps`, "", stats.rps, "req/s");
  r.add(`${k}.errors`, "errors", stats.errors);
  r.add(
    `${k}.non2xx`,
    "non-2xx",
    stats.non2xx,
    "",
    [
      `${stats.requests}/${urls} URLs`,
      stats.skipped ? `${stats.skipped} skipped (time limit)` : "",
      stats.cacheHits ? `${stats.cacheHits} cache hits` : "",
      stats.firstErrors.length ? `e.g. ${stats.firstErrors[0]}` : "",
    ]
      .filter(Boolean)
      .join(", "),
  );
  if (m) r.add(`${k}.eventLoopP99Ms`, "loop p99", m.eventLoopP99Ms, "ms");
  if (m) r.add(`${k}.eventLoopMaxMs`, "loop max", m.eventLoopMaxMs, "ms");
  r.detail(k, { ...stats, ...(m ?? {}) });
}
