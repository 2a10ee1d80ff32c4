// `seed`: cold db:setup (fresh database: time, peak memory of its process tree),
// db:setup with nothing changed, and how long a new / a changed article takes
// to show on /feed.json once db:setup starts (polled every 50 ms).
import { MiB, sleep } from "../proc";
import { runSetup, setupSummary, startSetup } from "../server";
import { ensureServer, type Ctx } from "./context";

export async function seedScenario(ctx: Ctx) {
  const { corpus, report, dbFile } = ctx;
  if (ctx.server) {
    await ctx.server.stop(); // a cold setup needs the database to itself
    ctx.server = null;
  }
  ctx.log("seed: cold db:setup (fresh database) …");
  const cold = await runSetup(corpus.dir, dbFile, { fresh: true });
  ctx.log(`seed: ${setupSummary(cold)}`);
  const loaded = Number(/(\d+) loaded/.exec(setupSummary(cold))?.[1] ?? NaN);
  report.add("seed.coldSeconds", "cold db:setup", round(cold.ms / 1000), "s", `${loaded} loaded of ${corpus.expectedArticles} expected`);
  report.add(
    "seed.coldPeakRssMiB",
    "cold db:setup peak RSS (tree)",
    MiB(cold.peakRssBytes),
    "MiB",
    `largest process ${MiB(cold.peakLargestBytes)} MiB`,
  );
  ctx.dbReady = true;

  ctx.log("seed: db:setup with nothing changed …");
  const unchanged = await runSetup(corpus.dir, dbFile);
  report.add(
    "seed.unchangedSeconds",
    "db:setup, nothing changed",
    round(unchanged.ms / 1000),
    "s",
    `peak RSS ${MiB(unchanged.peakRssBytes)} MiB`,
  );

  let server;
  try {
    server = await ensureServer(ctx);
  } catch (error) {
    ctx.log(`seed: no server (${(error as Error).message.split("\n")[0]}): latencies skipped`);
    return;
  }
  const feedHas = async (match: (title: string) => boolean) => {
    try {
      const res = await fetch(`${server.base}/feed.json`, { signal: AbortSignal.timeout(10_000) });
      const feed = (await res.json()) as { items?: { title: string }[] };
      return !!feed.items?.some((i) => match(i.title));
    } catch {
      return false;
    }
  };
  /** ms from db:setup start until the feed shows the change (null: not within 5 minutes). */
  const latency = async (match: (title: string) => boolean) => {
    const run = startSetup(corpus.dir, dbFile);
    let seenAt: number | null = null;
    const deadline = run.startedAt + 300_000;
    while (performance.now() < deadline) {
      if (await feedHas(match)) {
        seenAt = performance.now();
        break;
      }
      await sleep(50);
    }
    const result = await run.done;
    if (result.exitCode !== 0) throw new Error(`db:setup failed: ${result.output.slice(-2000)}`);
    return { ms: seenAt === null ? null : Math.round(seenAt - run.startedAt), setupMs: result.ms, summary: setupSummary(result) };
  };
  try {
    const tag = `${Date.now()}`;
    const fresh = corpus.gen.fresh(Date.now(), tag);
    corpus.add(fresh);
    ctx.log(`seed: new article ${fresh.fileName} …`);
    const added = await latency((t) => t === fresh.title);
    report.add(
      "seed.newArticleLatencyMs",
      "new article → on /feed.json",
      added.ms,
      "ms",
      `db:setup itself ${added.setupMs} ms (${added.summary})`,
    );

    const newest = corpus.count - 1;
    const [changed] = corpus.rewrite([newest], 1);
    ctx.log(`seed: changed article ${changed.fileName} …`);
    const updated = await latency((t) => t.includes("（更新1）"));
    report.add(
      "seed.changedArticleLatencyMs",
      "changed article → on /feed.json",
      updated.ms,
      "ms",
      `db:setup itself ${updated.setupMs} ms (${updated.summary})`,
    );
  } finally {
    corpus.restore();
    await runSetup(corpus.dir, dbFile);
  }
}

const round = (v: number) => Math.round(v * 10) / 10;
