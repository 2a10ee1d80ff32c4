// The seed's reads and writes on PostgreSQL, through one `pg` connection: the
// same tables and values Prisma reads (prisma/postgresql/migrations), written
// a parse batch at a time with array parameters (unnest), so 250 articles with
// their links, charts and search rows cost one statement, not thousands.
// One transaction from begin() to commit(): readers keep seeing the previous
// content until COMMIT.
import pg from "pg";
import type { CompanyDirectory } from "../../lib/companies/directory";
import { splitListingId } from "../../lib/companies/ids";
import { searchDocument } from "../../lib/search/postgres";
import {
  countCompanyDaysSql,
  firstContentVersion,
  PARSER_KEY_SQL,
  STORED_FILES_SQL,
  StoredFiles,
  type ParsedForWrite,
  type SeedStore,
  type StoredVersion,
  type TouchedFile,
} from "./store";

/** Rows per statement when indexing articles that predate their search row. */
const INDEX_BATCH = 1000;
/** Tables the seed writes: analyzed before COMMIT after a large load, so the first queries on the new content get good plans. */
const SEED_TABLES = ["Article", "ArticleCompany", "Chart", "ArticleSearch", "Company", "Listing", "Source"];
/** Tables vacuumed after a large load commits: the ones searches and counts read through index-only paths. */
const VACUUMED_TABLES = ["ArticleSearch", "Article", "ArticleCompany"];

/**
 * A DateTime as Prisma stores it in PostgreSQL: TIMESTAMP(3) holding UTC.
 * Sent as ISO text: PostgreSQL ignores the zone when it reads text into a
 * timestamp without time zone, whereas pg would send a Date in local time.
 */
const utc = (instant: Date) => instant.toISOString();

// One statement per parse batch: the articles, then their links, charts and
// search rows joined to the new ids by slug (unique: the seed never writes two
// articles with one slug, and an edited file's old row is deleted first).
// Foreign keys are checked at the end of the statement, when every row exists.
const INSERT_ARTICLES_SQL = `
WITH article AS (
  INSERT INTO "Article" ("slug", "fileName", "contentHash", "fileSize", "fileMtimeMs", "title", "publishedAt", "hasTime", "sourceId",
    "originalUrl", "bodyHtml", "plainText", "excerpt", "wordCount", "readingMinutes")
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::float8[], $6::text[], $7::timestamp(3)[], $8::bool[], $9::int[],
    $10::text[], $11::text[], $12::text[], $13::text[], $14::int[], $15::int[])
  RETURNING "id", "slug"
), link AS (
  INSERT INTO "ArticleCompany" ("articleId", "companyId", "via", "mentions", "rank", "publishedAt")
  SELECT article."id", t."companyId", t."via", t."mentions", t."rank", t."publishedAt"
  FROM unnest($16::text[], $17::text[], $18::"LinkVia"[], $19::int[], $20::int[], $21::timestamp(3)[])
    AS t("slug", "companyId", "via", "mentions", "rank", "publishedAt")
  JOIN article ON article."slug" = t."slug"
), chart AS (
  INSERT INTO "Chart" ("articleId", "position", "companyId", "code", "market", "imageUrl", "quoteUrl")
  SELECT article."id", t."position", t."companyId", t."code", t."market", t."imageUrl", t."quoteUrl"
  FROM unnest($22::text[], $23::int[], $24::text[], $25::text[], $26::text[], $27::text[], $28::text[])
    AS t("slug", "position", "companyId", "code", "market", "imageUrl", "quoteUrl")
  JOIN article ON article."slug" = t."slug"
), search AS (
  INSERT INTO "ArticleSearch" ("articleId", "document", "text")
  SELECT article."id", t."document", t."text"
  FROM unnest($29::text[], $30::tsvector[], $31::text[]) AS t("slug", "document", "text")
  JOIN article ON article."slug" = t."slug"
)
SELECT COUNT(*)::int AS "inserted" FROM article`;

type StoredCompany = { id: string; name: string; fullName: string | null; aliases: unknown; inDirectory: boolean };

