// npm start: serve the production build on PORT (default 3000), creating the
// database and the build first when they are missing. A small primary process
// runs WEB_WORKERS server processes (node:cluster, sharing the port) and
// replaces one that dies, after a pause that grows while they keep dying; the
// site comes back within seconds of a crash. SIGTERM/SIGINT: every worker
// finishes the requests in flight, then the primary exits.
//
// package.json starts it with MALLOC_ARENA_MAX=2 (workers inherit it): glibc
// otherwise keeps a malloc arena per thread that allocates (gzip and SQLite
// work on libuv's pool), which measured 345 MB resident after 300 distinct
// pages at 200,000 articles against 282 MB capped.
import { spawnSync } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import { existsSync } from "node:fs";
import { databaseUrl } from "../lib/db/database-url";
import { isDatabaseSeeded } from "../lib/db/readiness";
import { env } from "../lib/env";
import { startServer } from "./server";

/** Pause before replacing a dead worker: doubles per death in a row, up to the maximum. */
const RESTART_DELAY_MS = { first: 100, max: 10_000 };
/** A worker that served this long resets the pause. */
const STABLE_AFTER_MS = 30_000;
/** Workers that die before they ever listened, in a row, before the primary gives up (a bad port, a broken build). */
const MAX_FAILED_STARTS = 3;
/** How long workers get to finish requests in flight on SIGTERM. */
const STOP_GRACE_MS = 12_000;

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function primary() {
  const { WEB_WORKERS } = env();
  if (!(await isDatabaseSeeded(databaseUrl()))) {
    console.log("No database yet: running db:setup");
    run(process.execPath, ["--import", "tsx", "prisma/setup.ts"]);
  }
  if (!existsSync(".next/BUILD_ID")) {
    console.log("No production build yet: running build");
    run("npm", ["run", "build"]);
  }

  let stopping = false;
  let deathsInARow = 0;
  let failedStarts = 0;
  const listeningSince = new Map<Worker, number>();
  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => {
      listeningSince.set(worker, Date.now());
      failedStarts = 0;
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    const since = listeningSince.get(worker);
    listeningSince.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    if (since === undefined && ++failedStarts >= MAX_FAILED_STARTS) {
      console.error(`server process ${worker.process.pid} ${how} before it served; ${failedStarts} failed starts in a row, giving up`);
      process.exit(1);
    }
    if (since !== undefined && Date.now() - since > STABLE_AFTER_MS) deathsInARow = 0;
    const delay = Math.min(RESTART_DELAY_MS.max, RESTART_DELAY_MS.first * 2 ** deathsInARow++);
    console.error(`server process ${worker.process.pid} ${how}; starting another in ${delay} ms`);
    setTimeout(() => !stopping && fork(), delay);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      if (!workers.length) process.exit(0);
      for (const worker of workers) worker.process.kill(signal);
      setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    });
  }
  for (let i = 0; i < WEB_WORKERS; i++) fork();
}

if (cluster.isPrimary) await primary();
else await startServer();
