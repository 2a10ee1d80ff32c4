// PostgreSQL for the scale-out scenario: the server BENCH_POSTGRES_URL names
// (a scratch database is created there and dropped after), or a throwaway
// server: initdb into a temporary folder (as the postgres user when the bench
// runs as root; C.UTF-8, as .ci/run does), `postgres` in the foreground on a
// free loopback port, in its own process group, killed and its folder removed
// on exit like every other process the bench starts. The throwaway server logs
// every statement that takes ≥ 200 ms (log_min_duration_statement), which
// `slowStatements` summarizes.
import { spawnSync, type ChildProcess } from "node:child_process";
import {
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createScratchDatabase } from "../prisma/postgres-scratch";
import { paths, ROOT } from "./config";
import { freePort, isRunning, onKillAll, signalGroup, sleep, sleepSync, startProcess, waitExit } from "./proc";

/** Statements at least this slow land in the throwaway server's log. */
export const SLOW_STATEMENT_MS = 200;

export type PostgresServer = {
  /** URL of the server's `postgres` database (where scratch databases are created). */
  url: string;
  kind: "throwaway" | "BENCH_POSTGRES_URL";
  version: string;
  /** The postmaster's pid (throwaway only): its process tree is the server's memory. */
  pid: number | null;
  /** The server's log (throwaway only). */
  logFile: string | null;
  stop(): Promise<void>;
};

const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:…@");

export async function startPostgres(log: (m: string) => void): Promise<PostgresServer> {
  const external = process.env.BENCH_POSTGRES_URL;
  if (external) {
    const version = await serverVersion(external);
    log(`postgres: BENCH_POSTGRES_URL ${redact(external)} (${version})`);
    return { url: external, kind: "BENCH_POSTGRES_URL", version, pid: null, logFile: null, stop: async () => {} };
  }
  return startThrowaway(log);
}

/** The newest /usr/lib/postgresql/<version>/bin (BENCH_POSTGRES_BIN overrides). */
function binDir(): string {
  if (process.env.BENCH_POSTGRES_BIN) return process.env.BENCH_POSTGRES_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin/initdb")))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (!versions.length)
    throw new Error("no PostgreSQL server binaries in /usr/lib/postgresql (apt-get install postgresql), or set BENCH_POSTGRES_URL");
  return path.join(root, versions[0], "bin");
}

/** uid/gid of the postgres user when running as root (the server refuses to run as root). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("running as root: a throwaway PostgreSQL server needs a postgres user (apt-get install postgresql)");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

async function startThrowaway(log: (m: string) => void): Promise<PostgresServer> {
  const bin = binDir();
  const user = serverUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), "finews-bench-pg-"));
  // From here on, the folder goes on any exit (the server is SIGKILLed first by killAllNow).
  let unhook = onKillAll(() => {
    sleepSync(500);
    rmSync(dir, { recursive: true, force: true });
  });
  let started: ChildProcess | null = null;
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    const data = path.join(dir, "data");
    const logFile = path.join(dir, "server.log");
    const init = spawnSync(
      path.join(bin, "initdb"),
      ["-D", data, "-U", "postgres", "--auth=trust", "--locale=C.UTF-8", "-E", "UTF8", "--no-sync"],
      { cwd: dir, encoding: "utf8", ...(user ?? {}) },
    );
    if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.error}`);
    const port = await freePort();
    const fd = openSync(logFile, "a");
    if (user) chownSync(logFile, user.uid, user.gid);
    const settings = {
      listen_addresses: "127.0.0.1",
      unix_socket_directories: dir,
      shared_buffers: "256MB",
      log_min_duration_statement: String(SLOW_STATEMENT_MS),
      // Parameters of slow statements, cut short: the seed sends 250 articles per statement.
      log_parameter_max_length: "300",
      log_checkpoints: "on",
    };
    const child = startProcess(
      path.join(bin, "postgres"),
      ["-D", data, "-p", String(port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])],
      { cwd: dir, stdio: ["ignore", fd, fd], ...(user ?? {}) },
    );
    closeSync(fd);
    started = child;
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    let version = "";
    for (const deadline = Date.now() + 60_000; ;) {
      if (!isRunning(child)) throw new Error(`postgres exited (${child.exitCode}):\n${readFileSync(logFile, "utf8").slice(-3000)}`);
      try {
        version = await serverVersion(url);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 60 s: ${(error as Error).message}`);
        await sleep(200);
      }
    }
    log(`postgres: throwaway ${version} on 127.0.0.1:${port} (${dir}, shared_buffers ${settings.shared_buffers})`);
    const remove = () => rmSync(dir, { recursive: true, force: true });
    unhook();
    unhook = onKillAll(() => {
      signalGroup(child, "SIGKILL");
      sleepSync(500);
      remove();
    });
    return {
      url,
      kind: "throwaway",
      version,
      pid: child.pid!,
      logFile,
      async stop() {
        if (isRunning(child)) {
          // Immediate shutdown (no checkpoint: the data goes anyway), then the group.
          child.kill("SIGQUIT");
          if ((await waitExit(child, 15_000)) === null && isRunning(child)) {
            signalGroup(child, "SIGKILL");
            await waitExit(child, 5000);
          }
        }
        signalGroup(child, "SIGKILL"); // a backend that outlived the postmaster
        unhook();
        remove();
      },
    };
  } catch (error) {
    if (started) {
      signalGroup(started, "SIGKILL");
      await waitExit(started, 5000);
    }
    unhook();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Runs `work` on one connection to `url`, closed afterwards whatever happens. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>, connectionTimeoutMillis?: number): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function serverVersion(url: string): Promise<string> {
  return withClient(
    url,
    async (client) => {
      const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
      return `PostgreSQL ${rows[0].v.split(" ")[0]}`;
    },
    5000,
  );
}

export type ScratchDatabase = { url: string; name: string; drop(): Promise<void> };

/** A fresh UTF-8 database on the server (prisma/postgres-scratch.ts), dropped by `drop` or, at the latest, on exit. */
export async function scratchDatabase(server: PostgresServer): Promise<ScratchDatabase> {
  const db = await createScratchDatabase(server.url, "finews_bench");
  const name = new URL(db.url).pathname.slice(1);
  // On an abnormal exit nothing async runs: a child process drops it (a throwaway server just dies).
  const unhook =
    server.kind === "throwaway"
      ? () => {}
      : onKillAll(() => {
          spawnSync(
            process.execPath,
            [
              "-e",
              `const pg=require("pg");const c=new pg.Client({connectionString:process.env.U});c.connect().then(()=>c.query('DROP DATABASE IF EXISTS "${name}" WITH (FORCE)')).finally(()=>c.end())`,
            ],
            { cwd: ROOT, env: { ...process.env, U: server.url }, stdio: "ignore", timeout: 20_000 },
          );
        });
  return {
    url: db.url,
    name,
    async drop() {
      unhook();
      await db.drop();
    },
  };
}

