// `crash`: a database the server is serving holds an older version of the
// content (the older half of the corpus). db:setup of the whole corpus into it
// (the large load old → full) is SIGKILLed BENCH_CRASH_KILLS (default 10) times,
// one kill per run: the first kills inside startup, scan and the short "index
// and count" tail (found from the run's own progress lines), the rest spread
// over the calibrated run. A run that beats its kill does not count: an unkilled
// run takes the database back to the old half and the kill is tried again.
// While each run goes and after it the server is polled (/, an article,
// /feed.json, /feed.xml, a timeline page): every answer must be 200, /feed.json
// must show the newest article the database holds, and the database must hold
// either the old or the new content, never a mix; a server that exits is
// reported with its stderr and started again. Finally a run completes from the
// state the last kill left: the article count must match, quick_check must say
// ok, and no seed lock may be left behind.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { config, paths } from "../config";
import { rng } from "../corpus";
import { get } from "../load";
import { isRunning, MiB, sleep, treeRss } from "../proc";
import { launchServer, removeDb, runSetup, setupSummary, startSetup, type SetupResult } from "../server";
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
  /** The newest publishedAt in the database, in ms. */
  const newestMs = (file: string) => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return Date.parse((db.prepare(`SELECT MAX("publishedAt") AS m FROM "Article"`).get() as { m: string }).m);
    } finally {
      db.close();
    }
  };
  const oldCount = articles(pristine);
  const oldNewest = newestMs(pristine);

  // How long the full run takes from the old version, to place the kills (on a scratch copy).
  ctx.log("crash: calibration run (old → full corpus, no kill) …");
  copyDb(scratch);
  const calibration = await runSetup(corpus.dir, scratch);
  const fullCount = articles(scratch);
  const fullNewest = newestMs(scratch);
  removeDb(scratch);
  rmSync(`${scratch}.seed-lock`, { force: true });
  const phases = phasesOf(calibration);
  ctx.log(
    `crash: calibration ${calibration.ms} ms (${setupSummary(calibration)}); old ${oldCount}, full ${fullCount} articles; ` +
      `phases ${phases.map((p) => `${p.name} from ${p.fromMs} ms`).join(", ")}`,
  );

  copyDb(served);
  rmSync(`${served}.seed-lock`, { force: true });
  // The server's exits are recorded with its last stderr lines; a server that died is started again
  // (and the death counted as failed checks) so the remaining kills still test something.
  let runLabel = "before the first run";
  let runStartedAt = performance.now();
  let stopping = false;
  const deaths: { during: string; msIntoRun: number; code: number | null; signal: string | null; stderr: string }[] = [];
  const launch = async () => {
    const s = await launchServer(served, corpus.dir);
    let stderr = "";
    s.child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    s.child.once("exit", (code, signal) => {
      if (stopping) return;
      const death = { during: runLabel, msIntoRun: Math.round(performance.now() - runStartedAt), code, signal, stderr: "" };
      deaths.push(death);
      // stderr may still be draining: read it a moment later.
      setTimeout(() => {
        death.stderr = stderr.trim().split("\n").slice(-25).join("\n");
        ctx.log(
          `crash: THE SERVER EXITED during ${death.during}, ${death.msIntoRun} ms in (code ${code}, signal ${signal}); its last stderr:\n${death.stderr || "(nothing)"}`,
        );
      }, 500);
    });
    return s;
  };
  let server = await launch();
  let peakServerRss = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const oldSlug = (() => {
    const db = new Database(served, { readonly: true });
    try {
      return (db.prepare(`SELECT "slug" FROM "Article" ORDER BY "id" LIMIT 1`).get() as { slug: string }).slug;
    } finally {
      db.close();
    }
  })();
  const urls = ["/", `/articles/${oldSlug}`, "/feed.json", "/?before=9999999999999-1", `/feed.xml`];
  /** items[0].date_published of /feed.json, in ms (null when unreadable). */
  const feedNewest = async (): Promise<number | null> => {
    try {
      const res = await fetch(`${server.base}/feed.json`, { signal: AbortSignal.timeout(config.requestTimeoutMs) });
      const json = (await res.json()) as { items?: { date_published?: string }[] };
      const d = json.items?.[0]?.date_published;
      return d ? Date.parse(d) : null;
    } catch {
      return null;
    }
  };
  // Polls the server one request at a time (URLs in turn) until stopped: what readers see while db:setup runs and dies.
  const poll = () => {
    let stop = false;
    const stats = { requests: 0, errors: 0, non200: 0, maxMs: 0, first: "" };
    const loop = (async () => {
      for (let i = 0; !stop; i++) {
        const url = urls[i % urls.length];
        const s = await get(server.base + url, agent);
        stats.requests++;
        stats.maxMs = Math.max(stats.maxMs, Math.round(s.ms));
        if (s.error) stats.errors++;
        else if (s.status !== 200) stats.non200++;
        if ((s.error || s.status !== 200) && !stats.first) stats.first = `${url}: ${s.error ?? s.status}`;
        if (i % 20 === 0) peakServerRss = Math.max(peakServerRss, treeRss(server.child.pid!).largestBytes);
        await sleep(100);
      }
    })();
    return {
      async stop() {
        stop = true;
        await loop;
        return stats;
      },
    };
  };

  const r = rng(config.seed + 44);
  const target = config.crashKills;
  const parseStart = phases.find((p) => p.name === "parse and write")?.fromMs ?? 0;
  const tail = phases.find((p) => p.name === "index and count");
  const tailMs = tail ? Math.max(200, phases[phases.indexOf(tail) + 1].fromMs - tail.fromMs) : 0;
  // Where kill k lands (x uniform in [0, 1)): the first ones inside startup, scan and, when the
  // run reports it, the short "index and count" tail (placed from the run's own progress lines,
  // as run times vary with the machine's load); the rest each in their own slice of the run.
  type Plan = { atMs: number } | { afterParseMs: number };
  const scan = phases.find((p) => p.name === "scan");
  const aimed: ((x: number) => Plan)[] = [
    ...(scan && parseStart > scan.fromMs
      ? [
          (x: number) => ({ atMs: Math.round((0.1 + 0.8 * x) * scan.fromMs) }),
          (x: number) => ({ atMs: Math.round(scan.fromMs + (0.1 + 0.8 * x) * (parseStart - scan.fromMs)) }),
        ]
      : []),
    ...(tail ? [(x: number) => ({ afterParseMs: Math.round((0.15 + 0.6 * x) * tailMs) })] : []),
  ].slice(0, Math.max(0, target - 1));
  const killPlan = (k: number, x: number): Plan => {
    if (k < aimed.length) return aimed[k](x);
    const slices = target - aimed.length;
    return { atMs: Math.round((0.02 + (0.96 * (k - aimed.length + x)) / slices) * calibration.ms) };
  };
  const kills: {
    atMs: number;
    aim: string;
    phase: string;
    lastProgress: string;
    checks: Record<string, number | string>;
    feedNewestOk: boolean;
    articles: number;
    killed: boolean;
    exitCode: number | null;
    walMiB: number;
    duringRun: { requests: number; errors: number; non200: number; maxMs: number; first: string };
  }[] = [];
  const resets: { ms: number; summary: string }[] = [];
  let failedChecks = 0;
  let errors = 0;
  let killed = 0;
  const failures: string[] = [];
  const fail = (what: string) => {
    failedChecks++;
    if (failures.length < 20) failures.push(what);
    ctx.log(`crash: FAILED ${what}`);
  };
  /** What readers get after a run: every URL 200, all-or-nothing content, the feed showing it. */
  const checkAfter = async (label: string) => {
    const checks: Record<string, number | string> = {};
    for (const url of urls) {
      const s = await get(server.base + url, agent);
      checks[url] = s.error ?? s.status;
      if (s.error) errors++;
      if (s.status !== 200) fail(`after ${label}: ${url} → ${s.error ?? s.status}`);
    }
    const count = articles(served);
    const dbNewest = newestMs(served);
    if (!((count === oldCount && dbNewest === oldNewest) || (count === fullCount && dbNewest === fullNewest)))
      fail(`after ${label}: a mix in the database (${count} articles, newest ${new Date(dbNewest).toISOString()})`);
    // The server shows what the database holds (after a finished run: within the stale window after a seed).
    let shown = await feedNewest();
    for (let waited = 0; shown !== dbNewest && waited < 5000; waited += 250) {
      await sleep(250);
      shown = await feedNewest();
    }
    const feedNewestOk = shown === dbNewest;
    if (!feedNewestOk)
      fail(
        `after ${label}: /feed.json's newest is ${shown && new Date(shown).toISOString()}, the database's ${new Date(dbNewest).toISOString()}`,
      );
    return { checks, count, feedNewestOk };
  };
  let polled = 0;
  const pollResult = (label: string, stats: Awaited<ReturnType<ReturnType<typeof poll>["stop"]>>) => {
    polled += stats.requests;
    errors += stats.errors;
    if (stats.errors + stats.non200) fail(`during ${label}: ${stats.errors} errors, ${stats.non200} non-200 (${stats.first})`);
  };
  const reviveServer = async (label: string) => {
    if (isRunning(server.child)) return;
    await sleep(600);
    fail(`the server died during ${label}: ${JSON.stringify(deaths.at(-1))}`);
    ctx.log("crash: starting the server again …");
    server = await launch();
  };
  try {
    for (let attempt = 1; killed < target && attempt <= target * 3; attempt++) {
      // Every killed run is the large load old → full. A run that beat its kill left the full
      // corpus: one unkilled run goes back to the old half first (its readers are checked too).
      if (articles(served) !== oldCount) {
        const label = `reset before run ${attempt} (full → old, not killed)`;
        runLabel = label;
        runStartedAt = performance.now();
        const poller = poll();
        const reset = await runSetup(oldDir, served, { allowFailure: true });
        pollResult(label, await poller.stop());
        if (reset.exitCode !== 0) fail(`${label} exited with ${reset.exitCode}`);
        const after = await checkAfter(label);
        resets.push({ ms: reset.ms, summary: setupSummary(reset) });
        ctx.log(`crash: ${label}: ${reset.ms} ms (${setupSummary(reset)}), ${after.count} articles`);
        await reviveServer(label);
        if (after.count !== oldCount) break;
      }
      const plan = killPlan(killed, r.next());
      const aim = "atMs" in plan ? `${plan.atMs} ms` : `${plan.afterParseMs} ms after parse and write ends`;
      const label = `run ${attempt} (old → full, kill at ${aim})`;
      runLabel = label;
      runStartedAt = performance.now();
      const poller = poll();
      const run = startSetup(corpus.dir, served);
      // The run's own progress lines ("parse and write: d/t files, r/s, …") tell when its parse ends.
      let parseEndsAt: number | null = null;
      const watch = (chunk: Buffer) => {
        for (const m of chunk.toString().matchAll(/parse and write: (\d+)\/(\d+) files, (\d+)\/s/g)) {
          const [done, total, rate] = [Number(m[1]), Number(m[2]), Number(m[3])];
          if (rate > 0) parseEndsAt = performance.now() + ((total - done) / rate) * 1000;
        }
      };
      run.child.stderr?.on("data", watch);
      if ("atMs" in plan) await Promise.race([sleep(plan.atMs), run.done]);
      else {
        const fallback = run.startedAt + phases[phases.indexOf(tail!)].fromMs;
        let finished = false;
        void run.done.then(() => (finished = true));
        while (!finished && performance.now() < (parseEndsAt ?? fallback) + plan.afterParseMs) await sleep(20);
      }
      const wasRunning = isRunning(run.child);
      const atMs = Math.round(performance.now() - run.startedAt);
      run.kill();
      const result = await run.done;
      if (!wasRunning && result.exitCode !== 0)
        fail(`run ${attempt} exited with ${result.exitCode} before its kill: ${result.output.trim().split("\n").slice(-3).join(" | ")}`);
      const { checks, count, feedNewestOk } = await checkAfter(`run ${attempt}`);
      if (wasRunning && count !== oldCount) fail(`after run ${attempt}: killed, yet the database changed (${count} articles)`);
      const duringRun = await poller.stop();
      pollResult(`run ${attempt}`, duringRun);
      if (wasRunning) killed++;
      const lastProgress = lastProgressLine(result);
      const walMiB = existsSync(`${served}-wal`) ? Math.round(statSync(`${served}-wal`).size / 1048576) : 0;
      const endsAt: number | null = parseEndsAt;
      const phase = !wasRunning
        ? "finished before the kill"
        : endsAt !== null && run.startedAt + atMs >= endsAt
          ? `index and count / commit (≈${Math.round(run.startedAt + atMs - endsAt)} ms after parse ended)`
          : endsAt !== null
            ? "parse and write"
            : phaseAt(phases, atMs, lastProgress);
      kills.push({
        atMs,
        aim,
        phase,
        lastProgress,
        checks,
        feedNewestOk,
        articles: count,
        killed: wasRunning,
        exitCode: result.exitCode,
        walMiB,
        duringRun,
      });
      ctx.log(
        `crash: run ${attempt} ${wasRunning ? `killed ${killed}/${target}` : `exit ${result.exitCode} before its kill`} at ${atMs} ms (aimed ${aim}) [${phase}${lastProgress ? `; ${lastProgress}` : ""}]: ` +
          `${JSON.stringify(checks)}, ${count} articles, feed newest ${feedNewestOk ? "ok" : "WRONG"}; during the run ${duringRun.requests} requests, ${duringRun.errors} errors, ${duringRun.non200} non-200, max ${duringRun.maxMs} ms; wal ${walMiB} MiB`,
      );
      await reviveServer(`run ${attempt}`);
      runLabel = `the checks after run ${attempt}`;
    }
    if (killed < target) fail(`only ${killed} of ${target} runs could be killed in ${kills.length} attempts`);

    ctx.log("crash: final run to completion …");
    const lockLeft = existsSync(`${served}.seed-lock`);
    runLabel = "the final run";
    runStartedAt = performance.now();
    const poller = poll();
    const final = await runSetup(corpus.dir, served, { allowFailure: true });
    pollResult("the final run", await poller.stop());
    if (final.exitCode !== 0) fail(`final run exited with ${final.exitCode}: ${final.output.trim().split("\n").slice(-3).join(" | ")}`);
    const count = articles(served);
    const quick = (() => {
      const db = new Database(served, { readonly: true });
      try {
        return (db.prepare("PRAGMA quick_check").get() as Record<string, string>)["quick_check"];
      } finally {
        db.close();
      }
    })();
    if (quick !== "ok") fail(`quick_check: ${quick}`);
    const lockAfter = existsSync(`${served}.seed-lock`);
    if (lockAfter) fail("the final run left its seed lock behind");
    for (const url of ["/", "/feed.json"]) {
      const s = await get(server.base + url, agent);
      if (s.error) errors++;
      if (s.status !== 200) fail(`after the final run: ${url} → ${s.error ?? s.status}`);
    }
    let shown = await feedNewest();
    for (let waited = 0; shown !== fullNewest && waited < 5000; waited += 250) {
      await sleep(250);
      shown = await feedNewest();
    }
    if (shown !== fullNewest)
      fail(`after the final run: /feed.json's newest is ${shown && new Date(shown).toISOString()}, not the corpus's newest`);
    const walMiB = existsSync(`${served}-wal`) ? Math.round(statSync(`${served}-wal`).size / 1048576) : 0;
    const dbMiB = Math.round(statSync(served).size / 1048576);
    const early = kills.filter((k) => !k.killed).length;
    report.add(
      "crash.kills",
      "db:setup runs SIGKILLed",
      killed,
      "",
      `at ${kills.map((k) => `${k.atMs} (${k.phase})`).join(", ")} ms of ~${calibration.ms} ms${early ? `; ${early} finished before the kill (${resets.length} unkilled runs back to the old half)` : ""}`,
    );
    report.add(
      "crash.failedChecks",
      "failed checks after kills",
      failedChecks,
      "",
      failures.length ? failures.slice(0, 3).join("; ") : "200 on /, an article, feeds, timeline; old-or-new content; feed shows it",
    );
    report.add("crash.errors", "request errors during/after kills", errors, "", `${polled} requests while db:setup ran`);
    report.add(
      "crash.finalSetupSeconds",
      "final db:setup",
      Math.round(final.ms / 100) / 10,
      "s",
      `after ${kills.at(-1)?.killed ? "a killed run" : "a finished run"}: ${setupSummary(final)}; quick_check ${quick}; stale lock ${lockLeft ? "taken over" : "none"}; db ${dbMiB} MiB, wal ${walMiB} MiB`,
    );
    report.add(
      "crash.totalsMatch",
      "articles in DB = valid files",
      final.exitCode === 0 && count === corpus.expectedArticles && quick === "ok",
      "",
      `${count} in DB, ${corpus.expectedArticles} expected (${readdirSync(corpus.dir).filter((f) => !f.startsWith(".") && f !== "companies.yaml").length} files incl. ${corpus.gen.broken} broken)`,
    );
    report.add(
      "crash.serverDeaths",
      "server exits during the scenario",
      deaths.length,
      "",
      deaths.length
        ? deaths.map((d) => `during ${d.during}, ${d.msIntoRun} ms in: code ${d.code}, signal ${d.signal}`).join("; ")
        : `peak server RSS ${MiB(peakServerRss)} MiB`,
    );
    report.detail("crash.serverDeaths", deaths);
    report.detail("crash.kills", kills);
    report.detail("crash.calibration", { ms: calibration.ms, summary: setupSummary(calibration), phases });
    report.detail("crash.resets", resets);
    report.detail("crash.failures", failures);
  } finally {
    agent.destroy();
    stopping = true;
    await server.stop();
  }
}

