// `scale-out`: SQLite against PostgreSQL on the same corpus, and two instances
// on PostgreSQL behind nginx. For each database: cold db:setup into a fresh
// one (wall time, peak memory), db:setup with nothing changed, the database's
// size. Then the `pages` scenario's uncached and cached runs (its URL sets and
// load functions) against (a) one instance on SQLite, (b) one on PostgreSQL,
// (c) two on PostgreSQL behind nginx (round robin, one worker). No goals: the
// issue sets none for PostgreSQL. Figures under scaleOut.<sqlite|postgresql|cluster>.…
import { existsSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { config, paths } from "../config";
import {
  keepLog,
  logOffset,
  postgresIds,
  postgresSizes,
  scratchDatabase,
  slowStatements,
  startPostgres,
  SLOW_STATEMENT_MS,
  withClient,
  type PostgresServer,
  type SlowStatement,
} from "../postgres";
import { freePort, MiB, onKillAll, sampleTreePss } from "../proc";
import { launchServer, removeDb, runSetup, setupSummary, type Metrics, type Server } from "../server";
import { startProxy } from "../static";
import { addPctOfStatic, cachedRuns, pageUrls, staticBaseline, uncachedRuns, type PageUrls } from "./pages";
import { ensureBuilt, type Ctx, type Target } from "./context";

const K = "scaleOut";
type Setup = "sqlite" | "postgresql" | "cluster";
const SETUPS: Record<Setup, string> = {
  sqlite: "1× SQLite",
  postgresql: "1× PostgreSQL",
  cluster: "2× PostgreSQL + nginx",
};

export async function scaleOutScenario(ctx: Ctx) {
  const { corpus, report } = ctx;
  ensureBuilt(ctx);
  if (ctx.server) {
    await ctx.server.stop(); // the shared server would take CPU from the instances measured here
    ctx.server = null;
  }
  const log = (m: string) => ctx.log(`scale-out: ${m}`);
  const sqliteFile = paths.db(`scale-out-${corpus.count}`);
  const removeSqlite = () => {
    removeDb(sqliteFile);
    rmSync(`${sqliteFile}.seed-lock`, { force: true });
  };
  const unhookSqlite = onKillAll(removeSqlite);
  let urls: PageUrls | null = null;
  try {
    // ---------------------------------------------------------------- (a) SQLite
    removeSqlite();
    await setupFigures(ctx, "sqlite", sqliteFile, null);
    sqliteSizes(ctx, sqliteFile);
    // The same URLs as `pages` (same corpus, same seed), made once and requested on every setup.
    urls = pageUrls(sqliteFile);
    let staticRps = 0;
    {
      const server = await launchServer(sqliteFile, corpus.dir);
      try {
        log(`${SETUPS.sqlite}: ${server.base}`);
        const rps = await pagesFigures(ctx, "sqlite", server, urls);
        const s = await staticBaseline(ctx, server.base, "scale-out");
        staticRps = s.rps;
        report.add(`${K}.static.rps`, "", s.rps, "req/s");
        report.add(`${K}.static.p50Ms`, "p50", s.p50, "ms");
        report.add(`${K}.static.p99Ms`, "p99", s.p99, "ms", s.note);
        addPctOfStatic(ctx, `${K}.sqlite.cached`, rps, staticRps);
        report.add(`${K}.sqlite.serverRssMiB`, "server RSS after the runs", MiB(await server.rssBytes()), "MiB");
      } finally {
        await server.stop();
      }
    }

    // ---------------------------------------------------------------- PostgreSQL
    const pgServer = await startPostgres(ctx.log);
    report.detail(`${K}.postgresServer`, { kind: pgServer.kind, version: pgServer.version });
    const marks: [string, number][] = [["start", logOffset(pgServer)]];
    try {
      const db = await scratchDatabase(pgServer);
      log(`scratch database ${db.name}`);
      try {
        await setupFigures(ctx, "postgresql", db.url, pgServer);
        marks.push(["seed", logOffset(pgServer)]);
        await postgresFigures(ctx, db.url, sqliteFile, urls);
        marks.push(["VACUUM", logOffset(pgServer)]);

        // (b) one instance
        {
          const server = await launchServer(db.url, corpus.dir);
          try {
            log(`${SETUPS.postgresql}: ${server.base}`);
            const rps = await pagesFigures(ctx, "postgresql", server, urls);
            addPctOfStatic(ctx, `${K}.postgresql.cached`, rps, staticRps);
            report.add(`${K}.postgresql.serverRssMiB`, "server RSS after the runs", MiB(await server.rssBytes()), "MiB");
          } finally {
            await server.stop();
          }
        }
        marks.push(["1× PostgreSQL pages", logOffset(pgServer)]);

        // (c) two instances behind nginx; each names nginx's URL, so their pages are the same bytes
        {
          const proxyPort = await freePort();
          const instances: Server[] = [];
          try {
            for (let i = 0; i < 2; i++)
              instances.push(await launchServer(db.url, corpus.dir, { siteUrl: `http://127.0.0.1:${proxyPort}` }));
            const proxy = await startProxy(
              proxyPort,
              instances.map((s) => Number(new URL(s.base).port)),
            );
            try {
              log(`${SETUPS.cluster}: ${proxy.base} → ${instances.map((s) => s.base).join(", ")}`);
              const target: Target = { base: proxy.base, metrics: (reset) => combinedMetrics(instances, reset) };
              const rps = await pagesFigures(ctx, "cluster", target, urls);
              addPctOfStatic(ctx, `${K}.cluster.cached`, rps, staticRps);
              const each = await Promise.all(instances.map((s) => s.metrics(false)));
              const rss = await Promise.all(instances.map((s) => s.rssBytes()));
              report.add(
                `${K}.cluster.serverRssMiB`,
                "RSS of both instances after the runs",
                MiB(rss.reduce((a, b) => a + b, 0)),
                "MiB",
                `${rss.map((b) => MiB(b)).join(" + ")} MiB; renders ${each.map((m) => m?.renders ?? "–").join(" + ")}, cache hits ${each.map((m) => m?.cacheHits ?? "–").join(" + ")}`,
              );
            } finally {
              await proxy.stop();
            }
          } finally {
            for (const s of instances) await s.stop();
          }
        }
        marks.push(["2× PostgreSQL + nginx pages", logOffset(pgServer)]);
      } finally {
        await db.drop().catch((error) => log(`could not drop ${db.name}: ${(error as Error).message}`));
      }
    } finally {
      slowFigures(ctx, pgServer, marks);
      await pgServer.stop();
    }
  } finally {
    removeSqlite();
    unhookSqlite();
    if (urls) printTable(ctx, urls);
  }
}

// ---------------------------------------------------------------- db:setup and sizes

async function setupFigures(ctx: Ctx, setup: "sqlite" | "postgresql", database: string, pgServer: PostgresServer | null) {
  const { corpus, report } = ctx;
  const k = `${K}.${setup}.seed`;
  ctx.log(`scale-out: ${SETUPS[setup]}: cold db:setup (fresh database) …`);
  const pss = pgServer?.pid ? sampleTreePss(pgServer.pid) : null;
  const cold = await runSetup(corpus.dir, database, { fresh: true });
  const serverPeak = pss?.stop() ?? null;
  ctx.log(`scale-out: ${setupSummary(cold)}`);
  const loaded = Number(/(\d+) loaded/.exec(setupSummary(cold))?.[1] ?? NaN);
  report.add(`${k}.coldSeconds`, "cold db:setup", round(cold.ms / 1000), "s", `${loaded} loaded of ${corpus.expectedArticles} expected`);
  report.add(`${k}.coldPeakRssMiB`, "peak RSS (db:setup tree)", MiB(cold.peakRssBytes), "MiB");
  if (pgServer) report.add(`${k}.serverPeakPssMiB`, "server peak PSS", MiB(serverPeak), "MiB");

  ctx.log(`scale-out: ${SETUPS[setup]}: db:setup with nothing changed …`);
  const unchanged = await runSetup(corpus.dir, database);
  report.add(`${k}.unchangedSeconds`, "unchanged re-run", round(unchanged.ms / 1000), "s");
  report.add(`${k}.unchangedPeakRssMiB`, "its peak RSS", MiB(unchanged.peakRssBytes), "MiB");
  const timeLine = (output: string) => /^time: .*$/m.exec(output)?.[0] ?? null;
  report.detail(k, {
    cold: { ms: cold.ms, summary: setupSummary(cold), time: timeLine(cold.output), peakLargestMiB: MiB(cold.peakLargestBytes) },
    unchanged: { ms: unchanged.ms, summary: setupSummary(unchanged), time: timeLine(unchanged.output) },
    serverPeakPssMiB: MiB(serverPeak),
  });
}

function sqliteSizes(ctx: Ctx, file: string) {
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  const main = size(file);
  const wal = size(`${file}-wal`);
  let search: number | null = null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const pages = db
      .prepare(`SELECT count(*) AS n FROM dbstat WHERE name = 'ArticleSearch' OR name LIKE 'ArticleSearch\\_%' ESCAPE '\\'`)
      .get() as { n: number };
    search = pages.n * pageSize;
  } catch {
    search = null; // no dbstat in this build
  } finally {
    db.close();
  }
  const r = ctx.report;
  r.add(`${K}.sqlite.size.totalMiB`, "file + WAL", MiB(main + wal), "MiB", `file ${MiB(main)} MiB, WAL ${MiB(wal)} MiB`);
  r.add(`${K}.sqlite.size.searchMiB`, "FTS5 index (ArticleSearch*)", MiB(search), "MiB");
}

