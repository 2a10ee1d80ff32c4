// The search box language, parsed into a structure that can never be a syntax
// error: words separated by spaces must all match; "exact phrase" (may hold
// spaces; “curly” quotes work too, an unclosed quote runs to the end); -word
// and -"phrase" exclude; OR between two words means either. Everything else,
// FTS5 syntax included (* ^ : ( ) NEAR( AND NOT), is plain text to find.
import { normalize } from "./normalize";
import { termTokens } from "./tokens";

export const MAX_TERMS = 10;

export type Term = {
  /** Normalized text that must be a substring of the normalized title or body. */
  text: string;
  /** True when the reader quoted it. */
  phrase: boolean;
};

export type ParsedQuery = {
  /** All groups must match; a group matches when any of its terms does (OR). */
  groups: Term[][];
  /** No article matching one of these is returned. */
  excluded: Term[];
  /** More than MAX_TERMS terms were typed: the extra ones were ignored. */
  truncated: boolean;
  /** False when nothing positive is left (empty, or only exclusions): show a notice, not every article. */
  searchable: boolean;
};

type Token = { text: string; phrase: boolean; negated: boolean };

const QUOTES = new Set(['"', "“", "”"]);
const SPACE = /\s/u;

/** Splits the raw box text into words and phrases (before normalization of each term). */
function tokenize(raw: string): Token[] {
  // NFKC first so full-width spaces, quotes and minus signs (　＂－) act like ASCII ones.
  const s = raw.toWellFormed().normalize("NFKC");
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (SPACE.test(s[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (s[i] === "-" && i + 1 < s.length && !SPACE.test(s[i + 1])) {
      negated = true;
      i++;
    }
    if (QUOTES.has(s[i])) {
      let end = i + 1;
      while (end < s.length && !QUOTES.has(s[end])) end++;
      tokens.push({ text: s.slice(i + 1, end), phrase: true, negated });
      i = end + 1;
    } else {
      let end = i;
      while (end < s.length && !SPACE.test(s[end])) end++;
      tokens.push({ text: s.slice(i, end), phrase: false, negated });
      i = end;
    }
  }
  return tokens;
}

const isOrWord = (t: Token | undefined) => !!t && !t.phrase && !t.negated && t.text === "OR";

export function parseQuery(raw: string): ParsedQuery {
  const tokens = tokenize(raw)
    .map((t) => ({ ...t, normalized: normalize(t.text) }))
    .filter((t) => t.normalized !== "");
  const groups: Term[][] = [];
  const excluded: Term[] = [];
  let termCount = 0;
  let truncated = false;
  let joinNext = false;
  let previousPositive = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    // OR is an operator only between two positive terms; anywhere else it is the text "or".
    if (isOrWord(token) && previousPositive && next && !next.negated && !isOrWord(next)) {
      joinNext = true;
      continue;
    }
    if (termCount === MAX_TERMS) {
      truncated = true;
      break;
    }
    termCount++;
    const term: Term = { text: token.normalized, phrase: token.phrase };
    if (token.negated) {
      excluded.push(term);
      previousPositive = false;
    } else if (joinNext && groups.length) {
      groups[groups.length - 1].push(term);
      previousPositive = true;
    } else {
      groups.push([term]);
      previousPositive = true;
    }
    joinNext = false;
  }
  return { groups, excluded, truncated, searchable: groups.length > 0 };
}

/** The positive terms (what highlighting marks). */
export function positiveTerms(query: ParsedQuery): string[] {
  return query.groups.flat().map((t) => t.text);
}

// FTS5 columns: t1/t2 = title unigrams/bigrams, b1/b2 = body unigrams/bigrams.
function termExpression(term: Term): string {
  const { kind, tokens } = termTokens(term.text);
  // Tokens never contain '"' (ASCII punctuation is escaped), so quoting is safe.
  const phrase = `"${tokens.join(" ")}"`;
  return kind === "unigram" ? `{t1 b1} : ${phrase}` : `{t2 b2} : ${phrase}`;
}

const anyOf = (terms: Term[]) => (terms.length === 1 ? termExpression(terms[0]) : `(${terms.map(termExpression).join(" OR ")})`);

/** The FTS5 MATCH string for a searchable query (null when not searchable). */
export function toFtsMatch(query: ParsedQuery): string | null {
  if (!query.searchable) return null;
  const positive = query.groups.map(anyOf).join(" AND ");
  if (!query.excluded.length) return positive;
  return `(${positive}) NOT ${anyOf(query.excluded)}`;
}

/** Does an article match? The substring definition the index must agree with (tests, small sets). */
export function matchesText(query: ParsedQuery, normalizedTitle: string, normalizedBody: string): boolean {
  if (!query.searchable) return false;
  const has = (t: Term) => normalizedTitle.includes(t.text) || normalizedBody.includes(t.text);
  return query.groups.every((group) => group.some(has)) && !query.excluded.some(has);
}
