// The content version the seed bumps on every change (prisma/seed-content.ts).
// The HTTP cache in scripts/server.ts asks for it outside Next's bundle, where
// Prisma is not loaded, so this uses the drivers directly. Every instance
// polls the shared database, which is how several servers stay fresh.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseFile } from "./database-url";
import { providerOf } from "./provider";
import { SqliteFileWatch } from "./sqlite-file";

/**
 * A number that changes whenever the database's content does: -1 means
 * "unknown" (no database or no seed yet), and nothing is cached for long.
 * Not the stored version itself: a database replaced by another (deleted and
 * seeded again at the same path) may hold the same version, and the number
 * must change then too.
 */
export type ContentVersionReader = () => number;

/** PostgreSQL is asked in the background this often; readers get the last answer. */
const POSTGRES_POLL_MS = 200;
const VERSION_SQL = 'SELECT "version" FROM "ContentVersion" WHERE "id" = 1';

export function openContentVersionReader(url: string): ContentVersionReader {
  return providerOf(url) === "postgresql" ? postgresReader(url) : sqliteReader(databaseFile(url));
}

/** Numbers the successive states (database, version) it is shown: equal states in a row, equal numbers. */
function stateCounter(): (state: string) => number {
  let last: string | null = null;
  let count = 0;
  return (state) => {
    if (state !== last) {
      last = state;
      count++;
    }
    return count;
  };
}

function sqliteReader(file: string): ContentVersionReader {
  let db: Database.Database | null = null;
  const watch = new SqliteFileWatch(file);
  const numberFor = stateCounter();
  return () => {
    try {
      // A database seeded anew at the same path is read once its seed is complete.
      if (db && watch.replaced()) {
        db.close();
        db = null;
      }
      if (!db) {
        db = new Database(file, { readonly: true, fileMustExist: true });
        watch.adopt();
      }
      const row = db.prepare(VERSION_SQL).get() as { version: number } | undefined;
      return numberFor(`${watch.identity} ${row?.version ?? 0}`);
    } catch {
      db?.close();
      db = null;
      return -1;
    }
  };
}

/** A network query cannot answer synchronously: poll on a timer, answer with the latest value. */
function postgresReader(url: string): ContentVersionReader {
  const pool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 0 });
  pool.on("error", () => {}); // a dropped connection is retried on the next poll
  const numberFor = stateCounter();
  let version = -1;
  let busy = false;
  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      // Each database starts its versions at a random number (prisma/seed/store.ts), so one
      // dropped and created again under the same URL does not repeat the old one's.
      const { rows } = await pool.query<{ version: number }>(VERSION_SQL);
      version = numberFor(String(rows[0]?.version ?? 0));
    } catch {
      version = -1;
    } finally {
      busy = false;
    }
  };
  void poll();
  setInterval(poll, POSTGRES_POLL_MS).unref();
  return () => version;
}
