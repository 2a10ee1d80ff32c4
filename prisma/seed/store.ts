// What the seed (prisma/seed-content.ts) needs from a database: one writer per
// provider (sqlite-store.ts, postgres-store.ts), picked by DATABASE_URL. Every
// write happens between begin() and commit(), in one transaction: readers keep
// seeing the previous content until the new one is complete.
import type { CompanyDirectory } from "../../lib/companies/directory";
import { databaseFile } from "../../lib/db/database-url";
import { beijingDaySql, sql } from "../../lib/db/sql";
import { providerOf, type Provider } from "../../lib/db/provider";
import type { ParsedFile } from "./parse-article-file";

export type ParsedForWrite = Extract<ParsedFile, { kind: "parsed" }>;

/** What the seed compares with a file's size and mtime to skip it without reading it. */
export type StoredFile = { id: number; fileSize: number; fileMtimeMs: number };
/** What a file that changed had stored: its content hash tells an edit from a touch; its slug stays its own. */
export type StoredVersion = { id: number; slug: string; contentHash: string };

/**
 * Every stored article's file state as one string, "/name/size mtime id" per
 * article: the database concatenates it from the covering index, and one
 * string and one split cost a third of a row per article. A file name never holds "/". The mtime comparison needs a
 * float printed so that it reads back as the same number: PostgreSQL (12 and
 * later) and the SQLite inside better-sqlite3 do (store.test.ts checks the
 * latter; string_agg needs SQLite 3.44).
 */
export const STORED_FILES_SQL = `SELECT COALESCE(string_agg('/' || "fileName" || '/' || "fileSize" || ' ' || "fileMtimeMs" || ' ' || "id", ''), '') AS "packed" FROM "Article"`;

/** The stored file states by file name, unpacked from STORED_FILES_SQL's string. */
export class StoredFiles {
  private readonly byName = new Map<string, number>();
  /** fileSize, fileMtimeMs and id of the file at index i, at 3i, 3i+1, 3i+2. */
  private readonly numbers: Float64Array;

  constructor(packed: string) {
    // "", name, "size mtime id", name, "size mtime id", …
    const parts = packed ? packed.split("/") : [""];
    this.numbers = new Float64Array(((parts.length - 1) / 2) * 3);
    for (let i = 1, n = 0; i < parts.length; i += 2, n += 3) {
      const fields = parts[i + 1];
      const a = fields.indexOf(" ");
      const b = fields.indexOf(" ", a + 1);
      this.numbers[n] = Number(fields.slice(0, a));
      this.numbers[n + 1] = Number(fields.slice(a + 1, b));
      this.numbers[n + 2] = Number(fields.slice(b + 1));
      this.byName.set(parts[i], n);
    }
  }

  get count(): number {
    return this.byName.size;
  }

  get(fileName: string): StoredFile | undefined {
    const n = this.byName.get(fileName);
    return n === undefined ? undefined : { fileSize: this.numbers[n], fileMtimeMs: this.numbers[n + 1], id: this.numbers[n + 2] };
  }

  fileNames(): IterableIterator<string> {
    return this.byName.keys();
  }
}

/**
 * Recounts articles per company and Beijing day (the coverage chart's
 * CompanyDay rows) from the links, for every company or those `where` picks;
 * delete the old rows first.
 */
export function countCompanyDaysSql(provider: Provider, where = ""): string {
  const day = beijingDaySql(sql`"publishedAt"`, provider).sql;
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
  storedFiles(): Promise<StoredFiles>;
  /** The stored versions of these files, by file name (files without one are left out). */
  storedVersions(fileNames: string[]): Promise<Map<string, StoredVersion>>;
  /** The files that hold these slugs now, by slug (free slugs are left out). */
  slugOwners(slugs: string[]): Promise<Map<string, string>>;
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
