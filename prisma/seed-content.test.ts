// The content loader against a real, temporary database, on SQLite and (when
// TEST_POSTGRES_URL names a server) on PostgreSQL: migrations, first load,
// incremental reloads, edits, removals, rejections, duplicates and the lock.
// Each provider gets its own content folder and database; the steps below run
// in order and build on each other.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beijingDay } from "../lib/dates";
import { createPrismaClient, type PrismaClient } from "../lib/db/client";
import type { Provider } from "../lib/db/provider";
import { createScratchDatabase } from "./postgres-scratch";
import { PROVIDER_FILES } from "./providers";
import { applyMigrations } from "./schema-engine";
import { seedContent, type SeedSummary } from "./seed-content";
import { acquireSeedLock, SeedLockedError } from "./seed/lock";
import type { Progress } from "./seed/progress";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const sourceContentDir = path.join(projectRoot, "content");
const fixturesDir = path.join(projectRoot, "lib", "content", "__fixtures__");
const lockModule = pathToFileURL(path.join(projectRoot, "prisma/seed/lock.ts")).href;
/** A PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5433/postgres): each run gets a scratch database on it. */
const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL;

const SEEDS = {
  "000": { file: "000_95f9d62ec1413bad.txt", slug: "NW202112272227360312", publishedAt: "2021-12-27T09:29:23.000Z", source: "上游新闻" },
  "001": { file: "001_876c026add763b6a.txt", slug: "NW202205202386756268", publishedAt: "2022-05-20T10:19:53.000Z", source: "中国经营网" },
  "002": { file: "002_7a805ac37c551664.txt", slug: "002_7a805ac37c551664", publishedAt: "2022-06-26T16:00:00.000Z", source: "娱乐资本论" },
  "003": { file: "003_43d9a755b7a23dd5.txt", slug: "NW202205062370784575", publishedAt: "2022-05-06T09:13:17.000Z", source: "经济网" },
  "004": { file: "004_1446d634f346703f.txt", slug: "NW202112302231746483", publishedAt: "2021-12-30T10:35:35.000Z", source: "中国新闻网" },
} as const;

function counts(summary: SeedSummary) {
  const { messages: _messages, timings: _timings, ...rest } = summary;
  return rest;
}

const NOTHING = { loaded: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0, skipped: 0, duplicates: 0 };

/** Runs `code` (TypeScript, ESM) in a new Node process, as db:setup would run. */
function runNode(code: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "-e", code], {
    encoding: "utf8",
    cwd: projectRoot,
    timeout: 60_000,
  });
}

/** Runs `npm run db:setup` (node --import tsx prisma/setup.ts) against `url`. */
function runSetup(url: string, contentDir: string) {
  return spawnSync(process.execPath, ["--import", "tsx", path.join(projectRoot, "prisma/setup.ts")], {
    encoding: "utf8",
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url, CONTENT_DIR: contentDir },
    timeout: 120_000,
  });
}

