// One normalization for everything search touches: the index, the query, the
// substring oracle in tests and highlighting. A term matches an article iff
// normalize(term) is a substring of normalize(title) or normalize(plainText).
//
// NFKC (全角 ＡＢＣ１２３ → abc123, ㈱ → (株)) + lowercase, whitespace runs → one
// space, trimmed. NFKC is applied per segment (a character plus its combining
// marks) rather than to the whole string, so every output character maps back
// to one input range: highlighting can mark the original characters.

export type NormalizedText = {
  text: string;
  /** For each UTF-16 unit of `text`: start of its source segment in the input. */
  sourceStart: number[];
  /** For each UTF-16 unit of `text`: end (exclusive) of its source segment. */
  sourceEnd: number[];
};

// A base character with the combining marks that follow it (or a run of marks
// with no base). NFKC only composes within such a segment.
const SEGMENT = /\P{M}\p{M}*|\p{M}+/gsu;
const WHITESPACE = /\s/u;
const CONTEXT_SENSITIVE = /[\p{M}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u03a3]/u;

function normalizeSegment(segment: string): string {
  return segment.normalize("NFKC").toLowerCase();
}

export function normalizeWithMap(input: string): NormalizedText {
  // Lone surrogates cannot be stored as UTF-8; SQLite would turn them into U+FFFD.
  const source = input.toWellFormed();
  let text = "";
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  let pendingSpace: { start: number; end: number } | null = null;
  for (const match of source.matchAll(SEGMENT)) {
    const start = match.index;
    const end = start + match[0].length;
    for (const char of normalizeSegment(match[0])) {
      if (WHITESPACE.test(char)) {
        // Collapse runs; a space is only emitted once something follows it (trims both ends).
        pendingSpace ??= { start, end };
        pendingSpace.end = end;
        continue;
      }
      if (pendingSpace && text) {
        text += " ";
        sourceStart.push(pendingSpace.start);
        sourceEnd.push(pendingSpace.end);
      }
      pendingSpace = null;
      text += char;
      for (let i = 0; i < char.length; i++) {
        sourceStart.push(start);
        sourceEnd.push(end);
      }
    }
  }
  return { text, sourceStart, sourceEnd };
}

/** Normalized text without the offset map (index building, queries, the oracle). */
export function normalize(input: string): string {
  // Fast path: whole-string NFKC + lowercase equals the per-segment result
  // unless something composes or lowercases by context: combining marks, Hangul
  // jamo (L+V compose without marks), capital sigma (final form ς).
  const source = input.toWellFormed();
  if (!CONTEXT_SENSITIVE.test(source)) {
    return source.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
  }
  return normalizeWithMap(source).text;
}
