// What the seed (prisma/seed-content.ts) needs from a database, and the rules
// that are the same on both: what the directory changes, which companies a
// text discovers, which sources exist, what a deletion touches, what is
// recounted and dropped at the end. They are written once here as SQL
// fragments (lib/db/sql.ts) that SQLite and PostgreSQL both read; each store
// (sqlite-store.ts, postgres-store.ts) runs them through its driver and keeps
// its own bulk path for the articles themselves. Every write happens between
// begin() and commit(), in one transaction: readers keep seeing the previous
// content until the new one is complete.
import { randomInt } from "node:crypto";
import type { CompanyDirectory } from "../../lib/companies/directory";
import { splitListingId } from "../../lib/companies/ids";
import type { Provider } from "../../lib/db/provider";
import { beijingDaySql, empty, inList, join, sql, sqlTime, type Sql } from "../../lib/db/sql";
import type { ParsedFile } from "./parse-article-file";

/**
 * The content version of a database's first load: random, so a database
 * deleted and seeded again does not repeat the versions servers and their
 * caches saw from the old one. Below 2^30: a 32-bit column then has room for
 * a billion loads.
 */
export const firstContentVersion = (): number => randomInt(1, 2 ** 30);

export type ParsedForWrite = Extract<ParsedFile, { kind: "parsed" }>;

/** What the seed compares with a file's size and mtime to skip it without reading it. */
export type StoredFile = { id: number; fileSize: number; fileMtimeMs: number };
/** What a file that changed had stored: its content hash tells an edit from a touch; its slug stays its own. */
export type StoredVersion = { id: number; slug: string; contentHash: string };
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

/**
 * Every stored article's file state as one string, "/name/size mtime id" per
 * article: the database concatenates it from the covering index, and one
 * string and one split cost a third of a row per article. A file name never
 * holds "/". The mtime comparison needs a float printed so that it reads back
 * as the same number: PostgreSQL (12 and later) and the SQLite inside
 * better-sqlite3 do (store.test.ts checks the latter; string_agg needs SQLite 3.44).
 */
export const STORED_FILES_SQL = sql`SELECT COALESCE(string_agg('/' || "fileName" || '/' || "fileSize" || ' ' || "fileMtimeMs" || ' ' || "id", ''), '') AS "packed" FROM "Article"`;

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

/** Values per statement in lists and multi-row inserts: well under SQLite's 32,766 parameters. */
const CHUNK = 500;

function chunks<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

type StoredCompany = { id: string; name: string; fullName: string | null; aliases: unknown; inDirectory: boolean | number };

/** The seed rules both databases share; a store adds its driver, its transactions and its bulk writes. */
export abstract class SharedSeedStore implements SeedStore {
  abstract readonly searchFormat: Provider;
  /** Source ids by name, as this load met them. */
  protected readonly sourceIds = new Map<string, number>();
  /** Company names by id, for companies this load looked up or created. */
  private readonly knownCompanies = new Map<string, string>();
  /** Companies and sources whose article counts this load changed. */
  protected readonly touchedCompanies = new Set<string>();
  protected readonly touchedSources = new Set<number>();
  /** Articles stored before this load, and rows it inserted or deleted since. */
  protected articlesBefore = 0;
  protected rowsChanged = 0;

  /** The rows a statement returns. */
  protected abstract rows<R>(statement: Sql): Promise<R[]>;
  protected abstract run(statement: Sql): Promise<void>;
  abstract begin(): Promise<void>;
  abstract commit(): Promise<void>;
  abstract rollback(): Promise<void>;
  abstract close(): Promise<void>;
  abstract touch(files: TouchedFile[]): Promise<void>;
  abstract insertArticles(batch: ParsedForWrite[], directory: CompanyDirectory): Promise<void>;
  abstract indexUnindexed(): Promise<void>;

  async storedFiles(): Promise<StoredFiles> {
    const [{ packed }] = await this.rows<{ packed: string }>(STORED_FILES_SQL);
    const files = new StoredFiles(packed);
    this.articlesBefore = files.count;
    return files;
  }

  async storedVersions(fileNames: string[]): Promise<Map<string, StoredVersion>> {
    const versions = new Map<string, StoredVersion>();
    for (const batch of chunks(fileNames)) {
      const rows = await this.rows<{ fileName: string } & StoredVersion>(
        sql`SELECT "fileName", "id", "slug", "contentHash" FROM "Article" WHERE "fileName" IN ${inList(batch)}`,
      );
      for (const r of rows) versions.set(r.fileName, { id: Number(r.id), slug: r.slug, contentHash: r.contentHash });
    }
    return versions;
  }