export class PostgresSeedStore implements SeedStore {
  readonly searchFormat = "postgresql";
  private readonly sourceIds = new Map<string, number>();
  private readonly knownCompanies = new Map<string, string>();
  /** Companies and sources whose article counts this load changed. */
  private readonly touchedCompanies = new Set<string>();
  private readonly touchedSources = new Set<number>();
  private inTransaction = false;
  private articlesBefore = 0;
  private rowsChanged = 0;
  /** Set by tidyUp when the load was large enough to vacuum after COMMIT. */
  private largeLoad = false;
  /** An error the connection reported between queries (the next query fails too; this names why). */
  private connectionError: Error | null = null;

  private constructor(private readonly client: pg.Client) {
    client.on("error", (error) => {
      this.connectionError = error;
    });
  }

  static async connect(url: string): Promise<PostgresSeedStore> {
    const client = new pg.Client({ connectionString: url, application_name: `finews seed (pid ${process.pid})` });
    await client.connect();
    return new PostgresSeedStore(client);
  }

  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    try {
      return (await this.client.query<R>(text, values)).rows;
    } catch (error) {
      throw this.connectionError ?? error;
    }
  }

  async storedFiles(): Promise<StoredFiles> {
    const files = new StoredFiles((await this.query<{ packed: string }>(STORED_FILES_SQL))[0].packed);
    this.articlesBefore = files.count;
    return files;
  }

  async storedVersions(fileNames: string[]): Promise<Map<string, StoredVersion>> {
    const rows = await this.query<{ fileName: string } & StoredVersion>(
      `SELECT "fileName", "id", "slug", "contentHash" FROM "Article" WHERE "fileName" = ANY($1::text[])`,
      [fileNames],
    );
    return new Map(rows.map((r) => [r.fileName, { id: r.id, slug: r.slug, contentHash: r.contentHash }]));
  }

  async slugOwners(slugs: string[]): Promise<Map<string, string>> {
    const rows = await this.query<{ slug: string; fileName: string }>(
      `SELECT "slug", "fileName" FROM "Article" WHERE "slug" = ANY($1::text[])`,
      [slugs],
    );
    return new Map(rows.map((r) => [r.slug, r.fileName]));
  }

  async parserKey(): Promise<string | null> {
    const rows = await this.query<{ parserKey: string }>(PARSER_KEY_SQL);
    return rows[0]?.parserKey ?? null;
  }

  async begin(): Promise<void> {
    await this.query("BEGIN");
    this.inTransaction = true;
  }

  async commit(): Promise<void> {
    await this.query("COMMIT");
    this.inTransaction = false;
    // After a large load, VACUUM (outside the transaction, readers unaffected)
    // empties the GIN index's pending list and marks pages all-visible, so
    // searches and counts read the index alone instead of every new row.
    // (No ANALYZE here: tidyUp analyzed these tables inside the transaction.)
    if (this.largeLoad) await this.query(`VACUUM ${VACUUMED_TABLES.map((t) => `"${t}"`).join(", ")}`);
  }

  async rollback(): Promise<void> {
    if (!this.inTransaction) return;
    this.inTransaction = false;
    await this.query("ROLLBACK");
  }

  async close(): Promise<void> {
    try {
      await this.rollback();
    } finally {
      await this.client.end();
    }
  }

  async writeDirectory(directory: CompanyDirectory): Promise<void> {
    const stored = new Map(
      (await this.query<StoredCompany>(`SELECT "id", "name", "fullName", "aliases", "inDirectory" FROM "Company"`)).map((c) => [c.id, c]),
    );
    const insert = { id: [] as string[], name: [] as string[], fullName: [] as (string | null)[], aliases: [] as string[] };
    const update = { id: [] as string[], name: [] as string[], fullName: [] as (string | null)[], aliases: [] as string[] };
    const inDirectory = new Set<string>();
    for (const company of directory.companies) {
      inDirectory.add(company.id);
      const aliases = JSON.stringify(company.aliases);
      const fullName = company.fullName ?? null;
      const old = stored.get(company.id);
      const target = !old
        ? insert
        : old.name !== company.name || old.fullName !== fullName || JSON.stringify(old.aliases) !== aliases || !old.inDirectory
          ? update
          : null;
      if (!target) continue;
      target.id.push(company.id);
      target.name.push(company.name);
      target.fullName.push(fullName);
      target.aliases.push(aliases);
    }
    const companyRows = `unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS t("id", "name", "fullName", "aliases")`;
    if (insert.id.length) {
      await this.query(
        `INSERT INTO "Company" ("id", "name", "fullName", "aliases", "inDirectory") SELECT t.*, true FROM ${companyRows}`,
        Object.values(insert),
      );
    }
    if (update.id.length) {
      await this.query(
        `UPDATE "Company" c SET "name" = t."name", "fullName" = t."fullName", "aliases" = t."aliases", "inDirectory" = true
         FROM ${companyRows} WHERE c."id" = t."id"`,
        Object.values(update),
      );
    }
    const retired = [...stored.values()].filter((c) => c.inDirectory && !inDirectory.has(c.id)).map((c) => c.id);
    if (retired.length) await this.query(`UPDATE "Company" SET "inDirectory" = false WHERE "id" = ANY($1::text[])`, [retired]);

    const storedListings = new Map(
      (await this.query<{ id: string; companyId: string }>(`SELECT "id", "companyId" FROM "Listing"`)).map((l) => [l.id, l.companyId]),
    );
    const added = { id: [] as string[], market: [] as string[], code: [] as string[], companyId: [] as string[] };
    const moved = { id: [] as string[], companyId: [] as string[] };
    for (const [id, company] of directory.byListing) {
      const owner = storedListings.get(id);
      if (owner === undefined) {
        const { market, code } = splitListingId(id);
        added.id.push(id);
        added.market.push(market);
        added.code.push(code);
        added.companyId.push(company.id);
      } else if (owner !== company.id) {
        moved.id.push(id);
        moved.companyId.push(company.id);
      }
    }
    await this.insertListings(added);
    if (moved.id.length) {
      await this.query(
        `UPDATE "Listing" l SET "companyId" = t."companyId" FROM unnest($1::text[], $2::text[]) AS t("id", "companyId") WHERE l."id" = t."id"`,
        [moved.id, moved.companyId],
      );
    }
  }

  private async insertListings(rows: { id: string[]; market: string[]; code: string[]; companyId: string[] }): Promise<void> {
    if (!rows.id.length) return;
    await this.query(
      `INSERT INTO "Listing" ("id", "market", "code", "companyId")
       SELECT * FROM unnest($1::text[], $2::"Market"[], $3::text[], $4::text[]) ON CONFLICT ("id") DO NOTHING`,
      [rows.id, rows.market, rows.code, rows.companyId],
    );
  }

  async deleteArticles(ids: number[]): Promise<void> {
    if (!ids.length) return;
    const linked = await this.query<{ companyId: string }>(
      `SELECT DISTINCT "companyId" FROM "ArticleCompany" WHERE "articleId" = ANY($1::int[])`,
      [ids],
    );
    for (const { companyId } of linked) this.touchedCompanies.add(companyId);
    // Links, charts and search rows go by ON DELETE CASCADE.
    const deleted = await this.query<{ sourceId: number }>(`DELETE FROM "Article" WHERE "id" = ANY($1::int[]) RETURNING "sourceId"`, [ids]);
    for (const { sourceId } of deleted) this.touchedSources.add(sourceId);
    this.rowsChanged += deleted.length;
  }

  async touch(files: TouchedFile[]): Promise<void> {
    if (!files.length) return;
    await this.query(
      `UPDATE "Article" a SET "fileSize" = t."size", "fileMtimeMs" = t."mtimeMs"
       FROM unnest($1::text[], $2::int[], $3::float8[]) AS t("fileName", "size", "mtimeMs") WHERE a."fileName" = t."fileName"`,
      [files.map((f) => f.fileName), files.map((f) => f.size), files.map((f) => f.mtimeMs)],
    );
  }

  /** Source ids by name, creating the sources this load meets first. */
  private async ensureSources(names: string[]): Promise<void> {
    const missing = [...new Set(names)].filter((name) => !this.sourceIds.has(name));
    if (!missing.length) return;
    // The INSERT's rows are the new sources; the SELECT (same snapshot, before the insert) finds the others.
    const rows = await this.query<{ id: number; name: string }>(
      `WITH added AS (
         INSERT INTO "Source" ("name") SELECT unnest($1::text[]) ON CONFLICT ("name") DO NOTHING RETURNING "id", "name"
       )
       SELECT "id", "name" FROM added UNION ALL SELECT "id", "name" FROM "Source" WHERE "name" = ANY($1::text[])`,
      [missing],
    );
    for (const { id, name } of rows) this.sourceIds.set(name, id);
  }

  /**
   * A listing the text names that the directory lacks becomes a company of its
   * own, named by the text beside the code (by code when there is none); a
   * later name replaces a bare code. Same rules as the SQLite store, applied a
   * batch at a time.
   */
  private async ensureDiscovered(batch: ParsedForWrite[], directory: CompanyDirectory): Promise<void> {
    const discovered = batch.flatMap((file) => file.recognition.discovered).filter((d) => !directory.byListing.has(d.listingId));
    if (!discovered.length) return;
    const unknown = [...new Set(discovered.map((d) => d.listingId))].filter((id) => !this.knownCompanies.has(id));
    if (unknown.length) {
      const rows = await this.query<{ id: string; name: string }>(`SELECT "id", "name" FROM "Company" WHERE "id" = ANY($1::text[])`, [
        unknown,
      ]);
      for (const { id, name } of rows) this.knownCompanies.set(id, name);
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
    if (created.size) {
      const ids = [...created.keys()];
      await this.query(
        `INSERT INTO "Company" ("id", "name", "fullName", "aliases", "inDirectory")
         SELECT t."id", t."name", NULL, '[]', false FROM unnest($1::text[], $2::text[]) AS t("id", "name")`,
        [ids, [...created.values()]],
      );
      const listings = ids.map(splitListingId);
      await this.insertListings({ id: ids, market: listings.map((l) => l.market), code: listings.map((l) => l.code), companyId: ids });
    }
    if (renamed.size) {
      await this.query(
        `UPDATE "Company" c SET "name" = t."name" FROM unnest($1::text[], $2::text[]) AS t("id", "name") WHERE c."id" = t."id"`,
        [[...renamed.keys()], [...renamed.values()]],
      );
    }
  }

  async insertArticles(batch: ParsedForWrite[], directory: CompanyDirectory): Promise<void> {
    if (!batch.length) return;
    await this.ensureDiscovered(batch, directory);
    await this.ensureSources(batch.map((f) => f.article.source));
    const article = {
      slug: [] as string[],
      fileName: [] as string[],
      hash: [] as string[],
      size: [] as number[],
      mtimeMs: [] as number[],
      title: [] as string[],
      publishedAt: [] as string[],
      hasTime: [] as boolean[],
      sourceId: [] as number[],
      originalUrl: [] as (string | null)[],
      bodyHtml: [] as string[],
      plainText: [] as string[],
      excerpt: [] as string[],
      wordCount: [] as number[],
      readingMinutes: [] as number[],
    };
    const link = {
      slug: [] as string[],
      companyId: [] as string[],
      via: [] as string[],
      mentions: [] as number[],
      rank: [] as number[],
      publishedAt: [] as string[],
    };
    const chart = {
      slug: [] as string[],
      position: [] as number[],
      companyId: [] as (string | null)[],
      code: [] as string[],
      market: [] as string[],
      imageUrl: [] as string[],
      quoteUrl: [] as string[],
    };
    const search = { slug: [] as string[], document: [] as string[], text: [] as string[] };
    for (const { fileName, hash, size, mtimeMs, article: a, recognition, search: row } of batch) {
      const publishedAt = utc(a.publishedAt);
      const sourceId = this.sourceIds.get(a.source)!;
      this.touchedSources.add(sourceId);
      article.slug.push(a.slug);
      article.fileName.push(fileName);
      article.hash.push(hash);
      article.size.push(size);
      article.mtimeMs.push(mtimeMs);
      article.title.push(a.title);
      article.publishedAt.push(publishedAt);
      article.hasTime.push(a.hasTime);
      article.sourceId.push(sourceId);
      article.originalUrl.push(a.originalUrl);
      article.bodyHtml.push(a.bodyHtml);
      article.plainText.push(a.plainText);
      article.excerpt.push(a.excerpt);
      article.wordCount.push(a.wordCount);
      article.readingMinutes.push(a.readingMinutes);
      recognition.links.forEach((l, rank) => {
        this.touchedCompanies.add(l.companyId);
        link.slug.push(a.slug);
        link.companyId.push(l.companyId);
        link.via.push(l.via);
        link.mentions.push(l.mentions);
        link.rank.push(rank);
        link.publishedAt.push(publishedAt);
      });
      a.charts.forEach((c, position) => {
        chart.slug.push(a.slug);
        chart.position.push(position);
        chart.companyId.push(c.listingId ? (directory.byListing.get(c.listingId)?.id ?? c.listingId) : null);
        chart.code.push(c.code);
        chart.market.push(c.market);
        chart.imageUrl.push(c.imageUrl);
        chart.quoteUrl.push(c.quoteUrl);
      });
      // Workers make the row; one made for the other database is redone here.
      const { document, text } = row.format === "postgresql" ? row : searchDocument(a.title, a.plainText);
      search.slug.push(a.slug);
      search.document.push(document);
      search.text.push(text);
    }
    const [{ inserted }] = await this.query<{ inserted: number }>(INSERT_ARTICLES_SQL, [
      ...Object.values(article),
      ...Object.values(link),
      ...Object.values(chart),
      ...Object.values(search),
    ]);
    if (inserted !== batch.length) throw new Error(`inserted ${inserted} of ${batch.length} articles`);
    this.rowsChanged += inserted;
  }

  async indexUnindexed(): Promise<void> {
    for (;;) {
      const rows = await this.query<{ id: number; title: string; plainText: string }>(
        `SELECT a."id", a."title", a."plainText" FROM "Article" a
         WHERE NOT EXISTS (SELECT 1 FROM "ArticleSearch" s WHERE s."articleId" = a."id") ORDER BY a."id" LIMIT $1`,
        [INDEX_BATCH],
      );
      if (!rows.length) return;
      const documents = rows.map((r) => searchDocument(r.title, r.plainText));
      await this.query(
        `INSERT INTO "ArticleSearch" ("articleId", "document", "text") SELECT * FROM unnest($1::int[], $2::tsvector[], $3::text[])`,
        [rows.map((r) => r.id), documents.map((d) => d.document), documents.map((d) => d.text)],
      );
    }
  }

  async tidyUp(parserKey: string, everything: boolean): Promise<void> {
    // Only rows whose count differs are written (an unchanged row would still get a new version).
    const companies = everything ? "" : `WHERE c2."id" = ANY($1::text[])`;
    const sources = everything ? "" : `WHERE s2."id" = ANY($1::int[])`;
    await this.query(
      `UPDATE "Company" c SET "articleCount" = n."count"
       FROM (SELECT c2."id", COUNT(ac."articleId")::int AS "count" FROM "Company" c2
             LEFT JOIN "ArticleCompany" ac ON ac."companyId" = c2."id" ${companies} GROUP BY c2."id") n
       WHERE c."id" = n."id" AND c."articleCount" <> n."count"`,
      everything ? [] : [[...this.touchedCompanies]],
    );
    await this.query(
      `UPDATE "Source" s SET "articleCount" = n."count"
       FROM (SELECT s2."id", COUNT(a."id")::int AS "count" FROM "Source" s2
             LEFT JOIN "Article" a ON a."sourceId" = s2."id" ${sources} GROUP BY s2."id") n
       WHERE s."id" = n."id" AND s."articleCount" <> n."count"`,
      everything ? [] : [[...this.touchedSources]],
    );
    const touched = everything ? "" : `WHERE "companyId" = ANY($1::text[])`;
    await this.query(`DELETE FROM "CompanyDay" ${touched}`, everything ? [] : [[...this.touchedCompanies]]);
    await this.query(countCompanyDaysSql("postgresql", touched), everything ? [] : [[...this.touchedCompanies]]);
    await this.query(
      `DELETE FROM "Company" WHERE NOT "inDirectory" AND "articleCount" = 0 AND NOT EXISTS (SELECT 1 FROM "Chart" c WHERE c."companyId" = "Company"."id")`,
    );
    await this.query(`DELETE FROM "Source" WHERE "articleCount" = 0`);
    await this.query(
      `INSERT INTO "ContentVersion" ("id", "version", "updatedAt", "parserKey") VALUES (1, $3, $1::timestamp(3), $2)
       ON CONFLICT ("id") DO UPDATE SET "version" = "ContentVersion"."version" + 1, "updatedAt" = excluded."updatedAt", "parserKey" = excluded."parserKey"`,
      [utc(new Date()), parserKey, firstContentVersion()],
    );
    // After a large load the planner's statistics describe the old tables.
    // ANALYZE inside the transaction counts its own rows and commits with it.
    if (this.rowsChanged > Math.max(1000, this.articlesBefore / 10)) {
      await this.query(`ANALYZE ${SEED_TABLES.map((t) => `"${t}"`).join(", ")}`);
      this.largeLoad = true;
    }
  }
}
