// `reseed`: while 32 clients read distinct pages, rewrite BENCH_RESEED_FILES
// (default 1,000) files' titles and bodies and run db:setup: errors, 5xx and
// p99 during the seed, and the time until the changes show.
import { config } from "../config";
import { rng } from "../corpus";
import { percentile, runStream, type Sample } from "../load";
import { sleep } from "../proc";
import { runSetup, setupSummary, startSetup } from "../server";
import { UrlSource } from "../urls";
import { ensureServer, type Ctx } from "./context";

const VARIANT = 3;

export async function reseedScenario(ctx: Ctx) {
  const { corpus } = ctx;
  const server = await ensureServer(ctx);
  const urls = new UrlSource(ctx.dbFile, config.seed + 3);
  const next = urls.stream();
  let stop = false;
  const load = runStream(
    () => server.base + next(),
    config.connections,
    () => stop,
    3600,
  );
  try {
    await sleep(3000); // readers first, then the seed

    // The newest article (so /feed.json shows it) and random others.
    const r = rng(config.seed + 33);
    const count = Math.min(config.reseedFiles, corpus.count - 1);
    const picked = new Set([corpus.count - 1]);
    for (let guard = 0; picked.size < count && guard < count * 50; guard++) picked.add(r.int(0, corpus.count - 1));
    const files = corpus.rewrite([...picked], VARIANT);
    const probe = files[Math.floor(files.length / 2)];
    const probeSlug = /infoCode=(NW\d+)/.exec(probe.text)?.[1] ?? probe.fileName.replace(/\.md$/, "");
    ctx.log(`reseed: rewrote ${files.length} files; db:setup while ${config.connections} clients read …`);

    const run = startSetup(corpus.dir, ctx.dbFile);
    const mark = `（更新${VARIANT}）`;
    const shows = async () => {
      try {
        const feed = await fetch(`${server.base}/feed.json`, { signal: AbortSignal.timeout(10_000) }).then((res) => res.text());
        const page = await fetch(`${server.base}/articles/${encodeURIComponent(probeSlug)}`, { signal: AbortSignal.timeout(10_000) }).then(
          (res) => res.text(),
        );
        return feed.includes(mark) && page.includes(mark);
      } catch {
        return false;
      }
    };
    let visibleAt: number | null = null;
    let setupDone = false;
    void run.done.then(() => (setupDone = true));
    const deadline = run.startedAt + 30 * 60_000;
    while (performance.now() < deadline) {
      if (await shows()) {
        visibleAt = performance.now();
        break;
      }
      if (setupDone && performance.now() - run.startedAt > (await run.done).ms + 60_000) break;
      await sleep(100);
    }
    const result = await run.done;
    const seedEnd = run.startedAt + result.ms;
    stop = true;
    const { samples } = await load;
    const during = samples.filter((s) => s.at >= run.startedAt && s.at <= seedEnd);
    const before = samples.filter((s) => s.at < run.startedAt);
    const p99 = (list: Sample[]) =>
      Math.round(
        percentile(
          list.map((s) => s.ms).sort((a, b) => a - b),
          99,
        ) ?? 0,
      );
    const rep = ctx.report;
    rep.add("reseed.seedSeconds", `db:setup, ${files.length} files changed`, Math.round(result.ms / 100) / 10, "s", setupSummary(result));
    rep.add("reseed.requestsDuringSeed", "requests during the seed", during.length, "", `${samples.length} in all`);
    rep.add(
      "reseed.errors",
      "errors during the seed",
      during.filter((s) => s.error).length,
      "",
      `${samples.filter((s) => s.error).length} in all`,
    );
    rep.add("reseed.status5xx", "5xx during the seed", during.filter((s) => s.status >= 500).length);
    rep.add("reseed.p99DuringSeedMs", "p99 during the seed", p99(during), "ms", `before the seed ${p99(before)} ms`);
    rep.add(
      "reseed.changesVisibleMs",
      "changes visible after (from start)",
      visibleAt === null ? null : Math.round(visibleAt - run.startedAt),
      "ms",
      "feed + one changed article page",
    );
    if (result.exitCode !== 0) throw new Error(`db:setup failed during reseed: ${result.output.slice(-2000)}`);
  } finally {
    stop = true;
    await load.catch(() => null);
    urls.close();
    corpus.restore();
    await runSetup(corpus.dir, ctx.dbFile);
  }
}