export type PostgresSizes = {
  databaseBytes: number;
  /** ArticleSearch: heap + TOAST (the tsvector documents and texts), without indexes. */
  searchTableBytes: number;
  /** ArticleSearch_document_idx (GIN). */
  searchGinBytes: number;
  /** Article with its TOAST and indexes. */
  articleTotalBytes: number;
};

export async function postgresSizes(url: string): Promise<PostgresSizes> {
  const { rows } = await withClient(url, (client) =>
    client.query<Record<keyof PostgresSizes, string>>(`SELECT
      pg_database_size(current_database()) AS "databaseBytes",
      pg_table_size('"ArticleSearch"') AS "searchTableBytes",
      pg_relation_size('"ArticleSearch_document_idx"') AS "searchGinBytes",
      pg_total_relation_size('"Article"') AS "articleTotalBytes"`),
  );
  const r = rows[0];
  return {
    databaseBytes: Number(r.databaseBytes),
    searchTableBytes: Number(r.searchTableBytes),
    searchGinBytes: Number(r.searchGinBytes),
    articleTotalBytes: Number(r.articleTotalBytes),
  };
}

/** Ids of the given slugs in the database (to check that URLs made from the SQLite database mean the same rows). */
export async function postgresIds(url: string, slugs: string[]): Promise<Map<string, number>> {
  const { rows } = await withClient(url, (client) =>
    client.query<{ slug: string; id: number }>(`SELECT "slug", "id" FROM "Article" WHERE "slug" = ANY($1::text[])`, [slugs]),
  );
  return new Map(rows.map((r) => [r.slug, r.id]));
}

// ---------------------------------------------------------------- the slow-statement log

export type SlowStatement = {
  /** The statement, whitespace collapsed. */
  statement: string;
  count: number;
  maxMs: number;
  totalMs: number;
  /** Parameters of the slowest run (each cut to 300 bytes by the server). */
  parameters: string | null;
};

/** Bytes in the log so far: pass to `slowStatements` to read one phase. */
export const logOffset = (server: PostgresServer) => (server.logFile && existsSync(server.logFile) ? statSync(server.logFile).size : 0);

/** Statements that took ≥ SLOW_STATEMENT_MS between two logOffsets, grouped by text, slowest total first. */
export function slowStatements(server: PostgresServer, from = 0, to?: number): SlowStatement[] {
  if (!server.logFile || !existsSync(server.logFile)) return [];
  const text = readFileSync(server.logFile).subarray(from, to).toString("utf8");
  // Entries start with the default log_line_prefix "%m [%p] ": "2026-11-23 03:30:00.123 UTC [123] ".
  const entries = text.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/);
  const groups = new Map<string, SlowStatement>();
  const pidOf = (entry: string) => /^\S+ \S+ \S+ \[(\d+)\]/.exec(entry)?.[1];
  for (let i = 0; i < entries.length; i++) {
    const m = /LOG:\s+duration: ([\d.]+) ms\s+(?:statement|execute [^:]*|bind [^:]*|parse [^:]*): ([\s\S]*)$/.exec(entries[i]);
    if (!m) continue;
    const ms = Number(m[1]);
    const statement = m[2].replace(/\s+/g, " ").trim();
    // Its parameters: the same process's next entry (others may come between).
    const next = entries.slice(i + 1, i + 20).find((e) => pidOf(e) === pidOf(entries[i]));
    const detail =
      /^\S+ \S+ \S+ \[\d+\] DETAIL:\s+[Pp]arameters: ([\s\S]*)$/
        .exec(next ?? "")?.[1]
        .replace(/\s+/g, " ")
        .trim() ?? null;
    const g = groups.get(statement) ?? { statement, count: 0, maxMs: 0, totalMs: 0, parameters: null };
    g.count++;
    g.totalMs += ms;
    if (ms >= g.maxMs) {
      g.maxMs = ms;
      g.parameters = detail;
    }
    groups.set(statement, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, maxMs: Math.round(g.maxMs), totalMs: Math.round(g.totalMs) }))
    .sort((a, b) => b.totalMs - a.totalMs);
}

/** Keeps the throwaway server's log as bench/results/scale-out-postgres.log (the folder goes with the server). */
export function keepLog(server: PostgresServer): string | null {
  if (!server.logFile || !existsSync(server.logFile)) return null;
  mkdirSync(paths.results, { recursive: true });
  const target = path.join(paths.results, "scale-out-postgres.log");
  copyFileSync(server.logFile, target);
  return target;
}
