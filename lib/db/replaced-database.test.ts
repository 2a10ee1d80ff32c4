// A SQLite database deleted and seeded again at the same path under a running
// server: the server's connections (the Prisma client pages use, the content
// version the response cache polls) must move to the new file once its seed is
// complete, and the version they report must change even when the new
// database's stored version equals the old one's.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../prisma/schema-engine";
import { seedContent } from "../../prisma/seed-content";
import { removeOrphanedSqliteFiles } from "../../prisma/seed/database";
import { getPrisma } from "./client";
import { openContentVersionReader } from "./content-version";
import { REPLACEMENT_CHECK_MS } from "./sqlite-file";

const seedsDir = fileURLToPath(new URL("../../content", import.meta.url));
const tmpDir = mkdtempSync(path.join(os.tmpdir(), "finews-replaced-db-"));
const file = path.join(tmpDir, "finews.db");
const url = `file:${file}`;
const pastTheCheckInterval = () => new Promise((resolve) => setTimeout(resolve, REPLACEMENT_CHECK_MS + 50));

/** A content folder with the seed posts whose names start with `prefixes`, plus `extra` files. */
function contentFolder(name: string, prefixes: string[], extra: Record<string, string> = {}): string {
  const dir = path.join(tmpDir, name);
  mkdirSync(dir);
  for (const seed of readdirSync(seedsDir).filter((f) => prefixes.some((p) => f.startsWith(`${p}_`))))
    copyFileSync(path.join(seedsDir, seed), path.join(dir, seed));
  for (const [fileName, text] of Object.entries(extra)) writeFileSync(path.join(dir, fileName), text);
  return dir;
}

const newestTitle = async () => (await getPrisma().article.findFirst({ orderBy: { publishedAt: "desc" }, select: { title: true } }))?.title;

describe("a SQLite database replaced under a running server", () => {
  beforeAll(async () => {
    process.env.DATABASE_URL = url;
    await applyMigrations(url);
    await seedContent(url, contentFolder("old", ["000", "001", "002", "003", "004"]));
  }, 60_000);

  afterAll(async () => {
    await getPrisma().$disconnect();
    rmSync(tmpDir, { recursive: true, force: true });
  });

  it("is read once its seed is complete: the old one until then, never a malformed mix", async () => {
    const readVersion = openContentVersionReader(url);
    const oldVersion = readVersion();
    expect(oldVersion).toBeGreaterThan(0);
    expect(await getPrisma().article.count()).toBe(5);

    // Deleted as a user would: the main file only, its WAL and shared memory left behind.
    rmSync(file);
    await pastTheCheckInterval();
    expect(readVersion()).toBe(oldVersion);
    expect(await getPrisma().article.count()).toBe(5);

    // db:setup: the new file exists, migrated, before its content is loaded.
    expect(
      removeOrphanedSqliteFiles(file)
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual(["finews.db-shm", "finews.db-wal"]);
    await applyMigrations(url);
    await pastTheCheckInterval();
    expect(readVersion()).toBe(oldVersion);
    expect(await getPrisma().article.count()).toBe(5);

    const post = '---\ntitle: "新数据库里的文章"\ndate: 2023-01-01 09:00:00 +0800\ntags: 测试网新闻\n---\n<p>正文。</p>\n';
    await seedContent(url, contentFolder("new", ["000"], { "new.md": post }));
    await pastTheCheckInterval();
    expect(readVersion()).not.toBe(oldVersion);
    expect(readVersion()).toBeGreaterThan(0);
    expect(await getPrisma().article.count()).toBe(2);
    expect(await newestTitle()).toBe("新数据库里的文章");
  });
});
