// Runs a SQL fragment (./sql.ts) on the app's database through Prisma, which
// numbers the parameters for PostgreSQL.
import { getPrisma } from "./client";
import type { Sql } from "./sql";

export function queryRows<T>(statement: Sql): Promise<T[]> {
  return getPrisma().$queryRaw<T[]>(statement);
}
