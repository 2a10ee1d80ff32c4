// Search on PostgreSQL (migration prisma/postgresql/migrations/*_search_index):
// the tokens of lib/search/tokens.ts in a GIN-indexed tsvector, plus the
// normalized text for exact substring checks. See lib/search/DESIGN.md.
import { empty, join, sql, type Sql } from "../db/sql";
import { normalize } from "./normalize";
import type { ParsedQuery, Term } from "./query";
import { RANK_LIMIT, TITLE_WEIGHT, type PageOptions, type SearchSql } from "./sql";
import { bigramTokens, encodedChars, termTokens } from "./tokens";

/** tsvector keeps at most this many positions per lexeme (more are dropped). */
const MAX_POSITIONS = 256;

export type SearchDocument = {
  /** A tsvector literal: title tokens with positions and weight A, body tokens without positions (weight D). */
  document: string;
  /** Normalized title, a newline (never in normalized text), normalized body. */
  text: string;
};

/**
 * The ArticleSearch row of one article. Written as a tsvector literal, not
 * through to_tsvector(), so PostgreSQL's parser never splits or folds the
 * tokens: they are exactly the ones the SQLite index holds. Matching needs
 * no positions (see below); the title's give ts_rank its weight. Body tokens
 * carry none: positions would make the vector half as large again for nothing.
 */
export function searchDocument(title: string, plainText: string): SearchDocument {
  const normalizedTitle = normalize(title);
  const normalizedBody = normalize(plainText);
  const titlePositions = new Map<string, number[]>();
  const titleChars = encodedChars(normalizedTitle);
  const addTitle = (token: string, position: number) => {
    let list = titlePositions.get(token);
    if (!list) titlePositions.set(token, (list = []));
    if (list.length < MAX_POSITIONS) list.push(position);
  };
  titleChars.forEach((char, i) => addTitle(char, i + 1));
  bigramTokens(titleChars).forEach((bigram, i) => addTitle(bigram, i + 1));
  const bodyChars = encodedChars(normalizedBody);
  const bodyOnly = new Set<string>();
  for (const token of [...bodyChars, ...bigramTokens(bodyChars)]) if (!titlePositions.has(token)) bodyOnly.add(token);
  // Tokens never hold ' or \ (tokens.ts escapes ASCII punctuation), so quoting needs no escapes.
  const parts = Array.from(titlePositions, ([token, list]) => `'${token}':${list.map((p) => `${p}A`).join(",")}`);
  for (const token of bodyOnly) parts.push(`'${token}'`);
  return { document: parts.join(" "), text: `${normalizedTitle}\n${normalizedBody}` };
}

// --------------------------------------------------------------------- search
//
// A term of one or two characters is one lexeme (its unigram or bigram),
// looked up exactly by the GIN index. A longer term is the AND of its bigrams:
// every article holding the substring holds them all, but not every article
// holding them all holds the substring, so such a term is rechecked with
// strpos() on "text". Positions are not used for matching (a tsvector keeps
// at most 256 per lexeme and clamps them at 16,383), only for ranking.

const SEARCH_TABLE = sql`"ArticleSearch"`;

/**
 * A lexeme no document holds: a unigram of U+E000 is always written with two
 * hex digits after it, and bigrams are longer. Stands for a term no stored
 * text can contain (one with U+0000, which PostgreSQL text cannot hold).
 */
const NO_LEXEME = "\uE000";

/** ts_rank weights {D, C, B, A}: title (A) counts TITLE_WEIGHT times body (D). */
const RANK_WEIGHTS = sql`${`{${[1 / TITLE_WEIGHT, 1 / TITLE_WEIGHT, 1 / TITLE_WEIGHT, 1].join(",")}}`}::real[]`;

/** PostgreSQL text cannot hold U+0000, so no article contains a term with it. */
const storable = (term: Term) => !term.text.includes("\u0000");

/** Tokens never contain ' or \ (tokens.ts escapes ASCII punctuation), so quoting needs no escapes. */
const lexeme = (token: string) => `'${token}'`;

/** The lexemes whose AND finds (a superset of) the articles holding the term. */
export function termLexemes(term: Term): string[] {
  if (!storable(term)) return [NO_LEXEME];
  return [...new Set(termTokens(term.text).tokens)];
}

/** Does the GIN lookup alone decide the term (1–2 characters), or must strpos recheck it? */
export const isExact = (term: Term) => !storable(term) || encodedChars(term.text).length <= 2;

function termQuery(term: Term, inOr: boolean): string {
  const lexemes = termLexemes(term).map(lexeme);
  return inOr && lexemes.length > 1 ? `(${lexemes.join(" & ")})` : lexemes.join(" & ");
}

/** A group of OR-ed terms; parenthesized so it can be AND-ed (| binds less tightly than &). */
const groupQuery = (group: Term[]) =>
  group.length === 1 ? termQuery(group[0], false) : `(${group.map((t) => termQuery(t, true)).join(" | ")})`;

export type SearchPlan = {
  /** Candidates: a tsquery literal for `s."document" @@ ?::tsquery` (GIN-indexed). */
  tsquery: string;
  /** The positive part of `tsquery`, for ts_rank (a NOT in the top AND would make every rank 0). */
  rankQuery: string;
  /** Exact conditions on `s."text"` that the tsquery cannot decide; null when it decides alone. */
  recheck: Sql | null;
};

