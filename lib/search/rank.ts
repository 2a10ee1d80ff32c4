// Relevance blended with recency: the order of search results "by relevance".
//
// Why not bm25 alone: bm25 ranks by term frequency and length, so among
// articles a reader sees as equally relevant the shortest wins and time only
// breaks exact ties. `/?q=北向资金` listed the day's intraday flashes as 10:47,
// 10:40, 13:50, 10:59, 10:48, 15:00: the final figure sixth. A news reader
// expects two things instead (lib/search/__fixtures__/labelled-queries.yaml):
//   1. an article about the query outranks one that mentions it in passing;
//   2. among equally relevant articles the newer comes first (updates of one
//      figure newest first, today's report above last year's).
//
// The rule. Each positive group of the query (words joined by OR; the groups
// are AND-ed) is *strong* in an article when one of its words is in the title,
// or when the body keeps returning to it (at least DENSE_MIN_HITS occurrences
// and at least one per DENSE_CHARS_PER_HIT characters: a feature about 快手
// whose headline names its campaign, not 快手). Otherwise the article matches
// the group only in passing. Relevance is coarse on purpose, so that equally
// relevant articles tie and time orders them:
//
//   relevance = mean over the groups of (1 if strong, else PASSING_WEIGHT)
//   score     = relevance × 2^(−age / HALF_LIFE_DAYS),  age = now − publishedAt
//
// With PASSING_WEIGHT = 1/4 = two half-lives, a passing mention counts as if
// it were published 2 × 180 = 360 days earlier than it was: an article about
// the query stays above passing mentions up to a year newer, and a newer
// article wins among equals however small the gap. An AND query with one of
// two groups strong (relevance 5/8) counts as 122 days older than one with
// both strong.
//
// `now` is the newest article's time (not the wall clock), so scores are
// deterministic and a cached page stays valid. It does not change the order
// at all: score = relevance × 2^(t/H) × 2^(−now/H), a common factor. So the
// SQL never needs it and sorts by an effective time (rankKey):
//
//   key (days) = publishedAt in days + HALF_LIFE_DAYS × log2(relevance)
//   ORDER BY key DESC, publishedAt DESC, id DESC
//
// log2(relevance) depends only on how many groups are strong (n groups in the
// query), so JS computes the n + 1 boosts (strongGroupBoostDays) and the SQL
// picks one: `CASE strong_1 + … + strong_n WHEN 0 THEN ? WHEN 1 THEN ? … END`.
// No exp/log in SQL. Per group g with words x, y (normalized, as in query.ts):
//
// SQLite (contentless FTS5, Article has the raw title and plainText):
//   title_g  = s.rowid IN (SELECT rowid FROM "ArticleSearch"
//                WHERE "ArticleSearch" MATCH '{t1 t2} : <phrase x> OR {t1 t2} : <phrase y>')   -- exact, the index's tokens
//   hits_g   = (length(a."plainText") - length(replace(lower(a."plainText"), ?x, ''))) / length(?x) + … for y
//   strong_g = title_g OR (hits_g >= 5 AND hits_g * 100 >= length(a."plainText"))
//   key      = julianday(a."publishedAt") + CASE … END
// (hits on the raw body miss only occurrences that need NFKC to match, e.g.
// full-width letters; lower() folds ASCII case. It only decides density.)
//
// PostgreSQL ("ArticleSearch"."text" = normalized title, '\n', normalized body):
//   title_g  = strpos(split_part(s."text", E'\n', 1), ?x) > 0 OR …                              -- exact
//   body     = substr(s."text", strpos(s."text", E'\n') + 1)
//   hits_g   = (length(body) - length(replace(body, ?x, ''))) / length(?x) + …                 -- exact
//   strong_g = title_g OR (hits_g >= 5 AND hits_g * 100 >= length(body))
//   key      = extract(epoch FROM a."publishedAt") / 86400 + CASE … END
//
// Both only rank the candidates the search already selected (≤ RANK_LIMIT),
// so the replace() scans cost one pass over at most 2,000 bodies.
import type { ParsedQuery } from "./query";

