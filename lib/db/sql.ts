// The one way to write SQL: Prisma's tagged template. `sql\`… ${value} …\``
// makes a fragment whose values always travel as parameters; fragments nest
// (`sql\`WHERE ${condition}\``) and `join` lists them. The same fragment runs
// on either database: Prisma's `$queryRaw` picks the placeholders
// (`?` for SQLite, `$1` for PostgreSQL), and the seed's drivers read
// `fragment.sql` (better-sqlite3) or `fragment.text` (pg) with `fragment.values`.
import { empty, join, sqltag as sql, Sql } from "@prisma/client/runtime/client";
import { providerOf, type Provider } from "./provider";

export { empty, join, sql, Sql };

/**
 * A DateTime as Prisma stores it in SQLite ("2021-12-08T03:13:33.000+00:00", text):
 * comparisons must use the same spelling, or equal instants compare unequal.
 * PostgreSQL reads the same text as a timestamp.
 */
export function sqlTime(instant: Date): string {
  return instant.toISOString().replace("Z", "+00:00");
}

/** A DateTime column read by a raw query (text in SQLite). */
export function fromSqlTime(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Conditions joined with AND; null when there are none (then leave the WHERE out). */
export function allOf(conditions: Sql[]): Sql | null {
  return conditions.length
    ? join(
        conditions.map((c) => sql`(${c})`),
        " AND ",
      )
    : null;
}

/** `WHERE …` for these conditions, or nothing. */
export function whereAll(conditions: Sql[]): Sql {
  const all = allOf(conditions);
  return all ? sql` WHERE ${all}` : empty;
}

/** `(?, ?, ?)` for a list of values; `(NULL)` for none, which matches nothing. */
export function inList(values: readonly unknown[]): Sql {
  return values.length ? sql`(${join(values)})` : sql`(NULL)`;
}

/** SQLite returns COUNT(*) as a number, PostgreSQL as a bigint. */
export function toCount(value: number | bigint | null | undefined): number {
  return Number(value ?? 0);
}

/** The Beijing calendar day ("2022-03-15") of a DateTime column. */
export function beijingDaySql(column: Sql, provider: Provider = providerOf()): Sql {
  // SQLite stores DateTime as ISO text; PostgreSQL as timestamp(3) holding UTC.
  return provider === "postgresql"
    ? sql`to_char(${column} + interval '8 hours', 'YYYY-MM-DD')`
    : sql`substr(datetime(substr(${column}, 1, 19), '+8 hours'), 1, 10)`;
}

/**
 * One row `{ ids }`: the `id` column of `from` as one comma-separated string,
 * in `orderBy` order (columns of `from`, unqualified). Tens of thousands of
 * ids travel as one value instead of as many rows, which costs the driver and
 * Prisma far less. On SQLite the ordered subquery feeds group_concat in order
 * and an index can deliver that order; group_concat(… ORDER BY …) always sorts.
 */
export function idListSql(from: Sql, orderBy: Sql, provider: Provider = providerOf()): Sql {
  return provider === "postgresql"
    ? sql`SELECT string_agg(q."id"::text, ',' ORDER BY ${orderBy}) AS ids FROM (${from}) q`
    : sql`SELECT group_concat(q."id", ',') AS ids FROM (${from} ORDER BY ${orderBy}) q`;
}

/** The ids idListSql returned (none for an empty result). */
export function parseIdList(ids: string | null | undefined): number[] {
  return ids ? ids.split(",").map(Number) : [];
}
