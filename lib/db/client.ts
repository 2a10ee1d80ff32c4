import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client";
import { databaseFile, databaseUrl } from "./database-url";
import { providerOf } from "./provider";
import { SqliteFileWatch } from "./sqlite-file";

export type { PrismaClient };

/** How long a reader or writer waits for SQLite's lock before "database is locked". */
const BUSY_TIMEOUT_MS = 15_000;
/** Connections per server process to PostgreSQL (several instances share one server). */
const POSTGRES_POOL_SIZE = 8;
/**
 * Every query here is shaped to run on an index. PostgreSQL's planner prices a
 * sequential scan of the search table like a GIN bitmap scan for a very common
 * term, but the scan unpacks every tsvector: counting 股 over 20,000 articles
 * took 73 ms that way against 9 ms by the index. So the app's sessions only
 * scan a table when no index can serve the query at all.
 */
const POSTGRES_SESSION_OPTIONS = "-c enable_seqscan=off";

export function createPrismaClient(url = databaseUrl()): PrismaClient {
  if (providerOf(url) === "postgresql") {
    // Prisma generates one client per provider (prisma/providers.ts). Both are
    // generated from the same models, so they have the same API; the app is
    // typed against the SQLite one.
    const client = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE, options: POSTGRES_SESSION_OPTIONS }),
    });
    return client as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseFile(url), timeout: BUSY_TIMEOUT_MS }) });
}

/** How long a replaced client stays open for the queries already running on it. */
const RETIRED_CLIENT_CLOSE_MS = 60_000;

type ProcessClient = { client: PrismaClient; watch: SqliteFileWatch | null };
const globalForPrisma = globalThis as unknown as { finewsPrismaClient?: ProcessClient };

function openProcessClient(): ProcessClient {
  const url = databaseUrl();
  const watch = providerOf(url) === "sqlite" ? new SqliteFileWatch(databaseFile(url)) : null;
  return { client: createPrismaClient(url), watch };
}

/**
 * One client per server process (dev hot reload would otherwise open a new
 * one per edit). On SQLite, a database file replaced at the same path (deleted
 * and seeded again) gets a new client once its seed is complete: the old
 * connection would read the deleted file mixed with the new one's WAL.
 */
export function getPrisma(): PrismaClient {
  const current = (globalForPrisma.finewsPrismaClient ??= openProcessClient());
  if (current.watch?.replaced()) {
    const retired = current.client;
    setTimeout(() => void retired.$disconnect().catch(() => {}), RETIRED_CLIENT_CLOSE_MS).unref();
    current.client = createPrismaClient();
    current.watch.adopt();
  }
  return current.client;
}