/** Days for a score to halve: the price of age when relevance differs. */
export const HALF_LIFE_DAYS = 180;
/** Relevance of a group matched only in passing (a strong match is 1): two half-lives. */
export const PASSING_WEIGHT = 1 / 4;
/** A body "keeps returning" to a word: at least this many occurrences… */
export const DENSE_MIN_HITS = 5;
/** …and at least one per this many characters of body. */
export const DENSE_CHARS_PER_HIT = 100;

const DAY_MS = 86_400_000;

/** How one positive group of the query (OR-ed words) occurs in an article. */
export type GroupMatch = {
  /** A word of the group is in the normalized title. */
  inTitle: boolean;
  /** Non-overlapping occurrences of the group's words in the normalized body (as SQL replace() counts them). */
  bodyHits: number;
};

/** What the SQL can provide per matching article, and all the ranking needs. */
export type RankFeatures = {
  /** One entry per positive group of the query, in query order. */
  groups: GroupMatch[];
  /** Characters (code points) of the normalized body, as SQL length() counts. */
  bodyLength: number;
  publishedAt: Date;
};

const occurrences = (text: string, word: string) => (word ? text.split(word).length - 1 : 0);

/**
 * The features of one article for a query: the reference definition the SQL
 * must reproduce. Title and body must already be normalized (normalize.ts).
 */
export function rankFeatures(query: ParsedQuery, normalizedTitle: string, normalizedBody: string, publishedAt: Date): RankFeatures {
  return {
    groups: query.groups.map((group) => ({
      inTitle: group.some((term) => normalizedTitle.includes(term.text)),
      bodyHits: group.reduce((sum, term) => sum + occurrences(normalizedBody, term.text), 0),
    })),
    bodyLength: [...normalizedBody].length,
    publishedAt,
  };
}

/** Does the article treat this group as a subject: in the title, or throughout the body? */
export function isStrong(group: GroupMatch, bodyLength: number): boolean {
  return group.inTitle || (group.bodyHits >= DENSE_MIN_HITS && group.bodyHits * DENSE_CHARS_PER_HIT >= bodyLength);
}

/** Mean over the groups of 1 (strong) or PASSING_WEIGHT: in (0, 1]. */
export function relevance(features: RankFeatures): number {
  const { groups, bodyLength } = features;
  if (!groups.length) throw new Error("rank features need at least one positive group");
  const strong = groups.filter((group) => isStrong(group, bodyLength)).length;
  return relevanceOf(strong, groups.length);
}

const relevanceOf = (strong: number, groups: number) => (strong + (groups - strong) * PASSING_WEIGHT) / groups;

/** relevance × 2^(−age / HALF_LIFE_DAYS); age counts from `now` (the newest article), never negative. */
export function rankScore(features: RankFeatures, now: Date): number {
  const ageDays = Math.max(0, now.getTime() - features.publishedAt.getTime()) / DAY_MS;
  return relevance(features) * 2 ** (-ageDays / HALF_LIFE_DAYS);
}

/**
 * The effective time in days since 1970 (higher first): publishedAt plus
 * HALF_LIFE_DAYS × log2(relevance), ≤ 0. Orders exactly as rankScore with any
 * `now` (for articles not newer than `now`), and needs no `now`.
 */
export function rankKey(features: RankFeatures): number {
  return features.publishedAt.getTime() / DAY_MS + HALF_LIFE_DAYS * Math.log2(relevance(features));
}

/**
 * The shift in days for an article with `strong` of `groups` groups strong:
 * the values the SQL's CASE picks from (index = number of strong groups).
 */
export function strongGroupBoostDays(groups: number): number[] {
  if (groups < 1) throw new Error("a searchable query has at least one positive group");
  return Array.from({ length: groups + 1 }, (_, strong) => HALF_LIFE_DAYS * Math.log2(relevanceOf(strong, groups)));
}

/** Sort comparator, best first: higher rankKey, then newer, then `tieBreak` (the SQL uses id DESC). */
export function compareRanked<T extends RankFeatures>(tieBreak: (a: T, b: T) => number = () => 0): (a: T, b: T) => number {
  return (a, b) => rankKey(b) - rankKey(a) || b.publishedAt.getTime() - a.publishedAt.getTime() || tieBreak(a, b);
}
