// The content version the seed bumps on every change (prisma/seed-content.ts).
// The HTTP cache in scripts/server.ts asks for it outside Next's bundle, where
// Prisma is not loaded, so this uses the drivers directly. Every instance
// polls the shared database, which is how several servers stay fresh.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseFile } from "./database-url";
import { providerOf } from "./provider";

/** -1 means "unknown" (no database or no seed yet): nothing is cached for long. */
export type ContentVersionReader = () => number;

/** PostgreSQL is asked in the background this often; readers get the last answer. */
const POSTGRES_POLL_MS = 200;
const VERSION_SQL = 'SELECT "version" FROM "ContentVersion" WHERE "id" = 1';

export function openContentVersionReader(url: string): ContentVersionReader {
  return providerOf(url) === "postgresql" ? postgresReader(url) : sqliteReader(databaseFile(url));
}

function sqliteReader(file: string): ContentVersionReader {
  let db: Database.Database | null = null;
  return () => {
    try {
      db ??= new Database(file, { readonly: true, fileMustExist: true });
      const row = db.prepare(VERSION_SQL).get() as { version: number } | undefined;
      return row?.version ?? 0;
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
  let version = -1;
  let busy = false;
  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      const { rows } = await pool.query<{ version: number }>(VERSION_SQL);
      version = rows[0]?.version ?? 0;
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
