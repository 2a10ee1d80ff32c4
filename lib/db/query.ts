// Runs a Statement ({ sql, params } with positional `?`) on the app's database.
// SQL is written once with `?`; PostgreSQL wants `$1, $2, …`, so the
// placeholders are numbered (numberPlaceholders in ./sql.ts). Statements never hold a literal `?`: values
// always travel as parameters.
import { getPrisma } from "./client";
import { numberPlaceholders, type Statement } from "./sql";

export function queryRows<T>(statement: Statement): Promise<T[]> {
  return getPrisma().$queryRawUnsafe<T[]>(numberPlaceholders(statement.sql), ...statement.params);
}