  async slugOwners(slugs: string[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    for (const batch of chunks(slugs)) {
      const rows = await this.rows<{ slug: string; fileName: string }>(
        sql`SELECT "slug", "fileName" FROM "Article" WHERE "slug" IN ${inList(batch)}`,
      );
      for (const r of rows) owners.set(r.slug, r.fileName);
    }
    return owners;
  }

  async parserKey(): Promise<string | null> {
    const [row] = await this.rows<{ parserKey: string }>(sql`SELECT "parserKey" FROM "ContentVersion" WHERE "id" = 1`);
    return row?.parserKey ?? null;
  }

  async writeDirectory(directory: CompanyDirectory): Promise<void> {
    const stored = new Map(
      (await this.rows<StoredCompany>(sql`SELECT "id", "name", "fullName", "aliases", "inDirectory" FROM "Company"`)).map((c) => [c.id, c]),
    );
    const added: Sql[] = [];
    const changed: Sql[] = [];
    const inDirectory = new Set<string>();
    for (const company of directory.companies) {
      inDirectory.add(company.id);
      const aliases = JSON.stringify(company.aliases);
      const fullName = company.fullName ?? null;
      const old = stored.get(company.id);
      // SQLite hands back the aliases as text, PostgreSQL as parsed JSON.
      const oldAliases = old && (typeof old.aliases === "string" ? old.aliases : JSON.stringify(old.aliases));
      if (!old) added.push(sql`(${company.id}, ${company.name}, ${fullName}, ${aliases}, TRUE)`);
      else if (old.name !== company.name || old.fullName !== fullName || oldAliases !== aliases || !old.inDirectory) {
        changed.push(
          sql`UPDATE "Company" SET "name" = ${company.name}, "fullName" = ${fullName}, "aliases" = ${aliases}, "inDirectory" = TRUE WHERE "id" = ${company.id}`,
        );
      }
    }
    for (const rows of chunks(added))
      await this.run(sql`INSERT INTO "Company" ("id", "name", "fullName", "aliases", "inDirectory") VALUES ${join(rows)}`);
    for (const statement of changed) await this.run(statement);
    const retired = [...stored.values()].filter((c) => c.inDirectory && !inDirectory.has(c.id)).map((c) => c.id);
    for (const ids of chunks(retired)) await this.run(sql`UPDATE "Company" SET "inDirectory" = FALSE WHERE "id" IN ${inList(ids)}`);

    const owners = new Map(
      (await this.rows<{ id: string; companyId: string }>(sql`SELECT "id", "companyId" FROM "Listing"`)).map((l) => [l.id, l.companyId]),
    );
    const newListings: { id: string; companyId: string }[] = [];
    for (const [id, company] of directory.byListing) {
      const owner = owners.get(id);
      if (owner === undefined) newListings.push({ id, companyId: company.id });
      else if (owner !== company.id) await this.run(sql`UPDATE "Listing" SET "companyId" = ${company.id} WHERE "id" = ${id}`);
    }
    await this.insertListings(newListings);
  }

  private async insertListings(listings: { id: string; companyId: string }[]): Promise<void> {
    for (const batch of chunks(listings)) {
      const rows = batch.map(({ id, companyId }) => {
        const { market, code } = splitListingId(id);
        return sql`(${id}, ${market}, ${code}, ${companyId})`;
      });
      await this.run(sql`INSERT INTO "Listing" ("id", "market", "code", "companyId") VALUES ${join(rows)} ON CONFLICT ("id") DO NOTHING`);
    }
  }

  async deleteArticles(ids: number[]): Promise<void> {
    for (const batch of chunks(ids)) {
      const linked = await this.rows<{ companyId: string }>(
        sql`SELECT DISTINCT "companyId" FROM "ArticleCompany" WHERE "articleId" IN ${inList(batch)}`,
      );
      for (const { companyId } of linked) this.touchedCompanies.add(companyId);
      // Links, charts and search rows go with the articles (ON DELETE CASCADE, and a trigger for FTS5).
      const deleted = await this.rows<{ sourceId: number }>(sql`DELETE FROM "Article" WHERE "id" IN ${inList(batch)} RETURNING "sourceId"`);
      for (const { sourceId } of deleted) this.touchedSources.add(Number(sourceId));
      this.rowsChanged += deleted.length;
    }
  }

  /** Creates the sources of these articles that do not exist yet, and learns every one's id. */
  protected async ensureSources(names: string[]): Promise<void> {
    const missing = [...new Set(names)].filter((name) => !this.sourceIds.has(name));
    for (const batch of chunks(missing)) {
      await this.run(
        sql`INSERT INTO "Source" ("name") VALUES ${join(batch.map((name) => sql`(${name})`))} ON CONFLICT ("name") DO NOTHING`,
      );
      const rows = await this.rows<{ id: number; name: string }>(sql`SELECT "id", "name" FROM "Source" WHERE "name" IN ${inList(batch)}`);
      for (const { id, name } of rows) this.sourceIds.set(name, Number(id));
    }
  }

  /**
   * A listing the text names that the directory lacks becomes a company of its
   * own, named by the text beside the code (by code when there is none); a
   * later name replaces a bare code.
   */
  protected async ensureDiscovered(batch: ParsedForWrite[], directory: CompanyDirectory): Promise<void> {
    const discovered = batch.flatMap((file) => file.recognition.discovered).filter((d) => !directory.byListing.has(d.listingId));
    if (!discovered.length) return;
    const unknown = [...new Set(discovered.map((d) => d.listingId))].filter((id) => !this.knownCompanies.has(id));
    for (const ids of chunks(unknown)) {
      for (const { id, name } of await this.rows<{ id: string; name: string }>(
        sql`SELECT "id", "name" FROM "Company" WHERE "id" IN ${inList(ids)}`,
      ))
        this.knownCompanies.set(id, name);
    }
    const created = new Map<string, string>();
    const renamed = new Map<string, string>();
    for (const { listingId, name } of discovered) {
      const known = this.knownCompanies.get(listingId);
      const { code } = splitListingId(listingId);
      if (known === undefined) {
        created.set(listingId, name ?? code);
        this.knownCompanies.set(listingId, name ?? code);
      } else if (name && known === code) {
        (created.has(listingId) ? created : renamed).set(listingId, name);
        this.knownCompanies.set(listingId, name);
      }
    }
    for (const batch of chunks([...created])) {
      const rows = batch.map(([id, name]) => sql`(${id}, ${name}, NULL, '[]', FALSE)`);
      await this.run(sql`INSERT INTO "Company" ("id", "name", "fullName", "aliases", "inDirectory") VALUES ${join(rows)}`);
    }
    await this.insertListings([...created.keys()].map((id) => ({ id, companyId: id })));
    for (const [id, name] of renamed) await this.run(sql`UPDATE "Company" SET "name" = ${name} WHERE "id" = ${id}`);
  }

  async tidyUp(parserKey: string, everything: boolean): Promise<void> {
    const companies = everything ? [null] : chunks([...this.touchedCompanies]);
    const sources = everything ? [null] : chunks([...this.touchedSources]);
    for (const ids of companies) {
      const only = ids ? sql` WHERE c2."id" IN ${inList(ids)}` : empty;
      const links = ids ? sql` WHERE "companyId" IN ${inList(ids)}` : empty;
      // Only rows whose count differs are written: an unchanged row would still be rewritten.
      await this.run(sql`UPDATE "Company" SET "articleCount" = n."count"
        FROM (SELECT c2."id", COUNT(ac."articleId") AS "count" FROM "Company" c2
              LEFT JOIN "ArticleCompany" ac ON ac."companyId" = c2."id"${only} GROUP BY c2."id") AS n
        WHERE "Company"."id" = n."id" AND "Company"."articleCount" <> n."count"`);
      // Articles per company and Beijing day, for the coverage chart.
      await this.run(sql`DELETE FROM "CompanyDay"${links}`);
      const day = beijingDaySql(sql`"publishedAt"`, this.searchFormat);
      await this.run(
        sql`INSERT INTO "CompanyDay" ("companyId", "day", "count") SELECT "companyId", ${day}, COUNT(*) FROM "ArticleCompany"${links} GROUP BY 1, 2`,
      );
    }
    for (const ids of sources) {
      const only = ids ? sql` WHERE s2."id" IN ${inList(ids)}` : empty;
      await this.run(sql`UPDATE "Source" SET "articleCount" = n."count"
        FROM (SELECT s2."id", COUNT(a."id") AS "count" FROM "Source" s2
              LEFT JOIN "Article" a ON a."sourceId" = s2."id"${only} GROUP BY s2."id") AS n
        WHERE "Source"."id" = n."id" AND "Source"."articleCount" <> n."count"`);
    }
    await this.run(
      sql`DELETE FROM "Company" WHERE NOT "inDirectory" AND "articleCount" = 0 AND NOT EXISTS (SELECT 1 FROM "Chart" c WHERE c."companyId" = "Company"."id")`,
    );
    await this.run(sql`DELETE FROM "Source" WHERE "articleCount" = 0`);
    await this
      .run(sql`INSERT INTO "ContentVersion" ("id", "version", "updatedAt", "parserKey") VALUES (1, ${firstContentVersion()}, ${sqlTime(new Date())}, ${parserKey})
       ON CONFLICT ("id") DO UPDATE SET "version" = "ContentVersion"."version" + 1, "updatedAt" = excluded."updatedAt", "parserKey" = excluded."parserKey"`);
  }
}
