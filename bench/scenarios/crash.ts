// `crash`: a database the server is serving holds an older version of the
// content (the older half of the corpus). db:setup of the whole corpus into it
// is SIGKILLed at BENCH_CRASH_KILLS (default 10) random moments, one kill per
// run (a run that beat its kill is followed by one back to the old half); after each kill the server must answer /, an article and /feed.json
// with 200, and the database must hold either the old or the new content,
// never a mix. Finally a run completes and the article count must match.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { config, paths } from "../config";
import { rng } from "../corpus";
import { get } from "../load";
import { sleep } from "../proc";
import { launchServer, removeDb, runSetup, setupSummary, startSetup } from "../server";
import { ensureBuilt, type Ctx } from "./context";
import http from "node:http";

export async function crashScenario(ctx: Ctx) {
  const { corpus, report } = ctx;
  ensureBuilt(ctx);
  const oldDir = path.join(paths.data, `crash-old-${corpus.count}`);
  const pristine = paths.db(`crash-${corpus.count}-old`);
  const served = paths.db(`crash-${corpus.count}`);
  const scratch = paths.db(`crash-${corpus.count}-calibration`);

  // The older version: the first half of the timeline (hard links into the corpus), seeded once per corpus.
  const marker = JSON.parse(readFileSync(path.join(corpus.dir, ".bench-corpus.json"), "utf8")) as Record<string, unknown>;
  const stamp = JSON.stringify({ ...marker, touched: undefined, added: undefined });
  const stampFile = path.join(oldDir, ".stamp");
  if (!existsSync(pristine) || !existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
    ctx.log("crash: seeding the older version (first half of the corpus) …");
    rmSync(oldDir, { recursive: true, force: true });
    mkdirSync(oldDir, { recursive: true });
    for (let i = 0; i < Math.floor(corpus.count / 2); i++) {
      const f = corpus.gen.file(i).fileName;
      linkSync(path.join(corpus.dir, f), path.join(oldDir, f));
    }
    if (existsSync(path.join(corpus.dir, "companies.yaml")))
      copyFileSync(path.join(corpus.dir, "companies.yaml"), path.join(oldDir, "companies.yaml"));
    removeDb(pristine);
    await runSetup(oldDir, pristine);
    checkpoint(pristine);
    writeFileSync(stampFile, stamp);
  }
  const copyDb = (to: string) => {
    removeDb(to);
    copyFileSync(pristine, to);
  };
  const articles = (file: string) => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM "Article"`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const oldCount = articles(pristine);

  // How long the full run takes from the old version, to place the kills (on a scratch copy).
  ctx.log("crash: calibration run (old → full corpus, no kill) …");
  copyDb(scratch);
  const calibration = await runSetup(corpus.dir, scratch);
  const fullCount = articles(scratch);
  removeDb(scratch);
  ctx.log(`crash: calibration ${calibration.ms} ms (${setupSummary(calibration)}); old ${oldCount}, full ${fullCount} articles`);

  copyDb(served);
  const server = await launchServer(served, corpus.dir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const oldSlug = (() => {
    const db = new Database(served, { readonly: true });
    try {
      return (db.prepare(`SELECT "slug" FROM "Article" ORDER BY "id" LIMIT 1`).get() as { slug: string }).slug;
    } finally {
      db.close();
    }
  })();
  const r = rng(config.seed + 44);
  const kills: {
    atMs: number;
    checks: Record<string, number | string>;
    articles: number;
    finishedBeforeKill: boolean;
    direction: string;
  }[] = [];
  let failedChecks = 0;
  let errors = 0;
  try {
    for (let k = 0; k < config.crashKills; k++) {
      // Each run loads whichever version the database does not hold (a run that
      // finished before its kill leaves the full corpus: the next one goes back).
      const holdsOld = articles(served) === oldCount;
      const atMs = Math.round((0.03 + 0.67 * r.next()) * calibration.ms);
      const run = startSetup(holdsOld ? corpus.dir : oldDir, served);
      await Promise.race([sleep(atMs), run.done]);
      run.kill();
      const result = await run.done;
      const finishedBeforeKill = result.exitCode === 0;
      const checks: Record<string, number | string> = {};
      for (const url of ["/", `/articles/${oldSlug}`, "/feed.json", "/?before=9999999999999-1", `/feed.xml`]) {
        const s = await get(server.base + url, agent);
        checks[url] = s.error ?? s.status;
        if (s.error) errors++;
        if (s.status !== 200) failedChecks++;
      }
      const count = articles(served);
      // All or nothing: the old content, or (a run that finished before its kill) all of it.
      if (count !== oldCount && count !== fullCount) failedChecks++;
      kills.push({ atMs, checks, articles: count, finishedBeforeKill, direction: holdsOld ? "old → full" : "full → old" });
      ctx.log(
        `crash: kill ${k + 1}/${config.crashKills} at ${atMs} ms (${holdsOld ? "old → full" : "full → old"})${finishedBeforeKill ? " (had finished)" : ""}: ${JSON.stringify(checks)}, ${count} articles`,
      );
    }
    ctx.log("crash: final run to completion …");
    const final = await runSetup(corpus.dir, served, { allowFailure: true });
    const count = articles(served);
    const quick = (() => {
      const db = new Database(served, { readonly: true });
      try {
        return (db.prepare("PRAGMA quick_check").get() as Record<string, string>)["quick_check"];
      } finally {
        db.close();
      }
    })();
    for (const url of ["/", "/feed.json"]) {
      const s = await get(server.base + url, agent);
      if (s.error) errors++;
      if (s.status !== 200) failedChecks++;
    }
    const early = kills.filter((k) => k.finishedBeforeKill).length;
    report.add(
      "crash.kills",
      "db:setup runs SIGKILLed",
      kills.length - early,
      "",
      `at ${kills.map((k) => k.atMs).join(", ")} ms of ~${calibration.ms} ms${early ? `; ${early} finished before the kill` : ""}`,
    );
    report.add("crash.failedChecks", "failed checks after kills", failedChecks, "", "200 on /, an article, feeds; old-or-new count");
    report.add("crash.errors", "request errors after kills", errors);
    report.add(
      "crash.finalSetupSeconds",
      "final db:setup",
      Math.round(final.ms / 100) / 10,
      "s",
      `${setupSummary(final)}; quick_check ${quick}`,
    );
    report.add(
      "crash.totalsMatch",
      "articles in DB = valid files",
      final.exitCode === 0 && count === corpus.expectedArticles && quick === "ok",
      "",
      `${count} in DB, ${corpus.expectedArticles} expected (${readdirSync(corpus.dir).filter((f) => !f.startsWith(".") && f !== "companies.yaml").length} files incl. ${corpus.gen.broken} broken)`,
    );
    report.detail("crash.kills", kills);
  } finally {
    agent.destroy();
    await server.stop();
  }
}

/** Folds the WAL into the database file so a plain file copy is complete. */
function checkpoint(file: string) {
  const db = new Database(file);
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}
