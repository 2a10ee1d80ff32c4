// The production server under test, and db:setup runs. `startServer` and
// `SETUP_COMMAND` are the only places that name the commands: change them there.
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./config";
import { freePort, isRunning, sampleTreeRss, signalGroup, sleep, startProcess, stopProcess, treeRss, waitExit } from "./proc";

// ---------------------------------------------------------------- the server

/** package.json's `start` script ("MALLOC_ARENA_MAX=2 node --max-old-space-size=… --import tsx scripts/start.ts"): its environment assignments and node arguments. */
function npmStart(): { env: Record<string, string>; args: string[] } {
  const start: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start;
  const words = start.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? "")) {
    const [name, ...value] = words.shift()!.split("=");
    env[name] = value.join("=");
  }
  const [command, ...args] = words;
  if (command !== "node") throw new Error(`bench: expected package.json's start script to run node, got "${start}"`);
  return { env, args };
}

/** Starts the production server. The one place to change how it is started. */
export function startServer(env: Record<string, string>): ChildProcess {
  // Exactly what `npm start` runs (it serves the existing build and database), without npm.
  const start = npmStart();
  return startProcess(process.execPath, start.args, {
    cwd: ROOT,
    env: { ...process.env, ...start.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/** What GET /__metrics returns when FINEWS_METRICS=1 (see bench/README.md). */
export type Metrics = {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  rssBytes: number;
  heapUsedBytes: number;
  renders: number;
  cacheHits: number;
};

export type Server = {
  base: string;
  child: ChildProcess;
  /** null when the server has no /__metrics route (404). */
  metrics(reset?: boolean): Promise<Metrics | null>;
  /** Resident memory of the server: /__metrics when available, else the largest process of its tree. */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
};

/** A database the bench names: a SQLite file path, or a `postgresql://` URL. */
export const isPostgres = (database: string) => /^postgres(ql)?:\/\//.test(database);

/** DATABASE_URL for a SQLite file path or a `postgresql://` URL (passed as it is). */
export const databaseUrlFor = (database: string) => (isPostgres(database) ? database : `file:${database}`);

/**
 * Starts the server on `database` (a SQLite file or a `postgresql://` URL) and
 * waits until it answers. `siteUrl`: the public URL when it is not the
 * server's own (instances behind a proxy name the proxy's).
 */
export async function launchServer(database: string, contentDir: string, opts: { siteUrl?: string } = {}): Promise<Server> {
  const port = await freePort();
  const child = startServer({
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrlFor(database),
    CONTENT_DIR: contentDir,
    SITE_URL: opts.siteUrl ?? `http://127.0.0.1:${port}`,
    FINEWS_METRICS: "1",
    NODE_ENV: "production",
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!isRunning(child)) throw new Error(`the server exited before answering (code ${child.exitCode}):\n${stderr}`);
    if (
      await fetch(`${base}/robots.txt`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`the server did not answer on ${base} within 90 s:\n${stderr}`);
    }
    await sleep(200);
  }
  let hasMetrics: boolean | null = null;
  const metrics = async (reset = false): Promise<Metrics | null> => {
    if (hasMetrics === false) return null;
    try {
      const res = await fetch(`${base}/__metrics${reset ? "?reset=1" : ""}`, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) {
        await res.arrayBuffer();
        hasMetrics = false;
        return null;
      }
      const json = (await res.json()) as Metrics;
      if (typeof json?.rssBytes !== "number") {
        hasMetrics = false;
        return null;
      }
      hasMetrics = true;
      return json;
    } catch {
      return null;
    }
  };
  return {
    base,
    child,
    metrics,
    async rssBytes() {
      const m = await metrics(false);
      return m?.rssBytes ?? treeRss(child.pid!).largestBytes;
    },
    stop: () => stopProcess(child),
  };
}

// ---------------------------------------------------------------- the build

const SOURCE_DIRS = ["app", "components", "lib"];
const SOURCE_FILES = ["next.config.js", "postcss.config.mjs", "tsconfig.json", "package.json"];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (dir: string, depth: number) => {
    if (depth > 8 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "generated" || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full, depth + 1);
      else if (/\.(tsx?|jsx?|mjs|css|json|tsv|yaml)$/.test(entry.name) && !/\.test\./.test(entry.name))
        newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(ROOT, dir), 0);
  for (const file of SOURCE_FILES)
    if (existsSync(path.join(ROOT, file))) newest = Math.max(newest, statSync(path.join(ROOT, file)).mtimeMs);
  return newest;
}

/** Makes sure a production build exists (BENCH_BUILD=auto|never|always). Returns a note for the report. */
export function ensureBuild(mode: "auto" | "never" | "always", log = console.log): string {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  const exists = existsSync(buildId);
  const stale = exists && statSync(buildId).mtimeMs < newestSourceMtime();
  if (mode === "never" || (mode === "auto" && exists && !stale)) {
    if (!exists) throw new Error("no production build (.next/BUILD_ID): run `npm run build` first, or BENCH_BUILD=auto");
    return stale ? "existing build (older than the sources; BENCH_BUILD=never)" : "existing build";
  }
  log(
    `build: ${exists ? (stale ? "sources are newer than .next/BUILD_ID" : "BENCH_BUILD=always") : "no .next/BUILD_ID"}: running next build …`,
  );
  const started = performance.now();
  execFileSync("npx", ["next", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  return `built by the bench in ${((performance.now() - started) / 1000).toFixed(0)} s`;
}

// ---------------------------------------------------------------- db:setup

/** How db:setup runs (what `npm run db:setup` runs, without npm's own startup). */
export const SETUP_COMMAND: [string, string[]] = [process.execPath, ["--import", "tsx", "prisma/setup.ts"]];

export type SetupResult = {
  ms: number;
  exitCode: number | null;
  killed: boolean;
  peakRssBytes: number;
  peakLargestBytes: number;
  output: string;
};

export type SetupRun = { child: ChildProcess; startedAt: number; done: Promise<SetupResult>; kill(): void };

export function removeDb(dbFile: string) {
  if (isPostgres(dbFile)) return;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
}

/** Starts db:setup on contentDir → dbFile (or a `postgresql://` URL), sampling its process tree's memory every 200 ms. */
export function startSetup(contentDir: string, dbFile: string): SetupRun {
  const startedAt = performance.now();
  const child = startProcess(SETUP_COMMAND[0], SETUP_COMMAND[1], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: contentDir, DATABASE_URL: databaseUrlFor(dbFile) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const sampler = sampleTreeRss(child.pid!, 200);
  let killed = false;
  const done = (async () => {
    const exitCode = await waitExit(child, 6 * 3600_000);
    const ms = Math.round(performance.now() - startedAt);
    const peak = sampler.stop();
    return { ms, exitCode, killed, peakRssBytes: peak.peakTotalBytes, peakLargestBytes: peak.peakLargestBytes, output };
  })();
  return {
    child,
    startedAt,
    done,
    kill() {
      killed = true;
      signalGroup(child, "SIGKILL");
    },
  };
}

/** Runs db:setup to the end; throws when it fails (unless allowed). */
export async function runSetup(
  contentDir: string,
  dbFile: string,
  opts: { fresh?: boolean; allowFailure?: boolean } = {},
): Promise<SetupResult> {
  if (opts.fresh) removeDb(dbFile);
  const result = await startSetup(contentDir, dbFile).done;
  if (result.exitCode !== 0 && !opts.allowFailure) {
    throw new Error(`db:setup exited with ${result.exitCode}:\n${result.output.split("\n").slice(-15).join("\n")}`);
  }
  return result;
}

/** The summary line db:setup prints ("… 3000 loaded, 0 updated …"), for logs. */
export function setupSummary(result: SetupResult): string {
  const line = result.output
    .split("\n")
    .filter((l) => /loaded,/.test(l))
    .pop()
    ?.trim();
  return line ? line.replace(/^.*?:\s+(?=\d+ loaded)/, "") : `exit ${result.exitCode}`;
}
