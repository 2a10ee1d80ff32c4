// What the seed (prisma/seed-content.ts) needs from a database: one writer per
// provider (sqlite-store.ts, postgres-store.ts), picked by DATABASE_URL. Every
// write happens between begin() and commit(), in one transaction: readers keep
// seeing the previous content until the new one is complete.
import type { CompanyDirectory } from "../../lib/companies/directory";
import { databaseFile } from "../../lib/db/database-url";
import { beijingDaySql } from "../../lib/db/sql";
import { providerOf, type Provider } from "../../lib/db/provider";
import type { ParsedFile } from "./parse-article-file";

export type ExistingArticle = { id: number; fileName: string; slug: string; contentHash: string; fileSize: number; fileMtimeMs: number };
export type ParsedForWrite = Extract<ParsedFile, { kind: "parsed" }>;
/** What existingArticles reads, as array rows: at 200,000 articles much cheaper than row objects. */
export const EXISTING_ARTICLES_SQL = `SELECT "id", "fileName", "slug", "contentHash", "fileSize", "fileMtimeMs" FROM "Article"`;
export type ExistingArticleRow = [number, string, string, string, number, number];
export const toExistingArticle = ([id, fileName, slug, contentHash, fileSize, fileMtimeMs]: ExistingArticleRow): ExistingArticle => ({
  id,
  fileName,
  slug,
  contentHash,
  fileSize,
  fileMtimeMs,
});

/**
 * Recounts articles per company and Beijing day (the coverage chart's
 * CompanyDay rows) from the links, for every company or those `where` picks;
 * delete the old rows first.
 */
export function countCompanyDaysSql(provider: Provider, where = ""): string {
  const day = beijingDaySql(`"publishedAt"`, provider);
  return `INSERT INTO "CompanyDay" ("companyId", "day", "count") SELECT "companyId", ${day}, COUNT(*) FROM "ArticleCompany" ${where} GROUP BY 1, 2`;
}

/** The parser key of the last completed load (one row, or none before the first). */
export const PARSER_KEY_SQL = `SELECT "parserKey" FROM "ContentVersion" WHERE "id" = 1`;

/** A file whose bytes are unchanged but whose size or mtime moved. */
export type TouchedFile = { fileName: string; size: number; mtimeMs: number };

export interface SeedStore {
  /** Which search row format the parse workers should compute for insertArticles. */
  readonly searchFormat: Provider;
  /** Every stored article's file state (read before begin()). */
  existingArticles(): Promise<ExistingArticle[]>;
  /** The parser key of the last completed load, null before the first. */
  parserKey(): Promise<string | null>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** Undoes everything since begin(); a no-op outside a transaction. */
  rollback(): Promise<void>;
  /** Rolls back anything uncommitted and closes the connection. */
  close(): Promise<void>;
  /** Writes the directory's companies and listings, adding, changing and retiring only what differs. */
  writeDirectory(directory: CompanyDirectory): Promise<void>;
  /** Deletes articles (their links, charts and search rows go with them). */
  deleteArticles(ids: number[]): Promise<void>;
  /** Records the new size and mtime of files whose bytes did not change. */
  touch(files: TouchedFile[]): Promise<void>;
  /** Inserts articles with their links, charts, search rows, sources and discovered companies. */
  insertArticles(batch: ParsedForWrite[], directory: CompanyDirectory): Promise<void>;
  /** Indexes any article the search index lacks (a database that had articles before the index existed). */
  indexUnindexed(): Promise<void>;
  /**
   * Recounts (everything after a full reparse, else only what this load
   * touched), drops what no article needs any more, and tells servers the
   * content changed.
   */
  tidyUp(parserKey: string, everything: boolean): Promise<void>;
}

/** The store for `databaseUrl` (`file:` or `postgresql://`). */
export async function openSeedStore(databaseUrl: string): Promise<SeedStore> {
  if (providerOf(databaseUrl) === "postgresql") {
    const { PostgresSeedStore } = await import("./postgres-store");
    return PostgresSeedStore.connect(databaseUrl);
  }
  const { SqliteSeedStore } = await import("./sqlite-store");
  return new SqliteSeedStore(databaseFile(databaseUrl));
}
