// The seed's reads and writes on SQLite, through better-sqlite3 prepared
// statements: on a large load Prisma's per-query work would cost more than
// the parsing itself, so the bulk path talks to SQLite directly (same tables,
// same value formats as Prisma). One transaction from begin() to commit():
// readers keep seeing the previous content until it is all there. The
// SeedStore methods are async only by contract: the work inside is synchronous.
import Database from "better-sqlite3";
import { splitListingId } from "../../lib/companies/ids";
import type { CompanyDirectory } from "../../lib/companies/directory";
import { sqlTime } from "../../lib/db/sql";
import { indexArticlesStatements, unindexedArticlesSql } from "../../lib/search/sqlite";
import { indexColumns } from "../../lib/search/tokens";
import {
  countCompanyDaysSql,
  PARSER_KEY_SQL,
  STORED_FILES_SQL,
  StoredFiles,
  type ParsedForWrite,
  type SeedStore,
  type StoredVersion,
  type TouchedFile,
} from "./store";

const BUSY_TIMEOUT_MS = 60_000;
/** Names or slugs per lookup statement (SQLite allows 32,766 parameters). */
const LOOKUP_BATCH = 500;

export class SqliteSeedStore implements SeedStore {
  readonly searchFormat = "sqlite";
  private readonly db: Database.Database;
  private readonly sourceIds = new Map<string, number>();
  private readonly knownCompanies = new Map<string, string>();
  /** Companies and sources whose article counts this load changed. */
  private readonly touchedCompanies = new Set<string>();
  private readonly touchedSources = new Set<number>();
  private statements!: ReturnType<SqliteSeedStore["prepare"]>;

