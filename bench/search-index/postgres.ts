// Measures the PostgreSQL search index (./postgres.ts) on a synthetic corpus:
//   TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5433/postgres npx tsx bench/search-index/postgres.ts
// Env: ARTICLES (default 10000); KEEP=1 keeps the scratch database (its URL
// is printed) for EXPLAIN by hand. Works on a scratch database made by the
// real migrations; reports build time, sizes, latency and
// the plans of a few queries.
import pg from "pg";
import { createScratchDatabase } from "../../prisma/postgres-scratch";
import { applyMigrations } from "../../prisma/schema-engine";
import { sql, whereAll, type Sql } from "../../lib/db/sql";
import { benchCorpus, percentile } from "./corpus";
import { searchDocument, searchSql } from "../../lib/search/postgres";
import { parseQuery } from "../../lib/search/query";
import { insertArticleRows, insertSearchRows } from "../../lib/search/__tests__/corpus";

const ARTICLES = Number(process.env.ARTICLES ?? 10_000);
const SERVER = process.env.TEST_POSTGRES_URL;
if (!SERVER) throw new Error("set TEST_POSTGRES_URL to a PostgreSQL server URL");

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A search in time order: one more condition on the timeline's query. */
const timePage = (query: ReturnType<typeof parseQuery>, filters: Sql[]) =>
  sql`SELECT a."id" FROM "Article" a${whereAll([searchSql.condition(query), ...filters])} ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT 20`;

async function main() {
  const { random, syntheticArticles, querySets } = benchCorpus(42);
  const rows = syntheticArticles(ARTICLES);
  const scratch = await createScratchDatabase(SERVER!, "finews_search_bench");
  const client = new pg.Client({ connectionString: scratch.url });
  try {
    await applyMigrations(scratch.url);
    await client.connect();
    const run = async <T>(s: Sql) => (await client.query(s.text, s.values)).rows as T[];
    await client.query(`INSERT INTO "Source" ("id", "name") VALUES (1, 'bench')`);
    await client.query(`INSERT INTO "Company" ("id", "name") SELECT 'c' || i, 'c' || i FROM generate_series(0, 299) i`);

    let articleMs = 0;
    let documentMs = 0;
    let indexMs = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      let t0 = performance.now();
      await run(insertArticleRows(batch));
      articleMs += performance.now() - t0;
      t0 = performance.now();
      const documents = batch.map((a) => searchDocument(a.title, a.plainText));
      documentMs += performance.now() - t0;
      t0 = performance.now();
      await run(insertSearchRows(batch.map((a, k) => ({ id: a.id, ...documents[k] }))));
      indexMs += performance.now() - t0;
    }
    // ~3 companies per article, the first ones far more often (for a filter that picks few rows);
    // a."id" in the LATERAL keeps it correlated, so random() is drawn per article.
    await client.query(
      `INSERT INTO "ArticleCompany" ("articleId", "companyId", "via", "mentions", "rank", "publishedAt")
       SELECT DISTINCT ON (a."id", c) a."id", 'c' || c, 'body', 1, 0, a."publishedAt"
       FROM "Article" a, LATERAL (SELECT floor(300 ^ random())::int - 1 + 0 * a."id" AS c FROM generate_series(1, 3)) k`,
    );
    const t0 = performance.now();
    await client.query(`VACUUM ANALYZE`);
    const vacuumMs = performance.now() - t0;

    const [sizes] = (
      await client.query(
        `SELECT pg_table_size('"ArticleSearch"') AS "table", pg_relation_size('"ArticleSearch_document_idx"') AS gin,
                (SELECT sum(octet_length("title") + octet_length("plainText")) FROM "Article") AS text,
                (SELECT sum(pg_column_size("document")) FROM "ArticleSearch") AS documents,
                (SELECT sum(octet_length("text")) FROM "ArticleSearch") AS texts`,
      )
    ).rows;
    const text = Number(sizes.text);
    console.log(`${rows.length} articles, text ${mb(text)} (mean ${Math.round(text / rows.length)} bytes)`);
    console.log(
      `  per 1,000 articles: Article insert ${fmt((articleMs / rows.length) * 1000)} ms, searchDocument() ${fmt((documentMs / rows.length) * 1000)} ms, ArticleSearch insert (GIN fastupdate) ${fmt((indexMs / rows.length) * 1000)} ms; VACUUM ANALYZE ${fmt(vacuumMs)} ms`,
    );
    console.log(
      `  ArticleSearch table ${mb(sizes.table)} = ${(sizes.table / text).toFixed(2)}× text (tsvector ${mb(sizes.documents)}, text ${mb(sizes.texts)}); GIN index ${mb(sizes.gin)} = ${(sizes.gin / text).toFixed(2)}× text`,
    );

    const sets = querySets(rows);
    const companyFor = () => `c${Math.floor(300 ** random()) - 1}`;
    for (const [label, queries] of Object.entries(sets)) {
      for (const withCompany of [false, true]) {
        const samples: Record<string, number[]> = { relevance: [], time: [] };
        const totals: number[] = [];
        for (const raw of queries) {
          const query = parseQuery(raw);
          if (!query.searchable) continue;
          const filters = withCompany
            ? [sql`a."id" IN (SELECT "articleId" FROM "ArticleCompany" WHERE "companyId" = ${companyFor()})`]
            : [];
          for (const sort of ["relevance", "time"] as const) {
            const t = performance.now();
            const total = Number((await run<{ total: string }>(searchSql.count(query, filters)))[0].total);
            await run(sort === "relevance" ? searchSql.page(query, filters, { total, pageSize: 20, offset: 0 }) : timePage(query, filters));
            samples[sort].push(performance.now() - t);
            if (sort === "time") totals.push(total);
          }
        }
        const name = `${label}${withCompany ? " + company" : ""}`.padEnd(24);
        console.log(
          `  ${name} relevance p50 ${fmt(percentile(samples.relevance, 50)).padStart(6)} p99 ${fmt(percentile(samples.relevance, 99)).padStart(6)} ms | time p50 ${fmt(percentile(samples.time, 50)).padStart(6)} p99 ${fmt(percentile(samples.time, 99)).padStart(6)} ms | matches median ${percentile(totals, 50)}, max ${Math.max(...totals)}`,
        );
      }
    }

    const explain = async (label: string, s: Sql) => {
      const plan = await run<Record<string, string>>(sql`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${s}`);
      console.log(`\n-- ${label}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
    };
    for (const raw of process.env.KEEP ? [] : ["茅台", "贵州茅台", "美", "宁德时代 电池 -比亚迪"]) {
      const q = parseQuery(raw);
      const total = Number((await run<{ total: string }>(searchSql.count(q)))[0].total);
      await explain(`count ${raw}`, searchSql.count(q));
      await explain(`relevance page ${raw} (total ${total})`, searchSql.page(q, [], { total, pageSize: 20 }));
      await explain(`time page ${raw}`, timePage(q, []));
    }
  } finally {
    await client.end().catch(() => {});
    if (process.env.KEEP) console.log(`\nkept ${scratch.url}`);
    else await scratch.drop();
  }
}

await main();
