import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { databaseFile, databaseUrl } from "./database-url";

export type { PrismaClient };

export function createPrismaClient(url = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseFile(url) }) });
}

const globalForPrisma = globalThis as unknown as { finewsPrisma?: PrismaClient };

/** One client per server process (dev hot reload would otherwise open a new one per edit). */
export function getPrisma(): PrismaClient {
  globalForPrisma.finewsPrisma ??= createPrismaClient();
  return globalForPrisma.finewsPrisma;
}