  constructor(databaseFile: string) {
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

  private prepare() {
    const db = this.db;
    return {
      sourceByName: db.prepare<[string], { id: number }>(`SELECT "id" FROM "Source" WHERE "name" = ?`),
      insertSource: db.prepare(`INSERT INTO "Source" ("name") VALUES (?)`),
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
      deleteArticle: db.prepare(`DELETE FROM "Article" WHERE "id" = ?`),
      touch: db.prepare(`UPDATE "Article" SET "fileSize" = ?, "fileMtimeMs" = ? WHERE "fileName" = ?`),
      companyName: db.prepare<[string], { name: string }>(`SELECT "name" FROM "Company" WHERE "id" = ?`),
      insertCompany: db.prepare(`INSERT INTO "Company" ("id", "name", "fullName", "aliases", "inDirectory") VALUES (?, ?, ?, ?, ?)`),
      renameCompany: db.prepare(`UPDATE "Company" SET "name" = ? WHERE "id" = ?`),
      insertListing: db.prepare(`INSERT OR IGNORE INTO "Listing" ("id", "market", "code", "companyId") VALUES (?, ?, ?, ?)`),
    };
  }

  async storedFiles(): Promise<StoredFiles> {
    return new StoredFiles((this.db.prepare(STORED_FILES_SQL).get() as { packed: string }).packed);
  }

  async storedVersions(fileNames: string[]): Promise<Map<string, StoredVersion>> {
    const versions = new Map<string, StoredVersion>();
    for (const rows of this.lookUp<{ fileName: string } & StoredVersion>(
      `SELECT "fileName", "id", "slug", "contentHash" FROM "Article" WHERE "fileName" IN`,
      fileNames,
    ))
      versions.set(rows.fileName, { id: rows.id, slug: rows.slug, contentHash: rows.contentHash });
    return versions;
  }

  async slugOwners(slugs: string[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    for (const row of this.lookUp<{ slug: string; fileName: string }>(`SELECT "slug", "fileName" FROM "Article" WHERE "slug" IN`, slugs))
      owners.set(row.slug, row.fileName);
    return owners;
  }

  /** `select` + ` (?, ?, …)` for every value, a batch at a time. */
  private *lookUp<Row>(select: string, values: string[]): Generator<Row> {
    for (let i = 0; i < values.length; i += LOOKUP_BATCH) {
      const batch = values.slice(i, i + LOOKUP_BATCH);
      yield* this.db.prepare(`${select} (${batch.map(() => "?").join(", ")})`).all(...batch) as Row[];
    }
  }

  async parserKey(): Promise<string | null> {
    const row = this.db.prepare(PARSER_KEY_SQL).get() as { parserKey: string } | undefined;
    return row?.parserKey ?? null;
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

  async writeDirectory(directory: CompanyDirectory): Promise<void> {
    const db = this.db;
    const stored = new Map(
      (
        db.prepare(`SELECT "id", "name", "fullName", "aliases", "inDirectory" FROM "Company"`).all() as {
          id: string;
          name: string;
          fullName: string | null;
          aliases: string;
          inDirectory: number;
        }[]
      ).map((c) => [c.id, c]),
    );
    const update = db.prepare(`UPDATE "Company" SET "name" = ?, "fullName" = ?, "aliases" = ?, "inDirectory" = 1 WHERE "id" = ?`);
    const inDirectory = new Set<string>();
    for (const company of directory.companies) {
      inDirectory.add(company.id);
      const aliases = JSON.stringify(company.aliases);
      const fullName = company.fullName ?? null;
      const old = stored.get(company.id);
      if (!old) this.statements.insertCompany.run(company.id, company.name, fullName, aliases, 1);
      else if (old.name !== company.name || old.fullName !== fullName || old.aliases !== aliases || !old.inDirectory) {
        update.run(company.name, fullName, aliases, company.id);
      }
    }
    const retire = db.prepare(`UPDATE "Company" SET "inDirectory" = 0 WHERE "id" = ?`);
    for (const [id, old] of stored) if (old.inDirectory && !inDirectory.has(id)) retire.run(id);

    const storedListings = new Map(
      (db.prepare(`SELECT "id", "companyId" FROM "Listing"`).all() as { id: string; companyId: string }[]).map((l) => [l.id, l.companyId]),
    );
    const move = db.prepare(`UPDATE "Listing" SET "companyId" = ? WHERE "id" = ?`);
    for (const [id, company] of directory.byListing) {
      const owner = storedListings.get(id);
      if (owner === undefined) {
        const { market, code } = splitListingId(id);
        this.statements.insertListing.run(id, market, code, company.id);
      } else if (owner !== company.id) move.run(company.id, id);
    }
  }

  async deleteArticles(ids: number[]): Promise<void> {
    const linked = this.db.prepare<[number], { companyId: string }>(`SELECT "companyId" FROM "ArticleCompany" WHERE "articleId" = ?`);
    const source = this.db.prepare<[number], { sourceId: number }>(`SELECT "sourceId" FROM "Article" WHERE "id" = ?`);
    for (const id of ids) {
      for (const { companyId } of linked.all(id)) this.touchedCompanies.add(companyId);
      const row = source.get(id);
      if (row) this.touchedSources.add(row.sourceId);
      this.statements.deleteArticle.run(id);
    }
  }

  async touch(files: TouchedFile[]): Promise<void> {
    for (const { fileName, size, mtimeMs } of files) this.statements.touch.run(size, mtimeMs, fileName);
  }

  private sourceId(name: string): number {
    let id = this.sourceIds.get(name);
    if (id === undefined) {
      id = this.statements.sourceByName.get(name)?.id ?? Number(this.statements.insertSource.run(name).lastInsertRowid);
      this.sourceIds.set(name, id);
    }
    return id;
  }

  /**
   * A listing the text names that the directory lacks becomes a company of its
   * own, named by the text beside the code (by code when there is none); a
   * later name replaces a bare code.
   */
  private ensureDiscovered(listingId: string, name: string | null): void {
    const known = this.knownCompanies.get(listingId) ?? this.statements.companyName.get(listingId)?.name;
    const { market, code } = splitListingId(listingId);
    if (known === undefined) {
      this.statements.insertCompany.run(listingId, name ?? code, null, "[]", 0);
      this.statements.insertListing.run(listingId, market, code, listingId);
      this.knownCompanies.set(listingId, name ?? code);
    } else {
      if (name && known === code) this.statements.renameCompany.run(name, listingId);
      this.knownCompanies.set(listingId, name && known === code ? name : known);
    }
  }

  async insertArticles(batch: ParsedForWrite[], directory: CompanyDirectory): Promise<void> {
    const s = this.statements;
    for (const { fileName, hash, size, mtimeMs, article, recognition, search } of batch) {
      for (const { listingId, name } of recognition.discovered)
        if (!directory.byListing.has(listingId)) this.ensureDiscovered(listingId, name);
      const publishedAt = sqlTime(article.publishedAt);
      const sourceId = this.sourceId(article.source);
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
      const unindexed = unindexedArticlesSql(5000);
      const rows = this.db.prepare(unindexed.sql).all(...unindexed.values) as { id: number; title: string; plainText: string }[];
      if (!rows.length) return;
      for (const statement of indexArticlesStatements(rows)) this.db.prepare(statement.sql).run(...statement.values);
    }
  }

  async tidyUp(parserKey: string, everything: boolean): Promise<void> {
    const db = this.db;
    if (everything) {
      db.exec(`UPDATE "Company" SET "articleCount" = (SELECT COUNT(*) FROM "ArticleCompany" ac WHERE ac."companyId" = "Company"."id")`);
      db.exec(`UPDATE "Source" SET "articleCount" = (SELECT COUNT(*) FROM "Article" a WHERE a."sourceId" = "Source"."id")`);
      db.exec(`DELETE FROM "CompanyDay"`);
      db.exec(countCompanyDaysSql("sqlite"));
    } else {
      const company = db.prepare(
        `UPDATE "Company" SET "articleCount" = (SELECT COUNT(*) FROM "ArticleCompany" WHERE "companyId" = ?) WHERE "id" = ?`,
      );
      const clearDays = db.prepare(`DELETE FROM "CompanyDay" WHERE "companyId" = ?`);
      const countDays = db.prepare(countCompanyDaysSql("sqlite", `WHERE "companyId" = ?`));
      for (const id of this.touchedCompanies) {
        company.run(id, id);
        clearDays.run(id);
        countDays.run(id);
      }
      const source = db.prepare(
        `UPDATE "Source" SET "articleCount" = (SELECT COUNT(*) FROM "Article" WHERE "sourceId" = ?) WHERE "id" = ?`,
      );
      for (const id of this.touchedSources) source.run(id, id);
    }
    db.exec(
      `DELETE FROM "Company" WHERE "inDirectory" = 0 AND "articleCount" = 0 AND NOT EXISTS (SELECT 1 FROM "Chart" c WHERE c."companyId" = "Company"."id")`,
    );
    db.exec(`DELETE FROM "Source" WHERE "articleCount" = 0`);
    const now = sqlTime(new Date());
    db.prepare(
      `INSERT INTO "ContentVersion" ("id", "version", "updatedAt", "parserKey") VALUES (1, 1, ?, ?)
       ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1, "updatedAt" = excluded."updatedAt", "parserKey" = excluded."parserKey"`,
    ).run(now, parserKey);
  }
}
