// Measures the search index at scale: npx tsx bench/search-index/sqlite.ts
// Env: ARTICLES (default 100000), VARIANTS (comma list, default all), DB_DIR (default /tmp).
// Builds a synthetic table from the real posts (title + plainText via the
// project's parser, sentences recombined, numbers varied), applies the real
// migrations, and reports index size, build time and query latency.
import Database from "better-sqlite3";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { weighted } from "../corpus";
import { benchCorpus, percentile, type BenchRow } from "./corpus";
import { normalize } from "../../lib/search/normalize";
import { parseQuery } from "../../lib/search/query";
import { indexColumns } from "../../lib/search/tokens";
import { sql, whereAll, type Sql } from "../../lib/db/sql";
import { indexArticlesStatements, OPTIMIZE_INDEX_SQL, searchCondition, searchCount, searchPage } from "../../lib/search/sqlite";

const ARTICLES = Number(process.env.ARTICLES ?? 100_000);
const VARIANTS = (process.env.VARIANTS ?? "bigram,trigram,like").split(",");
const DB_DIR = process.env.DB_DIR ?? "/tmp";
const ROOT = path.resolve(import.meta.dirname, "../..");

// ------------------------------------------------------------------ corpus
const { random, syntheticArticles, querySets } = benchCorpus(42);
type Row = BenchRow;

// ------------------------------------------------------------------ schema
function migrationSql(): string[] {
  const dir = path.join(ROOT, "prisma", "migrations");
  return readdirSync(dir)
    .filter((d) => statSync(path.join(dir, d)).isDirectory())
    .sort()
    .map((d) => readFileSync(path.join(dir, d, "migration.sql"), "utf8"));
}

