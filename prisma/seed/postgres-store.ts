// The seed's reads and writes on PostgreSQL, through one `pg` connection: the
// same tables and values Prisma reads (prisma/postgresql/migrations), written
// a parse batch at a time with array parameters (unnest), so 250 articles with
// their links, charts and search rows cost one statement, not thousands.
// One transaction from begin() to commit(): readers keep seeing the previous
// content until COMMIT.
import pg from "pg";
import type { CompanyDirectory } from "../../lib/companies/directory";
import { sql, type Sql } from "../../lib/db/sql";
import { searchDocument } from "../../lib/search/postgres";
import { SharedSeedStore, type ParsedForWrite, type TouchedFile } from "./shared-store";

/** Rows per statement when indexing articles that predate their search row. */
const INDEX_BATCH = 1000;

/**
 * A DateTime as Prisma stores it in PostgreSQL: TIMESTAMP(3) holding UTC.
 * Sent as ISO text: PostgreSQL ignores the zone when it reads text into a
 * timestamp without time zone, whereas pg would send a Date in local time.
 */
const utc = (instant: Date) => instant.toISOString();

type Columns = Record<string, unknown[]>;

/**
 * One statement per parse batch, with array parameters: the articles, then
 * their links, charts and search rows joined to the new ids by slug (unique:
 * the seed never writes two articles with one slug, and an edited file's old
 * row is deleted first). Foreign keys are checked at the end of the
 * statement, when every row exists.
 */
function insertArticlesSql(article: Columns, link: Columns, chart: Columns, search: Columns): Sql {
  const a = article;
  return sql`
WITH article AS (
  INSERT INTO "Article" ("slug", "fileName", "contentHash", "fileSize", "fileMtimeMs", "title", "publishedAt", "hasTime", "sourceId",
    "originalUrl", "bodyHtml", "plainText", "excerpt", "wordCount", "readingMinutes")
  SELECT * FROM unnest(${a.slug}::text[], ${a.fileName}::text[], ${a.hash}::text[], ${a.size}::int[], ${a.mtimeMs}::float8[], ${a.title}::text[],
    ${a.publishedAt}::timestamp(3)[], ${a.hasTime}::bool[], ${a.sourceId}::int[], ${a.originalUrl}::text[], ${a.bodyHtml}::text[],
    ${a.plainText}::text[], ${a.excerpt}::text[], ${a.wordCount}::int[], ${a.readingMinutes}::int[])
  RETURNING "id", "slug"
), link AS (
  INSERT INTO "ArticleCompany" ("articleId", "companyId", "via", "mentions", "rank", "publishedAt")
  SELECT article."id", t."companyId", t."via", t."mentions", t."rank", t."publishedAt"
  FROM unnest(${link.slug}::text[], ${link.companyId}::text[], ${link.via}::"LinkVia"[], ${link.mentions}::int[], ${link.rank}::int[],
    ${link.publishedAt}::timestamp(3)[]) AS t("slug", "companyId", "via", "mentions", "rank", "publishedAt")
  JOIN article ON article."slug" = t."slug"
), chart AS (
  INSERT INTO "Chart" ("articleId", "position", "companyId", "code", "market", "imageUrl", "quoteUrl")
  SELECT article."id", t."position", t."companyId", t."code", t."market", t."imageUrl", t."quoteUrl"
  FROM unnest(${chart.slug}::text[], ${chart.position}::int[], ${chart.companyId}::text[], ${chart.code}::text[], ${chart.market}::text[],
    ${chart.imageUrl}::text[], ${chart.quoteUrl}::text[]) AS t("slug", "position", "companyId", "code", "market", "imageUrl", "quoteUrl")
  JOIN article ON article."slug" = t."slug"
), search AS (
  INSERT INTO "ArticleSearch" ("articleId", "document", "text")
  SELECT article."id", t."document", t."text"
  FROM unnest(${search.slug}::text[], ${search.document}::tsvector[], ${search.text}::text[]) AS t("slug", "document", "text")
  JOIN article ON article."slug" = t."slug"
)
SELECT COUNT(*)::int AS "inserted" FROM article`;
}