describe("db:setup", () => {
  it("names an unreachable PostgreSQL server without its password", () => {
    const setup = runSetup("postgresql://finews:s3cret-pw@127.0.0.1:1/nowhere", sourceContentDir);
    expect(setup.status).toBe(1);
    expect(setup.stderr).toMatch(
      /^db:setup: cannot connect to PostgreSQL at postgresql:\/\/finews@127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/m,
    );
    expect(setup.stderr + setup.stdout).not.toContain("s3cret");
  });

  it("names a content folder that does not exist, and creates no database", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "finews-missing-"));
    const missing = path.join(dir, "no-such-folder");
    const setup = runSetup(`file:${path.join(dir, "finews.db")}`, missing);
    expect(setup.status).toBe(1);
    expect(setup.stderr.trim()).toBe(`db:setup: CONTENT_DIR ${missing} is not a folder`);
    expect(existsSync(path.join(dir, "finews.db"))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

for (const provider of ["sqlite", "postgresql"] as const satisfies Provider[]) {
  describe.skipIf(provider === "postgresql" && !POSTGRES_SERVER)(`on ${provider}`, () => defineSuite(provider));
}

function defineSuite(provider: Provider) {
  let tmpDir: string;
  let contentDir: string;
  /** The database under test: a `file:` URL (SQLite) or a scratch PostgreSQL database. */
  let url: string;
  let dbFile: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let firstMigrations: string[];
  let prisma: PrismaClient;

  const contentFile = (name: string) => path.join(contentDir, name);
  const readContent = (name: string) => readFileSync(contentFile(name), "utf8");

  async function version(): Promise<number> {
    const row = await prisma.contentVersion.findUnique({ where: { id: 1 } });
    return row?.version ?? 0;
  }

  async function articleBySlug(slug: string) {
    return prisma.article.findUnique({
      where: { slug },
      include: {
        source: true,
        charts: { orderBy: { position: "asc" } },
        companies: { orderBy: { rank: "asc" } },
      },
    });
  }

  /** Ids of the articles that have a search row, ascending. */
  async function indexedIds(): Promise<number[]> {
    const sql =
      provider === "postgresql"
        ? `SELECT "articleId" AS "id" FROM "ArticleSearch" ORDER BY 1`
        : `SELECT rowid AS "id" FROM "ArticleSearch" ORDER BY 1`;
    return (await prisma.$queryRawUnsafe<{ id: number | bigint }[]>(sql)).map((r) => Number(r.id));
  }

  /** Ids of the articles whose search row holds the (two-character) term. */
  async function idsMatching(term: string): Promise<number[]> {
    const sql =
      provider === "postgresql"
        ? `SELECT "articleId" AS "id" FROM "ArticleSearch" WHERE "document" @@ $1::tsquery ORDER BY 1`
        : `SELECT rowid AS "id" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH ? ORDER BY 1`;
    const query = provider === "postgresql" ? `'${term}'` : `"${term}"`;
    return (await prisma.$queryRawUnsafe<{ id: number | bigint }[]>(sql, query)).map((r) => Number(r.id));
  }

  beforeAll(async () => {
    tmpDir = mkdtempSync(path.join(os.tmpdir(), "finews-seed-test-"));
    contentDir = path.join(tmpDir, "content");
    mkdirSync(contentDir);
    for (const { file } of Object.values(SEEDS)) copyFileSync(path.join(sourceContentDir, file), contentFile(file));
    if (provider === "postgresql") {
      const scratch = await createScratchDatabase(POSTGRES_SERVER!, "finews_seed_test");
      url = scratch.url;
      dropDatabase = scratch.drop;
    } else {
      dbFile = path.join(tmpDir, "db", "test.db");
      url = `file:${dbFile}`;
    }
    firstMigrations = await applyMigrations(url);
    prisma = createPrismaClient(url);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await dropDatabase?.();
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  });

  describe("test isolation", () => {
    it("works on a private temporary copy, not the project's content or database", () => {
      expect(path.relative(os.tmpdir(), tmpDir).startsWith("..")).toBe(false);
      expect(path.relative(projectRoot, contentDir).startsWith("..")).toBe(true);
      if (dbFile) expect(path.relative(projectRoot, dbFile).startsWith("..")).toBe(true);
      else expect(new URL(url).pathname).toMatch(/^\/finews_seed_test_[0-9a-f]+$/);
      expect(readdirSync(contentDir).sort()).toEqual(
        Object.values(SEEDS)
          .map((s) => s.file)
          .sort(),
      );
    });
  });

  describe("applyMigrations", () => {
    it("applies the migrations on a new database", () => {
      expect(firstMigrations.length).toBeGreaterThan(0);
      const dirs = readdirSync(PROVIDER_FILES[provider].migrationsDir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      expect([...firstMigrations].sort()).toEqual(dirs);
    });

    it("is idempotent: a second call applies nothing", async () => {
      expect(await applyMigrations(url)).toEqual([]);
    });
  });

  describe("seedContent", () => {
    it("loads the five seeds", async () => {
      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, loaded: 5 });
      expect(summary.messages).toEqual([]);
      expect(await prisma.article.count()).toBe(5);
      // A new database starts its versions at a random number: another database seeded at the same place does not repeat them.
      expect(await version()).toBeGreaterThan(0);
    });

    it("stores slugs, dates, sources and file names exactly", async () => {
      for (const seed of Object.values(SEEDS)) {
        const article = await articleBySlug(seed.slug);
        expect(article, seed.file).not.toBeNull();
        expect(article!.fileName).toBe(seed.file);
        expect(article!.publishedAt.toISOString()).toBe(seed.publishedAt);
        expect(article!.source.name).toBe(seed.source);
      }
      expect((await articleBySlug(SEEDS["002"].slug))!.hasTime).toBe(false);
      expect((await articleBySlug(SEEDS["000"].slug))!.hasTime).toBe(true);
      expect((await prisma.source.findMany({ orderBy: { name: "asc" } })).map((s) => s.name).sort()).toEqual(
        Object.values(SEEDS)
          .map((s) => s.source)
          .sort(),
      );
    });

    it("stores the charts in order", async () => {
      const a000 = await articleBySlug(SEEDS["000"].slug);
      expect(a000!.charts.map((c) => [c.position, c.companyId, c.code, c.market])).toEqual([
        [0, "hk03690", "03690", "116"],
        [1, "hk01024", "01024", "116"],
      ]);
      expect(a000!.charts[0].imageUrl).toMatch(/^https:\/\/webquoteklinepic\.eastmoney\.com\/GetPic\.aspx\?nid=116\.03690&/);
      expect(a000!.charts[0].quoteUrl).toBe("https://quote.eastmoney.com/unify/r/116.03690");
      expect((await articleBySlug(SEEDS["002"].slug))!.charts).toEqual([]);
      expect((await articleBySlug(SEEDS["003"].slug))!.charts.map((c) => c.companyId)).toEqual(["hk00493"]);
    });

    it("links articles to companies", async () => {
      const a002 = await articleBySlug(SEEDS["002"].slug);
      expect(a002!.companies.map((l) => l.companyId)).toEqual(["hk01024"]);
      expect(a002!.companies[0].publishedAt.toISOString()).toBe(SEEDS["002"].publishedAt);

      const a003 = await articleBySlug(SEEDS["003"].slug);
      expect(a003!.companies.map((l) => [l.companyId, l.via, l.rank])).toEqual([
        ["hk00493", "chart", 0],
        ["hk00700", "title", 1],
      ]);

      const a000 = await articleBySlug(SEEDS["000"].slug);
      expect(a000!.companies.map((l) => [l.companyId, l.via])).toEqual([
        ["hk03690", "chart"],
        ["hk01024", "chart"],
      ]);
    });

    it("loads the company directory with all listings and counts articles", async () => {
      const alibaba = await prisma.company.findUnique({ where: { id: "hk09988" }, include: { listings: true } });
      expect(alibaba!.name).toBe("阿里巴巴");
      expect(alibaba!.listings.map((l) => l.id).sort()).toEqual(["hk09988", "usbaba"]);
      expect((await prisma.listing.findUnique({ where: { id: "usbaba" } }))!.code).toBe("BABA");
      expect((await prisma.company.findUnique({ where: { id: "hk01024" } }))!.articleCount).toBe(4);
      expect((await prisma.company.findUnique({ where: { id: "hk00700" } }))!.articleCount).toBe(1);
      expect((await prisma.company.findUnique({ where: { id: "sz000725" } }))!.articleCount).toBe(0);
    });

    it("skips unchanged files on a reload and keeps the content version", async () => {
      const before = await version();
      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, unchanged: 5 });
      expect(summary.messages).toEqual([]);
      expect(await version()).toBe(before);
    });

    it("rolls back a load that fails midway: readers keep the previous content", async () => {
      const before = await version();
      const original = readContent(SEEDS["001"].file);
      writeFileSync(contentFile(SEEDS["001"].file), original.replace(/^title: .*$/m, 'title: "不应保存的标题"'));
      const removed = readFileSync(contentFile(SEEDS["004"].file));
      unlinkSync(contentFile(SEEDS["004"].file));
      copyFileSync(contentFile(SEEDS["002"].file), contentFile("new-file.txt"));
      let ticks = 0;
      const failing: Progress = {
        phase() {},
        tick() {
          ticks++;
          throw new Error("simulated crash after the first batch was written");
        },
        summary: () => "",
      };

      await expect(seedContent(url, contentDir, failing)).rejects.toThrow("simulated crash");
      expect(ticks).toBe(1);
      expect(await prisma.article.count()).toBe(5);
      expect((await articleBySlug(SEEDS["001"].slug))!.title).not.toBe("不应保存的标题");
      expect(await articleBySlug(SEEDS["004"].slug)).not.toBeNull();
      expect(await prisma.article.findFirst({ where: { fileName: "new-file.txt" } })).toBeNull();
      expect(await version()).toBe(before);

      writeFileSync(contentFile(SEEDS["001"].file), original);
      writeFileSync(contentFile(SEEDS["004"].file), removed);
      unlinkSync(contentFile("new-file.txt"));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 5 });
      expect(await version()).toBe(before);
    });

    it("updates an edited file in place (same slug, new title) and bumps the version", async () => {
      const before = await version();
      const original = readContent(SEEDS["001"].file);
      const edited = original.replace(/^title: .*$/m, 'title: "快手如何突围（修订版）"');
      expect(edited).not.toBe(original);
      writeFileSync(contentFile(SEEDS["001"].file), edited);

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, updated: 1, unchanged: 4 });
      const article = await articleBySlug(SEEDS["001"].slug);
      expect(article!.title).toBe("快手如何突围（修订版）");
      expect(article!.fileName).toBe(SEEDS["001"].file);
      expect(article!.charts.map((c) => c.companyId)).toEqual(["hk01024"]);
      expect(article!.companies[0]).toMatchObject({ companyId: "hk01024", via: "chart", rank: 0 });
      expect(await prisma.article.count()).toBe(5);
      expect(await version()).toBe(before + 1);
    });

    it("removes a deleted file with its charts, links and unused source", async () => {
      const before = await version();
      const old = await articleBySlug(SEEDS["004"].slug);
      expect(old).not.toBeNull();
      unlinkSync(contentFile(SEEDS["004"].file));

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, removed: 1, unchanged: 4 });
      expect(await articleBySlug(SEEDS["004"].slug)).toBeNull();
      expect(await prisma.chart.count({ where: { articleId: old!.id } })).toBe(0);
      expect(await prisma.articleCompany.count({ where: { articleId: old!.id } })).toBe(0);
      expect(await prisma.source.findUnique({ where: { name: SEEDS["004"].source } })).toBeNull();
      expect((await prisma.company.findUnique({ where: { id: "hk01024" } }))!.articleCount).toBe(3);
      expect(await prisma.article.count()).toBe(4);
      expect(await version()).toBe(before + 1);
    });

    it("rejects a broken new file, names it, and loads the rest", async () => {
      const before = await version();
      copyFileSync(path.join(fixturesDir, "broken-empty-title.md"), contentFile("-202205262391921712.md"));

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, rejected: 1, unchanged: 4 });
      expect(summary.messages).toHaveLength(1);
      expect(summary.messages[0]).toContain("-202205262391921712.md");
      expect(summary.messages[0]).toContain("no title");
      expect(await prisma.article.count()).toBe(4);
      expect(await prisma.article.findFirst({ where: { fileName: "-202205262391921712.md" } })).toBeNull();
      // Nothing changed in the database.
      expect(await version()).toBe(before);
    });

    it("reports a duplicate slug, naming both files, and keeps the original", async () => {
      const copyName = "zz_copy_of_000.txt";
      copyFileSync(contentFile(SEEDS["000"].file), contentFile(copyName));

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, duplicates: 1, rejected: 1, unchanged: 4 });
      const message = summary.messages.find((m) => m.startsWith("duplicate"));
      expect(message).toBeDefined();
      expect(message).toContain(copyName);
      expect(message).toContain(SEEDS["000"].file);
      expect(message).toContain(SEEDS["000"].slug);
      expect((await articleBySlug(SEEDS["000"].slug))!.fileName).toBe(SEEDS["000"].file);
      expect(await prisma.article.count()).toBe(4);

      unlinkSync(contentFile(copyName));
      unlinkSync(contentFile("-202205262391921712.md"));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
    });

    it("keeps the previous version of a good file that becomes broken", async () => {
      const before = await version();
      const original = readContent(SEEDS["003"].file);
      writeFileSync(contentFile(SEEDS["003"].file), original.replace(/^title: .*$/m, 'title: ""'));

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, rejected: 1, unchanged: 3 });
      expect(summary.messages).toHaveLength(1);
      expect(summary.messages[0]).toContain(SEEDS["003"].file);
      expect(summary.messages[0]).toContain("no title");
      expect(summary.messages[0]).toContain("kept");
      const article = await articleBySlug(SEEDS["003"].slug);
      expect(article!.title).toBe("国美与腾讯宣布达成战略合作 共同打造数实融合的全零售样板");
      expect(article!.companies.map((l) => [l.companyId, l.via])).toEqual([
        ["hk00493", "chart"],
        ["hk00700", "title"],
      ]);
      expect(await prisma.article.count()).toBe(4);
      expect(await version()).toBe(before);

      // Restoring the file brings back exactly what is loaded: nothing to do.
      writeFileSync(contentFile(SEEDS["003"].file), original);
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
      expect(await version()).toBe(before);
    });

    it("rejects a file over 1 MiB without reading it, and keeps the previous version of a file edited over the limit", async () => {
      const before = await version();
      // 3 GiB of holes: too large for Node to read into one buffer, so only a size check before reading rejects it this way.
      const huge = contentFile("zz-huge.md");
      writeFileSync(huge, "");
      truncateSync(huge, 3 * 1024 ** 3);
      const original = readContent(SEEDS["003"].file);
      const grown = original.replace(/^title: .*$/m, 'title: "超长修订版"') + `<p>${"长文".repeat(600_000)}</p>\n`;
      expect(Buffer.byteLength(grown)).toBeGreaterThan(1024 * 1024);
      writeFileSync(contentFile(SEEDS["003"].file), grown);

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, rejected: 2, unchanged: 3 });
      expect(summary.messages).toEqual([
        `rejected ${SEEDS["003"].file}: file is ${Buffer.byteLength(grown).toLocaleString("en-US")} bytes, over the limit of 1,048,576 (1 MiB) (kept the previously loaded version)`,
        "rejected zz-huge.md: file is 3,221,225,472 bytes, over the limit of 1,048,576 (1 MiB)",
      ]);
      expect((await articleBySlug(SEEDS["003"].slug))!.title).toBe("国美与腾讯宣布达成战略合作 共同打造数实融合的全零售样板");
      expect(await prisma.article.count()).toBe(4);
      expect(await version()).toBe(before);

      unlinkSync(huge);
      writeFileSync(contentFile(SEEDS["003"].file), original);
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
      expect(await version()).toBe(before);
    });

    it("reports pipes, broken links and links out of the folder as skipped, never opens them, and keeps a loaded file replaced by one", async () => {
      const before = await version();
      execFileSync("mkfifo", [contentFile("zz-pipe.md")]);
      const outside = path.join(tmpDir, "outside.md");
      writeFileSync(outside, readContent(SEEDS["002"].file).replace(/^# .*$/m, "# 不应发布的外部文件"));
      symlinkSync(outside, contentFile("zz-outside.md"));
      // A loaded file replaced by a link to nothing: its article stays.
      const original = readFileSync(contentFile(SEEDS["002"].file));
      unlinkSync(contentFile(SEEDS["002"].file));
      symlinkSync(path.join(contentDir, "no-such-file.md"), contentFile(SEEDS["002"].file));

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, skipped: 3, unchanged: 3 });
      expect(summary.messages).toEqual([
        `skipped ${SEEDS["002"].file}: a link to nothing (its target does not exist) (kept the previously loaded version)`,
        "skipped zz-outside.md: a link to " + realpathSync(outside) + ", outside CONTENT_DIR: not published",
        "skipped zz-pipe.md: a named pipe (FIFO), not a file: not opened",
      ]);
      expect((await articleBySlug(SEEDS["002"].slug))!.fileName).toBe(SEEDS["002"].file);
      expect(await prisma.article.count()).toBe(4);
      expect(await prisma.article.findFirst({ where: { title: { contains: "不应发布" } } })).toBeNull();
      expect(await version()).toBe(before);

      for (const name of ["zz-pipe.md", "zz-outside.md", SEEDS["002"].file]) unlinkSync(contentFile(name));
      writeFileSync(contentFile(SEEDS["002"].file), original);
      const restored = await seedContent(url, contentDir);
      // The restored file has a new mtime: read again, same bytes, nothing to write.
      expect(counts(restored)).toEqual({ ...NOTHING, unchanged: 4 });
      expect(await version()).toBe(before);
    });

    it("after a parser upgrade, removes the version earlier rules loaded of a file the new rules reject", async () => {
      const fileName = "zz-old-rules.md";
      const post = (title: string) => `---\ntitle: "${title}"\ndate: 2022-03-01 09:00:00 +0800\ntags: 测试网新闻\n---\n<p>正文。</p>\n`;
      writeFileSync(contentFile(fileName), post("旧规则下的文章"));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, loaded: 1, unchanged: 4 });
      // The file as earlier rules took it (a 300-character title), and a database last loaded by an older parser.
      writeFileSync(contentFile(fileName), post("长".repeat(300)));
      await prisma.$executeRawUnsafe(`UPDATE "ContentVersion" SET "parserKey" = '0:' || "parserKey"`);

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, updated: 4, rejected: 1, removed: 1 });
      expect(summary.messages).toEqual([
        `rejected ${fileName}: title is 300 characters, over the limit of 200 (its previous version is removed: it was loaded under earlier parsing rules)`,
      ]);
      expect(await prisma.article.findFirst({ where: { fileName } })).toBeNull();
      expect(await prisma.article.count()).toBe(4);

      unlinkSync(contentFile(fileName));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
    });

    it("keeps the slug of a file that becomes broken reserved against a new file with the same slug", async () => {
      const before = await version();
      const original = readContent(SEEDS["003"].file);
      writeFileSync(contentFile(SEEDS["003"].file), original.replace(/^title: .*$/m, 'title: ""'));
      // Two new copies of the good version: one sorts before the broken file, one after.
      const copies = ["003_0new.txt", "zz_new_003.txt"];
      for (const name of copies) writeFileSync(contentFile(name), original);
      expect([...copies, SEEDS["003"].file].sort()).toEqual([copies[0], SEEDS["003"].file, copies[1]]);

      const load = seedContent(url, contentDir);
      await expect(load).resolves.toBeDefined();
      const summary = await load;
      expect(counts(summary)).toEqual({ ...NOTHING, rejected: 1, duplicates: 2, unchanged: 3 });
      const rejected = summary.messages.filter((m) => m.startsWith("rejected"));
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toContain(SEEDS["003"].file);
      expect(rejected[0]).toContain("kept");
      for (const name of copies) {
        const message = summary.messages.find((m) => m.startsWith("duplicate") && m.includes(name));
        expect(message, name).toBeDefined();
        expect(message).toContain(SEEDS["003"].file);
        expect(message).toContain(SEEDS["003"].slug);
      }
      // The old row is untouched, and nothing was written.
      const article = await articleBySlug(SEEDS["003"].slug);
      expect(article!.fileName).toBe(SEEDS["003"].file);
      expect(article!.title).toBe("国美与腾讯宣布达成战略合作 共同打造数实融合的全零售样板");
      expect(await prisma.article.count()).toBe(4);
      for (const name of copies) expect(await prisma.article.findFirst({ where: { fileName: name } })).toBeNull();
      expect(await version()).toBe(before);

      for (const name of copies) unlinkSync(contentFile(name));
      writeFileSync(contentFile(SEEDS["003"].file), original);
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
      expect(await version()).toBe(before);
    });

    it("an edited file keeps its slug against a new copy that sorts before it", async () => {
      const before = await version();
      const original = readContent(SEEDS["000"].file);
      const edited = original.replace(/^title: .*$/m, 'title: "快手战略合作美团（修订版）"');
      expect(edited).not.toBe(original);
      const copyName = "000_0copy.txt";
      expect([copyName, SEEDS["000"].file].sort()[0]).toBe(copyName);
      writeFileSync(contentFile(SEEDS["000"].file), edited);
      writeFileSync(contentFile(copyName), edited);

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, updated: 1, duplicates: 1, unchanged: 3 });
      expect(summary.messages).toHaveLength(1);
      expect(summary.messages[0]).toMatch(/^duplicate /);
      expect(summary.messages[0]).toContain(copyName);
      expect(summary.messages[0]).toContain(SEEDS["000"].file);
      expect(summary.messages[0]).toContain(SEEDS["000"].slug);
      const article = await articleBySlug(SEEDS["000"].slug);
      expect(article!.fileName).toBe(SEEDS["000"].file);
      expect(article!.title).toBe("快手战略合作美团（修订版）");
      expect(article!.charts.map((c) => c.companyId)).toEqual(["hk03690", "hk01024"]);
      expect(await prisma.article.findFirst({ where: { fileName: copyName } })).toBeNull();
      expect(await prisma.article.count()).toBe(4);
      expect(await version()).toBe(before + 1);

      // Without the copy the edited file is simply unchanged; restoring it is an update.
      unlinkSync(contentFile(copyName));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
      writeFileSync(contentFile(SEEDS["000"].file), original);
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, updated: 1, unchanged: 3 });
      expect((await articleBySlug(SEEDS["000"].slug))!.title).toBe("快手战略合作美团：互联互通共创高品质本地生活“新样态”");
      expect(await version()).toBe(before + 2);
    });

    it("keeps the previous version of a file whose edit takes another article's slug", async () => {
      const before = await version();
      const original = readContent(SEEDS["001"].file);
      const edited = original.replaceAll(SEEDS["001"].slug, SEEDS["000"].slug);
      expect(edited).not.toBe(original);
      writeFileSync(contentFile(SEEDS["001"].file), edited);

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, duplicates: 1, unchanged: 3 });
      expect(summary.messages).toHaveLength(1);
      expect(summary.messages[0]).toContain(SEEDS["001"].file);
      expect(summary.messages[0]).toContain(SEEDS["000"].file);
      expect((await articleBySlug(SEEDS["000"].slug))!.fileName).toBe(SEEDS["000"].file);
      expect((await articleBySlug(SEEDS["001"].slug))!.fileName).toBe(SEEDS["001"].file);
      expect(await prisma.article.count()).toBe(4);
      expect(await version()).toBe(before);

      writeFileSync(contentFile(SEEDS["001"].file), original);
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
    });

    it("creates a company for a chart outside the directory and drops it when unused", async () => {
      const before = await version();
      const fileName = "2022-02-01-chart-only.md";
      const body =
        `<!-- EM_StockImg_Start --><p><a href="http://quote.eastmoney.com/unify/r/0.301999" data-code="301999|0|5">` +
        `<img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=0.301999&imageType=k" /></a></p><!-- EM_StockImg_End -->` +
        `<p><span id="stock_0.301999"><a href="http://quote.eastmoney.com/unify/r/0.301999" class="keytip" data-code="0,301999">测试科技</a></span>发布公告。</p>`;
      writeFileSync(
        contentFile(fileName),
        `---\nlayout: post\ntitle: "测试科技公告"\ndate: 2022-02-01 09:00:00 +0800\ntags: 测试网新闻\n---\n${body}\n`,
      );

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, loaded: 1, unchanged: 4 });
      const company = await prisma.company.findUnique({ where: { id: "sz301999" }, include: { listings: true } });
      expect(company).toMatchObject({ name: "测试科技", inDirectory: false, articleCount: 1 });
      expect(company!.listings.map((l) => [l.id, l.market, l.code])).toEqual([["sz301999", "sz", "301999"]]);
      const article = await articleBySlug(slugOf(fileName));
      expect(article!.source.name).toBe("测试网");
      expect(article!.companies.map((l) => [l.companyId, l.via])).toEqual([["sz301999", "chart"]]);
      expect(await version()).toBe(before + 1);

      unlinkSync(contentFile(fileName));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, removed: 1, unchanged: 4 });
      expect(await prisma.company.findUnique({ where: { id: "sz301999" } })).toBeNull();
      expect(await prisma.listing.findUnique({ where: { id: "sz301999" } })).toBeNull();
      expect(await prisma.source.findUnique({ where: { name: "测试网" } })).toBeNull();
      expect(await version()).toBe(before + 2);
    });

    it("re-reads every article when a companies.yaml in the content folder extends the directory", async () => {
      const before = await version();
      writeFileSync(
        contentFile("companies.yaml"),
        `- name: 临沂测试\n  fullName: 临沂测试股份有限公司\n  aliases: [临沂]\n  listings: [sh688999]\n`,
      );

      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, updated: 4 });
      const a002 = await articleBySlug(SEEDS["002"].slug);
      expect(a002!.companies.map((l) => l.companyId).sort()).toEqual(["hk01024", "sh688999"]);
      expect((await prisma.company.findUnique({ where: { id: "sh688999" } }))!.inDirectory).toBe(true);
      expect(await version()).toBe(before + 1);

      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
    });

    it("skips a file whose size and mtime are unchanged without reading it, and re-reads it once touched", async () => {
      const file = contentFile(SEEDS["002"].file);
      const original = readFileSync(file);
      // A whole-millisecond mtime, so setting it again below gives back exactly the same value.
      utimesSync(file, new Date(), new Date(Math.floor(statSync(file).mtimeMs) - 60_000));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });
      const stat = statSync(file);
      // Same size, same mtime, different bytes: only a read would notice.
      const swapped = Buffer.from(original.toString("utf8").replace("快手", "快乐"));
      expect(swapped.length).toBe(original.length);
      writeFileSync(file, swapped);
      utimesSync(file, stat.atime, stat.mtime);
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, unchanged: 4 });

      utimesSync(file, stat.atime, new Date(stat.mtimeMs + 5000));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, updated: 1, unchanged: 3 });
      writeFileSync(file, original);
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, updated: 1, unchanged: 3 });
    });

    it("parses a large folder in worker threads with the same result", async () => {
      const template = readContent(SEEDS["003"].file);
      const names: string[] = [];
      for (let i = 0; i < 1200; i++) {
        const name = `bulk-${String(i).padStart(4, "0")}.md`;
        names.push(name);
        writeFileSync(contentFile(name), template.replaceAll(SEEDS["003"].slug, `NWBULK${i}`));
      }
      const summary = await seedContent(url, contentDir);
      expect(counts(summary)).toEqual({ ...NOTHING, loaded: 1200, unchanged: 4 });
      const bulk = await articleBySlug("NWBULK1199");
      expect(bulk!.companies.map((l) => [l.companyId, l.via])).toEqual([
        ["hk00493", "chart"],
        ["hk00700", "title"],
      ]);
      for (const name of names) unlinkSync(contentFile(name));
      expect(counts(await seedContent(url, contentDir))).toEqual({ ...NOTHING, removed: 1200, unchanged: 4 });
    });

    it("lets one seed run at a time", async () => {
      const release = await acquireSeedLock(url);
      try {
        // A second taker in another process is refused at once, naming this one.
        const child = runNode(`import(${JSON.stringify(lockModule)}).then((m) => m.acquireSeedLock(${JSON.stringify(url)}))`);
        expect(child.status).not.toBe(0);
        expect(child.stderr).toMatch(new RegExp(`another db:setup \\(pid ${process.pid}, started `));
        // So is db:setup itself, before it touches the database.
        const setup = runSetup(url, contentDir);
        expect(setup.status).toBe(1);
        expect(setup.stderr).toMatch(
          new RegExp(`^db:setup: another db:setup \\(pid ${process.pid}, started .*try again when it has finished`, "m"),
        );
        // And in this process, as a SeedLockedError.
        if (provider === "postgresql") await expect(acquireSeedLock(url)).rejects.toBeInstanceOf(SeedLockedError);
      } finally {
        await release();
      }
      await release();
      await (
        await acquireSeedLock(url)
      )();
    });

    it("frees the lock of a seed that was killed", async () => {
      if (provider === "sqlite") {
        // A lock left by a process that no longer exists is taken over.
        writeFileSync(`${dbFile}.seed-lock`, JSON.stringify({ pid: 2 ** 22 + 12345, startedAt: "then" }));
        await (
          await acquireSeedLock(url)
        )();
        expect(existsSync(`${dbFile}.seed-lock`)).toBe(false);
        return;
      }
      // The server ends the session of a process that dies, and its advisory lock with it.
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          `import(${JSON.stringify(lockModule)}).then((m) => m.acquireSeedLock(${JSON.stringify(url)})).then(() => console.log("locked"))`,
        ],
        { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (data: Buffer) => data.toString().includes("locked") && resolve());
        child.on("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
      });
      await expect(acquireSeedLock(url)).rejects.toBeInstanceOf(SeedLockedError);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      let release: (() => Promise<void>) | undefined;
      for (let attempt = 0; !release; attempt++) {
        try {
          release = await acquireSeedLock(url);
        } catch (error) {
          // The backend notices the closed socket within moments.
          if (!(error instanceof SeedLockedError) || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await release();
    });

    it("runs db:setup end to end with the same content: nothing to do", () => {
      const setup = runSetup(url, contentDir);
      expect(setup.stderr).not.toMatch(/failed|error/i);
      expect(setup.status).toBe(0);
      expect(setup.stdout).toContain("0 loaded, 0 updated, 4 unchanged, 0 removed, 0 rejected, 0 skipped, 0 duplicates");
      if (dbFile) expect(existsSync(`${dbFile}.seed-lock`)).toBe(false);
    });

    it("keeps every article indexed for search, and nothing else", async () => {
      const articles = await prisma.article.findMany({ orderBy: { id: "asc" }, select: { id: true, slug: true } });
      expect(articles).toHaveLength(4);
      expect(await indexedIds()).toEqual(articles.map((a) => a.id));
      // 003's title: 国美与腾讯宣布达成战略合作…
      const a003 = articles.find((a) => a.slug === SEEDS["003"].slug)!;
      expect(await idsMatching("国美")).toContain(a003.id);
      expect(await idsMatching("腾讯")).toContain(a003.id);
      expect(await idsMatching("龘龘")).toEqual([]);
    });

    it("leaves the database consistent", async () => {
      const articles = await prisma.article.findMany({ orderBy: { slug: "asc" }, select: { slug: true, fileName: true } });
      expect(articles.map((a) => a.fileName).sort()).toEqual([SEEDS["000"].file, SEEDS["001"].file, SEEDS["002"].file, SEEDS["003"].file]);
      if (provider === "sqlite") expect(await prisma.$queryRawUnsafe("PRAGMA foreign_key_check")).toEqual([]);
      const counted = await prisma.company.findMany({ where: { articleCount: { gt: 0 } }, select: { id: true, articleCount: true } });
      for (const company of counted) {
        expect(await prisma.articleCompany.count({ where: { companyId: company.id } }), company.id).toBe(company.articleCount);
      }
      // Per-day counts, kept incrementally through every step above, equal a count from scratch.
      const links = await prisma.articleCompany.findMany({ select: { companyId: true, publishedAt: true } });
      const expected = new Map<string, number>();
      for (const link of links) {
        const key = `${link.companyId} ${beijingDay(link.publishedAt)}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const days = await prisma.companyDay.findMany();
      expect(new Map(days.map((d) => [`${d.companyId} ${d.day}`, d.count]))).toEqual(expected);
    });
  });
}

/** The slug a file without infoCode gets (its name without extension). */
function slugOf(fileName: string): string {
  return fileName.replace(/\.[A-Za-z0-9]+$/, "");
}
