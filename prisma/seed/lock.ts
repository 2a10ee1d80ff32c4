// One seed at a time. A second db:setup exits at once naming the running one.
//   SQLite:     a lock file beside the database holds the seed's pid; a lock
//               left by a killed seed (its pid is gone) is taken over.
//   PostgreSQL: a session-level advisory lock, held on a connection of its own
//               for the whole db:setup; the server drops it when that session
//               ends, so a killed seed leaves nothing behind.
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import type pg from "pg";
import { databaseFile } from "../../lib/db/database-url";
import { providerOf } from "../../lib/db/provider";
import { describeDatabase } from "./database";

export class SeedLockedError extends Error {}

/** Releases the seed lock (idempotent). */
export type ReleaseSeedLock = () => Promise<void>;

/** Takes the seed lock for the database at `databaseUrl` (`file:` or `postgresql://`); resolves to its release. */
export async function acquireSeedLock(databaseUrl: string): Promise<ReleaseSeedLock> {
  if (providerOf(databaseUrl) === "postgresql") return acquirePostgresLock(databaseUrl);
  const release = acquireSeedLockFile(databaseFile(databaseUrl));
  return async () => release();
}

// ------------------------------------------------------------------ SQLite

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock file for `databaseFile`; returns the function that releases it. */
export function acquireSeedLockFile(databaseFile: string): () => void {
  const lockFile = `${databaseFile}.seed-lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }), { flag: "wx" });
      const release = () => rmSync(lockFile, { force: true });
      process.once("exit", release);
      return () => {
        process.removeListener("exit", release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid?: number; startedAt?: string } = {};
      try {
        holder = JSON.parse(readFileSync(lockFile, "utf8"));
      } catch {
        // Half-written by a seed killed at that instant: treat as stale.
      }
      if (holder.pid && holder.pid !== process.pid && isRunning(holder.pid)) {
        throw new SeedLockedError(
          `another db:setup (pid ${holder.pid}, started ${holder.startedAt}) is loading ${databaseFile}; try again when it has finished`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new SeedLockedError(`could not take the seed lock ${lockFile}`);
}

// -------------------------------------------------------------- PostgreSQL

/** The advisory lock's name; its key is a 64-bit hash of it (advisory locks are per database). */
export const SEED_LOCK_NAME = "finews-reader:db:setup";
/** pg_try_advisory_lock(bigint) key: the first 8 bytes of SHA-256 of the name, signed. */
export const SEED_LOCK_KEY = createHash("sha256").update(SEED_LOCK_NAME).digest().readBigInt64BE(0).toString();
/** The lock session's application_name carries the holder's pid, so a refused seed can name it. */
const APPLICATION_PREFIX = "finews db:setup lock";
/** An unreachable server fails db:setup after this long instead of the system's TCP timeout. */
const CONNECT_TIMEOUT_MS = 10_000;

async function acquirePostgresLock(databaseUrl: string): Promise<ReleaseSeedLock> {
  // Loaded here: a SQLite seed never needs pg.
  const { default: pg } = await import("pg");
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: `${APPLICATION_PREFIX} (pid ${process.pid})`,
    keepAlive: true,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // Losing this connection loses the lock; the seed's own connection fails
  // with it (same server), so there is nothing more to do than not crash.
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock($1::bigint) AS "locked"`, [SEED_LOCK_KEY]);
    if (!rows[0].locked) {
      const holder = await describeHolder(client);
      throw new SeedLockedError(
        `another db:setup ${holder ? `(${holder}) ` : ""}is loading ${describeDatabase(databaseUrl)}; try again when it has finished`,
      );
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    // Ending the session releases the lock.
    await client.end().catch(() => {});
  };
}

/** "pid 1234, started …" from the holding session, as far as this user may see it. */
async function describeHolder(client: pg.Client): Promise<string | null> {
  const key = BigInt(SEED_LOCK_KEY);
  const unsigned = BigInt.asUintN(64, key);
  const { rows } = await client.query<{ application_name: string | null; backend_start: Date | null; pid: number }>(
    `SELECT a."application_name", a."backend_start", l."pid" FROM pg_locks l LEFT JOIN pg_stat_activity a ON a."pid" = l."pid"
     WHERE l."locktype" = 'advisory' AND l."granted" AND l."objsubid" = 1 AND l."database" = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l."classid"::text::bigint = $1::bigint AND l."objid"::text::bigint = $2::bigint`,
    [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()],
  );
  const holder = rows[0];
  if (!holder) return null;
  const pid = holder.application_name?.startsWith(APPLICATION_PREFIX) ? /\(pid (\d+)\)/.exec(holder.application_name)?.[1] : undefined;
  const who = pid ? `pid ${pid}` : `PostgreSQL backend pid ${holder.pid}`;
  return holder.backend_start ? `${who}, started ${holder.backend_start.toISOString()}` : who;
}
