// How db:setup names a database in messages: a SQLite file by its path, a
// PostgreSQL server by its URL without the password. Messages never print one.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { databaseFile } from "../../lib/db/database-url";
import { providerOf } from "../../lib/db/provider";

const SECRET_PARAMS = /pass|secret|key|token/i;

/** `postgresql://user@host:5432/db` (no password), or the SQLite file relative to the working directory. */
export function describeDatabase(databaseUrl: string): string {
  if (providerOf(databaseUrl) === "sqlite") return path.relative(process.cwd(), databaseFile(databaseUrl)) || databaseFile(databaseUrl);
  try {
    const url = new URL(databaseUrl);
    url.password = "";
    for (const name of [...url.searchParams.keys()]) if (SECRET_PARAMS.test(name)) url.searchParams.set(name, "…");
    return url.toString();
  } catch {
    return databaseUrl.replace(/\/\/[^@/]*@/, "//…@");
  }
}

/** `message` with the URL and its password hidden (driver errors may quote the connection string). */
export function withoutPassword(message: string, databaseUrl: string): string {
  let text = databaseUrl ? message.split(databaseUrl).join(describeDatabase(databaseUrl)) : message;
  try {
    const { password } = new URL(databaseUrl);
    for (const secret of new Set([password, decodeURIComponent(password)])) if (secret) text = text.split(secret).join("…");
  } catch {
    // Not a URL: nothing to hide.
  }
  return text;
}

/**
 * Removes the WAL and shared-memory files a deleted SQLite database left
 * behind, before a new one is made at the same path: SQLite would take them
 * for the new file's own, and a server still reading the deleted database
 * through them would see "database disk image is malformed". Returns the
 * names removed. Call it holding the seed lock.
 */
export function removeOrphanedSqliteFiles(file: string): string[] {
  if (existsSync(file)) return [];
  const orphans = ["-wal", "-shm", "-journal"].map((suffix) => file + suffix).filter((f) => existsSync(f));
  for (const orphan of orphans) rmSync(orphan, { force: true });
  return orphans;
}
