import Database from "better-sqlite3";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STORED_FILES_SQL, StoredFiles } from "./store";

function migratedDatabase(): Database.Database {
  const db = new Database(":memory:");
  const dir = path.resolve(import.meta.dirname, "../migrations");
  for (const name of readdirSync(dir).sort()) {
    if (statSync(path.join(dir, name)).isDirectory()) db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  }
  return db;
}

describe("StoredFiles", () => {
  it("reads back every file's exact size, mtime and id, whatever its name holds", () => {
    const db = migratedDatabase();
    db.prepare(`INSERT INTO "Source" (id, name) VALUES (1, 'test')`).run();
    const files = [
      { id: 7, fileName: "2024-05-30 a b.md", fileSize: 0, fileMtimeMs: 1716000000000 },
      { id: 8, fileName: "新闻\n第二行 %_*.md", fileSize: 123456, fileMtimeMs: 1732348800123.4567 },
      { id: 9, fileName: "-x.md", fileSize: 1, fileMtimeMs: 0.30000000000000004 },
    ];
    for (const f of files) {
      db.prepare(
        `INSERT INTO "Article" (id, slug, fileName, contentHash, fileSize, fileMtimeMs, title, publishedAt, hasTime, sourceId, bodyHtml, plainText, excerpt, wordCount, readingMinutes)
         VALUES (?, ?, ?, 'h', ?, ?, 't', '2024-01-01T00:00:00.000+00:00', 0, 1, '', '', '', 0, 1)`,
      ).run(f.id, `s${f.id}`, f.fileName, f.fileSize, f.fileMtimeMs);
    }
    const stored = new StoredFiles((db.prepare(STORED_FILES_SQL.sql).get() as { packed: string }).packed);
    expect(stored.count).toBe(3);
    for (const f of files) expect(stored.get(f.fileName)).toEqual({ id: f.id, fileSize: f.fileSize, fileMtimeMs: f.fileMtimeMs });
    expect(stored.get("missing.md")).toBeUndefined();
    expect([...stored.fileNames()].sort()).toEqual(files.map((f) => f.fileName).sort());
  });

  it("is empty for an empty database", () => {
    const stored = new StoredFiles((migratedDatabase().prepare(STORED_FILES_SQL.sql).get() as { packed: string }).packed);
    expect(stored.count).toBe(0);
    expect([...stored.fileNames()]).toEqual([]);
  });
});
