import Database from "better-sqlite3";

/**
 * Reads the content version the seed bumps on every change (see
 * prisma/seed-content.ts). A plain read-only SQLite handle: the HTTP cache in
 * scripts/server.ts asks for it outside Next's bundle, where Prisma is not loaded.
 */
export function openContentVersionReader(databaseFile: string): () => number {
  let db: Database.Database | null = null;
  return () => {
    try {
      db ??= new Database(databaseFile, { readonly: true, fileMustExist: true });
      const row = db.prepare('SELECT "version" FROM "ContentVersion" WHERE "id" = 1').get() as { version: number } | undefined;
      return row?.version ?? 0;
    } catch {
      // No database or no seed yet: treat as "unknown" so nothing is cached for long.
      db?.close();
      db = null;
      return -1;
    }
  };
}