/** Sizes, a VACUUM before the page runs (and COUNT(*) around it), and whether the ids match the SQLite database the URLs came from. */
async function postgresFigures(ctx: Ctx, url: string, sqliteFile: string, urls: PageUrls) {
  const r = ctx.report;
  const s = await postgresSizes(url);
  r.add(`${K}.postgresql.size.databaseMiB`, "pg_database_size", MiB(s.databaseBytes), "MiB");
  r.add(`${K}.postgresql.size.searchTableMiB`, "ArticleSearch (heap + TOAST)", MiB(s.searchTableBytes), "MiB");
  r.add(`${K}.postgresql.size.searchGinMiB`, "its GIN index", MiB(s.searchGinBytes), "MiB");
  r.add(`${K}.postgresql.size.articleMiB`, "Article (+ TOAST, indexes)", MiB(s.articleTotalBytes), "MiB");

  // Autovacuum would vacuum the new rows within minutes of a large load: done here (a quick
  // no-op when the seed vacuumed them itself), timed, so that it does not run during the page
  // measurements. The timeline's total (COUNT(*) over Article) before and after shows what the
  // first pages after a load meet.
  ctx.log("scale-out: VACUUM after the load …");
  await withClient(url, async (client) => {
    const COUNT = `SELECT COUNT(*) FROM "Article" a`;
    const timedCount = async () => {
      const started = performance.now();
      await client.query(COUNT);
      return Math.round(performance.now() - started);
    };
    const plan = async () =>
      (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${COUNT}`)).rows.map((row) => row["QUERY PLAN"]);
    const before = await timedCount();
    const planBefore = await plan();
    const started = performance.now();
    await client.query("VACUUM");
    r.add(`${K}.postgresql.seed.vacuumSeconds`, "VACUUM after the load", round((performance.now() - started) / 1000), "s");
    const after = await timedCount();
    r.add(`${K}.postgresql.seed.countMsBeforeVacuum`, "timeline total (COUNT(*)) before VACUUM", before, "ms");
    r.add(`${K}.postgresql.seed.countMsAfterVacuum`, "after", after, "ms");
    r.detail(`${K}.postgresql.countPlans`, { beforeVacuum: planBefore, afterVacuum: await plan() });
  });

  // Timeline cursors carry ids: the same ids in both databases mean the same pages.
  const slugs = urls.sets.article.map((u) => u.slice("/articles/".length));
  const lite = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const liteIds = new Map(
    (
      lite.prepare(`SELECT "slug", "id" FROM "Article" WHERE "slug" IN (SELECT value FROM json_each(?))`).all(JSON.stringify(slugs)) as {
        slug: string;
        id: number;
      }[]
    ).map((row) => [row.slug, row.id]),
  );
  lite.close();
  const pgIds = await postgresIds(url, slugs);
  const same = slugs.filter((slug) => liteIds.get(slug) !== undefined && liteIds.get(slug) === pgIds.get(slug)).length;
  r.add(
    `${K}.postgresql.sameIdsAsSqlite`,
    "same article ids as SQLite",
    same === slugs.length,
    "",
    `${same}/${slugs.length} sampled articles (timeline cursors carry ids)`,
  );
}

// ---------------------------------------------------------------- pages

/** The `pages` scenario's uncached and cached runs, under scaleOut.<setup>.(un)cached.… Returns cached req/s per page. */
async function pagesFigures(ctx: Ctx, setup: Setup, target: Target, urls: PageUrls): Promise<Record<string, number>> {
  const label = `scale-out ${SETUPS[setup]}`;
  await uncachedRuns(ctx, target, urls, `${K}.${setup}.uncached`, label);
  return cachedRuns(ctx, target, urls.cached, `${K}.${setup}.cached`, label);
}

/** Both instances' /__metrics as one: the worse event-loop delay, summed renders, cache hits and memory. */
async function combinedMetrics(servers: Server[], reset = false): Promise<Metrics | null> {
  const all = await Promise.all(servers.map((s) => s.metrics(reset)));
  if (all.some((m) => !m)) return null;
  const ms = all as Metrics[];
  const max = (f: (m: Metrics) => number) => Math.max(...ms.map(f));
  const sum = (f: (m: Metrics) => number) => ms.reduce((a, m) => a + f(m), 0);
  return {
    eventLoopDelayMs: {
      p50: max((m) => m.eventLoopDelayMs.p50),
      p99: max((m) => m.eventLoopDelayMs.p99),
      max: max((m) => m.eventLoopDelayMs.max),
    },
    rssBytes: sum((m) => m.rssBytes),
    heapUsedBytes: sum((m) => m.heapUsedBytes),
    renders: sum((m) => m.renders),
    cacheHits: sum((m) => m.cacheHits),
  };
}

// ---------------------------------------------------------------- slow statements, the table

/** Statements ≥ SLOW_STATEMENT_MS per phase (throwaway server only): counts as figures, the slowest in details and the log. */
function slowFigures(ctx: Ctx, server: PostgresServer, marks: [string, number][]) {
  if (!server.logFile) {
    ctx.log("scale-out: slow statements: not available on BENCH_POSTGRES_URL (only the throwaway server logs them)");
    return;
  }
  const phases: Record<string, SlowStatement[]> = {};
  for (let i = 1; i < marks.length; i++) phases[marks[i][0]] = slowStatements(server, marks[i - 1][1], marks[i][1]);
  // A phase that failed has no end mark: what it logged, without the scratch database's DROP.
  const rest = slowStatements(server, marks[marks.length - 1][1]).filter((st) => !st.statement.startsWith("DROP DATABASE"));
  if (rest.length) phases["the unfinished phase"] = rest;
  const keys: Record<string, string> = {
    seed: `${K}.postgresql.seed.slowStatements`,
    "1× PostgreSQL pages": `${K}.postgresql.slowStatements`,
    "2× PostgreSQL + nginx pages": `${K}.cluster.slowStatements`,
  };
  for (const [phase, list] of Object.entries(phases)) {
    const count = list.reduce((n, s) => n + s.count, 0);
    if (keys[phase])
      ctx.report.add(keys[phase], `statements ≥ ${SLOW_STATEMENT_MS} ms`, count, "", list[0] ? `slowest ${list[0].maxMs} ms` : "");
    if (!list.length) continue;
    ctx.log(`scale-out: statements ≥ ${SLOW_STATEMENT_MS} ms during ${phase} (by total time):`);
    for (const s of list.slice(0, 5))
      ctx.log(
        `  ${s.count}× max ${s.maxMs} ms, total ${s.totalMs} ms: ${s.statement.slice(0, 300)}${s.parameters ? `  [${s.parameters.slice(0, 200)}]` : ""}`,
      );
  }
  ctx.report.detail(`${K}.slowStatements`, Object.fromEntries(Object.entries(phases).map(([phase, list]) => [phase, list.slice(0, 10)])));
  const kept = keepLog(server);
  if (kept) ctx.log(`scale-out: PostgreSQL log kept in ${kept}`);
}

/** The side-by-side table: rows per page type, a column per setup (p50 / p99 ms, req/s). */
function printTable(ctx: Ctx, urls: PageUrls) {
  const f = ctx.report.results.figures;
  const v = (key: string) => f[key]?.value;
  const num = (x: unknown) => (typeof x === "number" ? x.toLocaleString("en-US", { maximumFractionDigits: 1 }) : "–");
  const setups = Object.keys(SETUPS) as Setup[];
  const cell = (k: string) => {
    const bad = Number(v(`${k}.errors`) ?? 0) + Number(v(`${k}.non2xx`) ?? 0);
    if (v(`${k}.p99Ms`) === undefined) return "–";
    return `${num(v(`${k}.p50Ms`))} / ${num(v(`${k}.p99Ms`))} · ${num(v(`${k}.rps`))}${bad ? ` (${bad} bad)` : ""}`;
  };
  const rows: string[][] = [["", ...setups.map((s) => SETUPS[s])]];
  rows.push(["p50 / p99 ms · req/s", "", "", ""]);
  for (const type of Object.keys(urls.sets)) rows.push([`uncached ${type}`, ...setups.map((s) => cell(`${K}.${s}.uncached.${type}`))]);
  for (const name of Object.keys(urls.cached)) rows.push([`cached ${name}`, ...setups.map((s) => cell(`${K}.${s}.cached.${name}`))]);
  const seed = (db: "sqlite" | "postgresql", metric: string, unit: string) =>
    v(`${K}.${db}.seed.${metric}`) === undefined ? "–" : `${num(v(`${K}.${db}.seed.${metric}`))} ${unit}`;
  rows.push(["cold db:setup", seed("sqlite", "coldSeconds", "s"), seed("postgresql", "coldSeconds", "s"), ""]);
  rows.push([
    "  peak RSS (db:setup)",
    seed("sqlite", "coldPeakRssMiB", "MiB"),
    `${seed("postgresql", "coldPeakRssMiB", "MiB")} + server ${seed("postgresql", "serverPeakPssMiB", "MiB")} PSS`,
    "",
  ]);
  rows.push(["unchanged db:setup", seed("sqlite", "unchangedSeconds", "s"), seed("postgresql", "unchangedSeconds", "s"), ""]);
  const size = (key: string) => (v(key) === undefined ? "–" : `${num(v(key))} MiB`);
  rows.push(["database size", size(`${K}.sqlite.size.totalMiB`), size(`${K}.postgresql.size.databaseMiB`), ""]);
  rows.push([
    "  search index",
    size(`${K}.sqlite.size.searchMiB`),
    `${size(`${K}.postgresql.size.searchTableMiB`)} + GIN ${size(`${K}.postgresql.size.searchGinMiB`)}`,
    "",
  ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i] + 2))
      .join("")
      .trimEnd(),
  );
  ctx.log(`\nscale-out, ${config.articles.toLocaleString("en-US")} articles:\n${lines.join("\n")}`);
  ctx.report.detail(`${K}.table`, lines);
}

const round = (v: number) => Math.round(v * 10) / 10;
