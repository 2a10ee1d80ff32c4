// The seed's reads and writes on SQLite, through better-sqlite3 prepared
// statements: on a large load Prisma's per-query work would cost more than
// the parsing itself, so the bulk path talks to SQLite directly (same tables,
// same value formats as Prisma). One transaction from begin() to commit():
// readers keep seeing the previous content until it is all there. The
// SeedStore methods are async only by contract: the work inside is synchronous.
import Database from "better-sqlite3";
import type { CompanyDirectory } from "../../lib/companies/directory";
import { sqlTime, type Sql } from "../../lib/db/sql";
import { indexArticlesStatements, unindexedArticlesSql } from "../../lib/search/sqlite";
import { indexColumns } from "../../lib/search/tokens";
import { SharedSeedStore, type ParsedForWrite, type TouchedFile } from "./shared-store";

const BUSY_TIMEOUT_MS = 60_000;

export class SqliteSeedStore extends SharedSeedStore {
  readonly searchFormat = "sqlite";
  private readonly db: Database.Database;
  /** Statements by SQL text: the shared rules run the same few many times. */
  private readonly prepared = new Map<string, Database.Statement>();
  private statements!: ReturnType<SqliteSeedStore["prepare"]>;

  constructor(databaseFile: string) {
    super();
    this.db = new Database(databaseFile, { timeout: BUSY_TIMEOUT_MS });
    // WAL lets running servers read while the seed writes; the rest trades
    // durability of the last moments before a power cut (not consistency) for speed.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("cache_size = -131072");
    this.db.pragma("temp_store = MEMORY");
    // A large load grows the WAL to the size of its changes; cap what stays
    // on disk once it is checkpointed.
    this.db.pragma("journal_size_limit = 67108864");
  }

  private statement(fragment: Sql): Database.Statement {
    let statement = this.prepared.get(fragment.sql);
    if (!statement) this.prepared.set(fragment.sql, (statement = this.db.prepare(fragment.sql)));
    return statement;
  }

  protected async rows<R>(fragment: Sql): Promise<R[]> {
    return this.statement(fragment).all(...fragment.values) as R[];
  }

  protected async run(fragment: Sql): Promise<void> {
    this.statement(fragment).run(...fragment.values);
  }

  /** The bulk path: one prepared statement per table, a row at a time, which SQLite does fastest in process. */
  private prepare() {
    const db = this.db;
    return {
      insertArticle: db.prepare(
        `INSERT INTO "Article" ("slug", "fileName", "contentHash", "fileSize", "fileMtimeMs", "title", "publishedAt", "hasTime", "sourceId",
          "originalUrl", "bodyHtml", "plainText", "excerpt", "wordCount", "readingMinutes") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLink: db.prepare(
        `INSERT INTO "ArticleCompany" ("articleId", "companyId", "via", "mentions", "rank", "publishedAt") VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertChart: db.prepare(
        `INSERT INTO "Chart" ("articleId", "position", "companyId", "code", "market", "imageUrl", "quoteUrl") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertSearch: db.prepare(`INSERT INTO "ArticleSearch" (rowid, t1, t2, b1, b2) VALUES (?, ?, ?, ?, ?)`),
      touch: db.prepare(`UPDATE "Article" SET "fileSize" = ?, "fileMtimeMs" = ? WHERE "fileName" = ?`),
    };
  }

  /** Takes SQLite's write lock for the whole load (other readers go on). */
  async begin(): Promise<void> {
    this.db.exec("BEGIN IMMEDIATE");
    this.statements = this.prepare();
  }

  async commit(): Promise<void> {
    this.db.exec("COMMIT");
    // Copy the load into the database file now rather than leave it to the
    // servers' reads. PASSIVE never waits for readers (FULL and TRUNCATE do);
    // once a checkpoint completes, the next write shrinks the WAL to journal_size_limit.
    this.db.pragma("wal_checkpoint(PASSIVE)");
  }

  async rollback(): Promise<void> {
    this.rollbackNow();
  }

  private rollbackNow(): void {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }

  async close(): Promise<void> {
    this.rollbackNow();
    this.db.close();
  }

  async touch(files: TouchedFile[]): Promise<void> {
    for (const { fileName, size, mtimeMs } of files) this.statements.touch.run(size, mtimeMs, fileName);
  }

  async insertArticles(batch: ParsedForWrite[], directory: CompanyDirectory): Promise<void> {
    await this.ensureDiscovered(batch, directory);
    await this.ensureSources(batch.map((file) => file.article.source));
    const s = this.statements;
    for (const { fileName, hash, size, mtimeMs, article, recognition, search } of batch) {
      const publishedAt = sqlTime(article.publishedAt);
      const sourceId = this.sourceIds.get(article.source)!;
      this.touchedSources.add(sourceId);
      for (const link of recognition.links) this.touchedCompanies.add(link.companyId);
      const articleId = Number(
        s.insertArticle.run(
          article.slug,
          fileName,
          hash,
          size,
          mtimeMs,
          article.title,
          publishedAt,
          article.hasTime ? 1 : 0,
          sourceId,
          article.originalUrl,
          article.bodyHtml,
          article.plainText,
          article.excerpt,
          article.wordCount,
          article.readingMinutes,
        ).lastInsertRowid,
      );
      recognition.links.forEach((link, rank) => s.insertLink.run(articleId, link.companyId, link.via, link.mentions, rank, publishedAt));
      article.charts.forEach((chart, position) => {
        const companyId = chart.listingId ? (directory.byListing.get(chart.listingId)?.id ?? chart.listingId) : null;
        s.insertChart.run(articleId, position, companyId, chart.code, chart.market, chart.imageUrl, chart.quoteUrl);
      });
      // Workers make the columns; a row made for the other database is redone here.
      const columns = search.format === "sqlite" ? search.columns : indexColumns(article.title, article.plainText);
      s.insertSearch.run(articleId, columns.titleUnigrams, columns.titleBigrams, columns.bodyUnigrams, columns.bodyBigrams);
    }
  }

  async indexUnindexed(): Promise<void> {
    for (;;) {
      const rows = await this.rows<{ id: number; title: string; plainText: string }>(unindexedArticlesSql(5000));
      if (!rows.length) return;
      for (const statement of indexArticlesStatements(rows)) await this.run(statement);
    }
  }
}
