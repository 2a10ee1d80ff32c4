// A SQLite database file can be deleted and seeded again at the same path
// while a server runs. Its open connection would go on reading the deleted
// file, mixed with the new file's WAL ("database disk image is malformed").
// These helpers let the server notice the replacement and switch once the
// new file is complete.
import { statSync } from "node:fs";
import Database from "better-sqlite3";

/** How often, at most, the file is looked at again: one stat call. */
export const REPLACEMENT_CHECK_MS = 200;

/** Which file is at `file` now ("device:inode"), or null when none is. */
export function fileIdentity(file: string): string | null {
  const info = statSync(file, { throwIfNoEntry: false, bigint: true });
  return info ? `${info.dev}:${info.ino}` : null;
}

/** Whether a seed has completed on the database at `file` (its content version row is committed). */
export function isSeededFile(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.prepare(`SELECT 1 FROM "ContentVersion" WHERE "id" = 1`).get() !== undefined;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Tracks the file a connection was opened on. `replaced()` answers, at most
 * every REPLACEMENT_CHECK_MS, whether another complete database now sits at
 * the path (then call `adopt()` after reopening); while the new file is
 * missing or still being seeded, the old connection keeps serving.
 */
export class SqliteFileWatch {
  private current: string | null;
  private checkedAt = Date.now();

  constructor(private readonly file: string) {
    this.current = fileIdentity(file);
  }

  /** The file the connection uses, as fileIdentity() named it when adopted. */
  get identity(): string | null {
    return this.current;
  }

  replaced(now = Date.now()): boolean {
    if (now - this.checkedAt < REPLACEMENT_CHECK_MS) return false;
    this.checkedAt = now;
    const atPath = fileIdentity(this.file);
    if (atPath === null || atPath === this.current) return false;
    return this.current === null || isSeededFile(this.file);
  }

  /** Records the file now at the path as the one the connection uses. */
  adopt(): void {
    this.current = fileIdentity(this.file);
  }
}
