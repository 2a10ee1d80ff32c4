import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { databaseFile, databaseUrl } from "./database-url";

export type { PrismaClient };

/** How long a reader or writer waits for SQLite's lock before "database is locked". */
const BUSY_TIMEOUT_MS = 15_000;

export function createPrismaClient(url = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseFile(url), timeout: BUSY_TIMEOUT_MS }) });
}

const globalForPrisma = globalThis as unknown as { finewsPrisma?: PrismaClient };

/** One client per server process (dev hot reload would otherwise open a new one per edit). */
export function getPrisma(): PrismaClient {
  globalForPrisma.finewsPrisma ??= createPrismaClient();
  return globalForPrisma.finewsPrisma;
}