export class PostgresSeedStore extends SharedSeedStore {
  readonly searchFormat = "postgresql";
  private inTransaction = false;
  /** Set by tidyUp when the load was large enough to vacuum after COMMIT. */
  private largeLoad = false;
  /** An error the connection reported between queries (the next query fails too; this names why). */
  private connectionError: Error | null = null;

  private constructor(private readonly client: pg.Client) {
    super();
    client.on("error", (error) => {
      this.connectionError = error;
    });
  }

  static async connect(url: string): Promise<PostgresSeedStore> {
    const client = new pg.Client({ connectionString: url, application_name: `finews seed (pid ${process.pid})` });
    await client.connect();
    return new PostgresSeedStore(client);
  }

  protected async rows<R>(fragment: Sql): Promise<R[]> {
    try {
      return (await this.client.query(fragment.text, fragment.values)).rows as R[];
    } catch (error) {
      throw this.connectionError ?? error;
    }
  }

  protected async run(fragment: Sql): Promise<void> {
    await this.rows(fragment);
  }

  async begin(): Promise<void> {
    await this.run(sql`BEGIN`);
    this.inTransaction = true;
  }

  async commit(): Promise<void> {
    await this.run(sql`COMMIT`);
    this.inTransaction = false;
    // After a large load, VACUUM (outside the transaction, readers unaffected)
    // empties the GIN index's pending list and marks pages all-visible, so
    // searches and counts read the index alone instead of every new row.
    // (No ANALYZE here: tidyUp analyzed these tables inside the transaction.)
    // The tables searches and counts read through index-only paths.
    if (this.largeLoad) await this.run(sql`VACUUM "ArticleSearch", "Article", "ArticleCompany"`);
  }

  async rollback(): Promise<void> {
    if (!this.inTransaction) return;
    this.inTransaction = false;
    await this.run(sql`ROLLBACK`);
  }

  async close(): Promise<void> {
    try {
      await this.rollback();
    } finally {
      await this.client.end();
    }
  }

  async touch(files: TouchedFile[]): Promise<void> {
    if (!files.length) return;
    const [names, sizes, mtimes] = [files.map((f) => f.fileName), files.map((f) => f.size), files.map((f) => f.mtimeMs)];
    await this.run(sql`UPDATE "Article" a SET "fileSize" = t."size", "fileMtimeMs" = t."mtimeMs"
       FROM unnest(${names}::text[], ${sizes}::int[], ${mtimes}::float8[]) AS t("fileName", "size", "mtimeMs") WHERE a."fileName" = t."fileName"`);
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
    const [{ inserted }] = await this.rows<{ inserted: number }>(insertArticlesSql(article, link, chart, search));
    if (inserted !== batch.length) throw new Error(`inserted ${inserted} of ${batch.length} articles`);
    this.rowsChanged += inserted;
  }

  async indexUnindexed(): Promise<void> {
    for (;;) {
      const rows = await this.rows<{ id: number; title: string; plainText: string }>(
        sql`SELECT a."id", a."title", a."plainText" FROM "Article" a
         WHERE NOT EXISTS (SELECT 1 FROM "ArticleSearch" s WHERE s."articleId" = a."id") ORDER BY a."id" LIMIT ${INDEX_BATCH}`,
      );
      if (!rows.length) return;
      const documents = rows.map((r) => searchDocument(r.title, r.plainText));
      const [ids, vectors, texts] = [rows.map((r) => r.id), documents.map((d) => d.document), documents.map((d) => d.text)];
      await this.run(
        sql`INSERT INTO "ArticleSearch" ("articleId", "document", "text") SELECT * FROM unnest(${ids}::int[], ${vectors}::tsvector[], ${texts}::text[])`,
      );
    }
  }

  async tidyUp(parserKey: string, everything: boolean): Promise<void> {
    await super.tidyUp(parserKey, everything);
    // After a large load the planner's statistics describe the old tables, so
    // the first queries on the new content would get bad plans. ANALYZE
    // inside the transaction counts its own rows and commits with it.
    if (this.rowsChanged > Math.max(1000, this.articlesBefore / 10)) {
      await this.run(sql`ANALYZE "Article", "ArticleCompany", "Chart", "ArticleSearch", "Company", "Listing", "Source"`);
      this.largeLoad = true;
    }
  }
}