/** The tsquery and the strpos recheck of a searchable query. */
export function searchPlan(query: ParsedQuery): SearchPlan {
  if (!query.searchable) throw new Error("query is not searchable: check ParsedQuery.searchable first");
  const rankQuery = query.groups.map(groupQuery).join(" & ");
  const excluded = query.excluded.filter(storable);
  const negated = excluded.filter(isExact).map((t) => `!${lexeme(termLexemes(t)[0])}`);
  const tsquery = [rankQuery, ...negated].join(" & ");

  const checks: Sql[] = [];
  const has = (t: Term) => sql`strpos(s."text", ${t.text}) > 0`;
  for (const group of query.groups) {
    // The tsquery is exact for a group of 1–2 character terms. Otherwise the
    // candidate may hold only the bigrams of a longer term: check every term
    // of the group as a substring (strpos on a short term is exact too).
    if (group.every(isExact)) continue;
    checks.push(join(group.filter(storable).map(has), " OR "));
  }
  for (const term of excluded.filter((t) => !isExact(t))) checks.push(sql`NOT (${has(term)})`);
  return { tsquery, rankQuery, recheck: checks.length ? and(checks) : null };
}

const and = (parts: Sql[]) =>
  join(
    parts.map((p) => sql`(${p})`),
    " AND ",
  );

/** `s` (ArticleSearch) matches: the GIN lookup, then the recheck. */
function matchCondition(plan: SearchPlan): Sql {
  const gin = sql`s."document" @@ ${plan.tsquery}::tsquery`;
  return plan.recheck ? and([gin, plan.recheck]) : gin;
}

const SEARCH_THEN_ARTICLE = sql`${SEARCH_TABLE} s JOIN "Article" a ON a."id" = s."articleId"`;
const A_ID = sql`a."id"`;

/** A WHERE condition on the article whose id is `id`: every matching article collected through the GIN index. */
export function searchCondition(query: ParsedQuery, id: Sql = A_ID): Sql {
  return sql`${id} IN (SELECT s."articleId" FROM ${SEARCH_TABLE} s WHERE ${matchCondition(searchPlan(query))})`;
}

/** The same, checked article by article through the primary key (dense terms, few candidate articles). */
export function searchConditionPerArticle(query: ParsedQuery, id: Sql = A_ID): Sql {
  return sql`EXISTS (SELECT 1 FROM ${SEARCH_TABLE} s WHERE s."articleId" = ${id} AND ${matchCondition(searchPlan(query))})`;
}

/** `SELECT count(*) AS total` (a bigint: use toCount) of the matches meeting every filter on `a`. */
export function searchCount(query: ParsedQuery, filters: Sql[] = []): Sql {
  const match = matchCondition(searchPlan(query));
  // Every ArticleSearch row belongs to an article (foreign key): no join without filters.
  if (!filters.length) return sql`SELECT count(*) AS total FROM ${SEARCH_TABLE} s WHERE ${match}`;
  return sql`SELECT count(*) AS total FROM ${SEARCH_THEN_ARTICLE} WHERE ${and([match, ...filters])}`;
}

/** `SELECT "id", score` for one relevance page: score = ts_rank (higher is better). */
export function searchPage(query: ParsedQuery, filters: Sql[], options: PageOptions): Sql {
  const plan = searchPlan(query);
  // Too many matches to rank them all in time: rank the RANK_LIMIT with the
  // highest ids (≈ the newest, as on SQLite). ts_rank runs in the outer query,
  // so only on the rows the LIMIT keeps.
  const limit = options.total <= RANK_LIMIT ? empty : sql` ORDER BY s."articleId" DESC LIMIT ${RANK_LIMIT}`;
  const candidates = sql`SELECT s."articleId" AS "id", s."document", a."publishedAt" FROM ${SEARCH_THEN_ARTICLE} WHERE ${and([matchCondition(plan), ...filters])}${limit}`;
  return ranked(candidates, plan, options.pageSize, options.offset ?? 0);
}

/** One page of `candidates` ("id", "document", "publishedAt") by ts_rank, newer first on ties. */
function ranked(candidates: Sql, plan: SearchPlan, pageSize: number, offset: number): Sql {
  return sql`SELECT c."id", ts_rank(${RANK_WEIGHTS}, c."document", ${plan.rankQuery}::tsquery) AS score FROM (${candidates}) c ORDER BY score DESC, c."publishedAt" DESC, c."id" DESC LIMIT ${pageSize} OFFSET ${offset}`;
}

/** Every matching id as one comma-separated string. */
export function searchMatchIds(query: ParsedQuery): Sql {
  return sql`SELECT string_agg(s."articleId"::text, ',') AS ids FROM ${SEARCH_TABLE} s WHERE ${matchCondition(searchPlan(query))}`;
}

/** One relevance page among `ids` (already matches: only ranked here). */
export function searchRank(query: ParsedQuery, ids: number[], options: { pageSize: number; offset: number }): Sql {
  const candidates = sql`SELECT s."articleId" AS "id", s."document", a."publishedAt" FROM ${SEARCH_THEN_ARTICLE} WHERE s."articleId" = ANY(${`{${ids.join(",")}}`}::int[])`;
  return ranked(candidates, searchPlan(query), options.pageSize, options.offset);
}

export const searchSql: SearchSql = {
  condition: (query, options) => (options?.perArticle ? searchConditionPerArticle : searchCondition)(query, options?.id),
  count: searchCount,
  page: searchPage,
  matchIds: searchMatchIds,
  rank: searchRank,
};