function openDb(file: string, withSearchIndex: boolean): Database.Database {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  // IN_MEMORY=1: the whole database in RAM (build times without file I/O; see DESIGN.md).
  const db = new Database(process.env.IN_MEMORY ? ":memory:" : file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  // What the seed should set too: FTS5 merges read segments back; 256 MB of page cache keeps that in memory.
  db.pragma("cache_size = -262144");
  const [init, ...rest] = migrationSql();
  db.exec(init);
  if (withSearchIndex) for (const sql of rest) db.exec(sql);
  return db;
}

function insertArticles(db: Database.Database, rows: Row[]): number {
  db.prepare(`INSERT INTO "Source" (id, name) VALUES (1, 'bench')`).run();
  const insert = db.prepare(
    `INSERT INTO "Article" (id, slug, fileName, contentHash, title, publishedAt, hasTime, sourceId, bodyHtml, plainText, excerpt, wordCount, readingMinutes)
     VALUES (?, ?, ?, '', ?, ?, 1, 1, ?, ?, ?, 0, 1)`,
  );
  const t0 = performance.now();
  db.transaction(() => {
    for (const r of rows)
      insert.run(r.id, `s${r.id}`, `f${r.id}`, r.title, r.publishedAt, `<p>${r.plainText}</p>`, r.plainText, r.plainText.slice(0, 120));
  })();
  return performance.now() - t0;
}

/** ~3 companies per article from a pool of 3,000, Zipf-like (s = 1). */
function insertCompanies(db: Database.Database, rows: Row[]): string[] {
  const pool = Array.from({ length: 3000 }, (_, i) => `c${String(i).padStart(4, "0")}`);
  const pickIndex = weighted(pool.map((_, i) => 1 / (i + 1)));
  const zipf = () => pool[pickIndex({ next: random })];
  const insertCompany = db.prepare(`INSERT INTO "Company" (id, name) VALUES (?, ?)`);
  const link = db.prepare(
    `INSERT OR IGNORE INTO "ArticleCompany" (articleId, companyId, via, mentions, rank, publishedAt) VALUES (?, ?, 'body', 1, ?, ?)`,
  );
  db.transaction(() => {
    for (const id of pool) insertCompany.run(id, id);
    for (const r of rows) for (let k = 0; k < 1 + Math.floor(random() * 5); k++) link.run(r.id, zipf(), k, r.publishedAt);
  })();
  db.exec("ANALYZE");
  return pool;
}

// ------------------------------------------------------------------ measuring
const progress = (what: string) => process.stderr.write(`${new Date().toISOString()} ${what}\n`);
const textBytes = (rows: Row[]) => rows.reduce((n, r) => n + Buffer.byteLength(r.title) + Buffer.byteLength(r.plainText), 0);

function tableBytes(db: Database.Database, prefix: string): number {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? || '\\_%' ESCAPE '\\'`).all(prefix) as {
      name: string;
    }[]
  ).map((t) => t.name);
  const pages = db.prepare(`SELECT count(*) AS n FROM dbstat WHERE name IN (${tables.map(() => "?").join(",")})`);
  try {
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    return (pages.get(...tables) as { n: number }).n * pageSize;
  } catch {
    return Number.NaN; // no dbstat in this build: the caller falls back to file size
  }
}

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function report(label: string, samples: number[]) {
  console.log(
    `  ${label.padEnd(44)} p50 ${fmt(percentile(samples, 50)).padStart(6)} ms   p99 ${fmt(percentile(samples, 99)).padStart(6)} ms   max ${fmt(Math.max(...samples)).padStart(6)} ms   (n=${samples.length})`,
  );
}

// ------------------------------------------------------------------ variants
function benchBigram(rows: Row[], seedMs: number) {
  const file = path.join(DB_DIR, "finews-bench-bigram.db");
  const db = openDb(file, true);
  insertArticles(db, rows);
  const companies = insertCompanies(db, rows);
  progress("articles and companies inserted");
  // Token build alone, then token build + insert (what the seed pays per article).
  const tokenMs = time(() => rows.forEach((r) => indexColumns(r.title, r.plainText)));
  // Token build + insert, committed every 5,000 articles as a seed would.
  let insertMs = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const chunkMs = time(() =>
      db.transaction(() => {
        for (const s of indexArticlesStatements(rows.slice(i, i + 5000))) db.prepare(s.sql).run(...s.values);
      })(),
    );
    insertMs += chunkMs;
    progress(`indexed ${i + 5000}: ${fmt(chunkMs / 5)} ms/1000 for this chunk`);
  }
  progress("index built");
  const sizeBefore = tableBytes(db, "ArticleSearch");
  const optimizeMs = time(() => db.exec(OPTIMIZE_INDEX_SQL.sql));
  const sizeAfter = tableBytes(db, "ArticleSearch");
  const text = textBytes(rows);
  console.log(`\n[bigram: unigram+bigram tokens, tokenize=ascii, contentless] ${rows.length} articles, text ${(text / 1e6).toFixed(1)} MB`);
  console.log(
    `  token build ${fmt((tokenMs / rows.length) * 1000)} ms/1000 articles; token build + insert ${fmt((insertMs / rows.length) * 1000)} ms/1000 (Article rows alone: ${fmt((seedMs / rows.length) * 1000)} ms/1000); optimize ${fmt(optimizeMs)} ms`,
  );
  console.log(
    `  index size ${(sizeBefore / 1e6).toFixed(1)} MB = ${(sizeBefore / text).toFixed(2)}× text; after optimize ${(sizeAfter / 1e6).toFixed(1)} MB = ${(sizeAfter / text).toFixed(2)}× text`,
  );

  const sets = querySets(rows);
  // Zipf-picked companies: popular ones are the ones readers filter by.
  const companyFor = () => companies[Math.min(companies.length - 1, Math.floor(Math.exp(random() * Math.log(companies.length))) - 1)];
  for (const [label, queries] of Object.entries(sets)) {
    for (const withCompany of [false, true]) {
      const samples: Record<string, number[]> = { relevance: [], time: [] };
      const totals: number[] = [];
      for (const q of queries) {
        const parsed = parseQuery(q);
        if (!parsed.searchable) continue;
        const filters = withCompany ? [sql`a."id" IN (SELECT "articleId" FROM "ArticleCompany" WHERE "companyId" = ${companyFor()})`] : [];
        for (const sort of ["relevance", "time"] as const) {
          samples[sort].push(
            time(() => {
              const count = searchCount(parsed, filters);
              const total = (db.prepare(count.sql).get(...count.values) as { total: number }).total;
              // In time order the search is one more condition on the timeline's query.
              const page: Sql =
                sort === "relevance"
                  ? searchPage(parsed, filters, { total, offset: 0, pageSize: 20 })
                  : sql`SELECT a."id" FROM "Article" a${whereAll([searchCondition(parsed), ...filters])} ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT 20`;
              db.prepare(page.sql).all(...page.values);
              if (sort === "time") totals.push(total);
            }),
          );
        }
      }
      const suffix = withCompany ? " + company" : "";
      report(`${label}${suffix}, relevance (count + page 1)`, samples.relevance);
      report(`${label}${suffix}, time (count + page 1)`, samples.time);
      console.log(`    matches per query: median ${percentile(totals, 50)}, max ${Math.max(...totals)}`);
    }
  }
  if (VARIANTS.includes("like")) benchLike(db, rows);
  db.close();
}

function benchTrigram(rows: Row[]) {
  const file = path.join(DB_DIR, "finews-bench-trigram.db");
  const db = openDb(file, false);
  insertArticles(db, rows);
  db.exec(`CREATE VIRTUAL TABLE "Tri" USING fts5(title, body, tokenize = 'trigram', content = '', contentless_delete = 1)`);
  const insert = db.prepare(`INSERT INTO "Tri" (rowid, title, body) VALUES (?, ?, ?)`);
  const ms = time(() => db.transaction(() => rows.forEach((r) => insert.run(r.id, normalize(r.title), normalize(r.plainText))))());
  const size = tableBytes(db, "Tri");
  db.exec(`INSERT INTO "Tri" ("Tri") VALUES ('optimize')`);
  const sizeAfter = tableBytes(db, "Tri");
  const text = textBytes(rows);
  console.log(
    `\n[trigram, detail=full, contentless] build ${fmt((ms / rows.length) * 1000)} ms/1000 articles; size ${(size / text).toFixed(2)}× text, after optimize ${(sizeAfter / text).toFixed(2)}× (1–2 character queries need a side index on top)`,
  );
  const sets = querySets(rows);
  for (const label of ["4 chars", "two words"] as const) {
    const samples = sets[label].map((q) =>
      time(() => {
        const m = q
          .split(" ")
          .map((w) => `"${w}"`)
          .join(" AND ");
        db.prepare(`SELECT count(*) FROM "Tri" WHERE "Tri" MATCH ?`).get(m);
        db.prepare(`SELECT rowid FROM "Tri" WHERE "Tri" MATCH ? ORDER BY bm25("Tri", 5, 1) LIMIT 20`).all(m);
      }),
    );
    report(`trigram ${label} (count + page 1)`, samples);
  }
  db.close();
}

function benchLike(db: Database.Database, rows: Row[]) {
  const sets = querySets(rows);
  for (const label of ["2 chars", "4 chars"] as const) {
    const samples = sets[label]
      .slice(0, 10)
      .map((q) => time(() => db.prepare(`SELECT count(*) FROM "Article" WHERE instr("title", ?) OR instr("plainText", ?)`).get(q, q)));
    report(`no index (instr scan) ${label}, count only`, samples);
  }
}

const rows = syntheticArticles(ARTICLES);
console.log(
  `synthetic corpus: ${rows.length} articles, mean ${Math.round(rows.reduce((n, r) => n + r.plainText.length, 0) / rows.length)} chars`,
);
{
  // Baseline: Article rows alone (the seed's insert cost, without parsing).
  const db = openDb(path.join(DB_DIR, "finews-bench-base.db"), true);
  const seedMs = insertArticles(db, rows);
  db.close();
  if (VARIANTS.includes("bigram")) benchBigram(rows, seedMs);
}
if (VARIANTS.includes("trigram")) benchTrigram(rows);
void searchCondition;
