// Highlighting for search results as plain data (React renders hits as <mark>;
// no HTML strings, so nothing here can inject markup). Matching runs on the
// normalized text, the segments keep the original characters.
import { normalizeWithMap } from "./normalize";
import { parseQuery, positiveTerms, type ParsedQuery } from "./query";

export type Segment = { text: string; hit: boolean };
type Range = [start: number, end: number];

function termsOf(query: ParsedQuery | string): string[] {
  return positiveTerms(typeof query === "string" ? parseQuery(query) : query);
}

/** Original-text ranges of every occurrence of every term, merged and sorted. */
function hitRanges(text: string, terms: string[]): Range[] {
  const { text: normalized, sourceStart, sourceEnd } = normalizeWithMap(text);
  const ranges: Range[] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = normalized.indexOf(term); at !== -1; at = normalized.indexOf(term, at + 1)) {
      ranges.push([sourceStart[at], sourceEnd[at + term.length - 1]]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** Splits text[from, to) into segments, marking the parts inside `ranges`. */
function segmentsOf(text: string, ranges: Range[], from = 0, to = text.length): Segment[] {
  const segments: Segment[] = [];
  const push = (start: number, end: number, hit: boolean) => {
    if (end <= start) return;
    const last = segments.at(-1);
    if (last && last.hit === hit) last.text += text.slice(start, end);
    else segments.push({ text: text.slice(start, end), hit });
  };
  let position = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    push(position, Math.max(start, from), false);
    push(Math.max(start, from), Math.min(end, to), true);
    position = Math.min(end, to);
  }
  push(position, to, false);
  return segments;
}

/** The title with every occurrence of the query's positive terms marked. */
export function highlightTitle(title: string, query: ParsedQuery | string): Segment[] {
  return segmentsOf(title, hitRanges(title, termsOf(query)));
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * How far into a body a snippet looks for hits. Mapping hits back to the
 * original characters costs about a millisecond per thousand characters, and a
 * results page has twenty bodies of up to 100,000 (lib/content/limits.ts);
 * the real posts are under 6,000 characters.
 */
export const SNIPPET_SCAN_CHARS = 20_000;

/**
 * About `maxChars` characters of the text around the first hit (the hit a
 * quarter of the way in), `…` where cut, every hit inside marked. Without a
 * hit in the first SNIPPET_SCAN_CHARS characters: the text's beginning.
 */
export function snippet(plainText: string, query: ParsedQuery | string, maxChars = 120): Segment[] {
  const ranges = hitRanges(plainText.slice(0, SNIPPET_SCAN_CHARS), termsOf(query));
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(maxChars / 4));
  const end = Math.min(plainText.length, start + maxChars);
  start = Math.max(0, Math.min(start, end - maxChars));
  // Never cut a surrogate pair in half.
  if (start > 0 && isLowSurrogate(plainText.charCodeAt(start))) start--;
  const cutEnd = end < plainText.length && isLowSurrogate(plainText.charCodeAt(end)) ? end + 1 : end;
  const segments = segmentsOf(plainText, ranges, start, cutEnd);
  if (start > 0) segments.unshift({ text: "…", hit: false });
  if (cutEnd < plainText.length) segments.push({ text: "…", hit: false });
  // Adjacent plain segments (the ellipsis and the text next to it) become one.
  return segments.reduce<Segment[]>((out, s) => {
    const last = out.at(-1);
    if (last && !last.hit && !s.hit) last.text += s.text;
    else out.push({ ...s });
    return out;
  }, []);
}
