// Runs a Statement ({ sql, params } with positional `?`) on the app's database.
// SQL is written once with `?`; PostgreSQL wants `$1, $2, …`, so the
// placeholders are numbered here. Statements never hold a literal `?`: values
// always travel as parameters.
import { getPrisma } from "./client";
import { providerOf, type Provider } from "./provider";
import type { Statement } from "./sql";

/** `?` → `$1, $2, …` (PostgreSQL); unchanged for SQLite. */
export function numberPlaceholders(sql: string, provider: Provider = providerOf()): string {
  if (provider !== "postgresql") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function queryRows<T>(statement: Statement): Promise<T[]> {
  return getPrisma().$queryRawUnsafe<T[]>(numberPlaceholders(statement.sql), ...statement.params);
}