type Phase = { name: string; fromMs: number };

/**
 * Where each phase of the calibration run began: the time before the first
 * phase db:setup reports ("time: scan 0.2s, parse and write 41.0s, …") is
 * startup (node, imports, lock, migrations); what follows the last is exit.
 */
function phasesOf(run: SetupResult): Phase[] {
  const line = run.output.split("\n").find((l) => l.startsWith("time: "));
  const parts = [...(line?.slice(6).split(";")[0] ?? "").matchAll(/([a-z][a-z ]*?) (\d+(?:\.\d+)?)s/g)].map((m) => ({
    name: m[1].trim(),
    ms: Number(m[2]) * 1000,
  }));
  const reported = parts.reduce((n, p) => n + p.ms, 0);
  // db:setup's own clock starts after node and tsx have loaded: that part and the exit are unmeasured.
  const total = /\((\d+(?:\.\d+)?)s\)\s*$/m.exec(run.output);
  const setupMs = total ? Number(total[1]) * 1000 : run.ms;
  let at = Math.max(0, run.ms - setupMs) + Math.max(0, setupMs - reported);
  const out: Phase[] = [{ name: "startup", fromMs: 0 }];
  for (const p of parts) {
    out.push({ name: p.name, fromMs: Math.round(at) });
    at += p.ms;
  }
  out.push({ name: "exit", fromMs: Math.round(at) });
  return out;
}

/** The phase a kill landed in, by the calibration's timeline; a later phase when the run's own progress lines say it got there. */
function phaseAt(phases: Phase[], atMs: number, lastProgress: string): string {
  const estimated = [...phases].reverse().find((p) => p.fromMs <= atMs) ?? phases[0];
  const named = phases.find((p) => p.name === /^([a-z][a-z ]*?):/.exec(lastProgress)?.[1]);
  return named && named.fromMs > estimated.fromMs ? named.name : estimated.name;
}

/** The last "parse and write: 52000/100100 files, …" line of a run. */
function lastProgressLine(run: SetupResult): string {
  return (
    run.output
      .split("\n")
      .filter((l) => /^[a-z][a-z ]*: \d+\/\d+ files/.test(l))
      .pop()
      ?.replace(/, \d+\/s, \d+s left$/, "")
      .trim() ?? ""
  );
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
