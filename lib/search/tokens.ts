// Index tokens made in JS (better-sqlite3 cannot register a JS tokenizer).
// Every character of the normalized text is a unigram token, every pair of
// adjacent characters a bigram token. A term of n ≥ 2 characters is then the
// FTS5 phrase of its n−1 bigrams (adjacent positions ⇔ substring), a term of
// one character its unigram. Unigrams and bigrams live in separate columns so
// bigram positions stay consecutive.
//
// The FTS5 table uses tokenize='ascii': every code point ≥ 128 is a token
// character and is never folded, ASCII letters and digits are token
// characters, other ASCII is a separator. So a character is written as
// itself unless it is ASCII punctuation/space/control (or the escape character
// itself), which becomes ESCAPE + two hex digits. The code is prefix-free,
// so unigram and bigram tokens stay distinct for distinct characters.
import { normalize } from "./normalize";

const ESCAPE = "\uE000";
const ESCAPE_CODE = 0xe000;

/** One character (code point) of normalized text as a run of FTS token characters. */
export function encodeChar(char: string): string {
  return encodeCodePoint(char.codePointAt(0)!, char);
}

function encodeCodePoint(code: number, char: string): string {
  if (code >= 128) return code === ESCAPE_CODE ? `${ESCAPE}80` : char;
  // a-z and 0-9 are token characters as they are.
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return char;
  return ESCAPE + code.toString(16).padStart(2, "0");
}

/** Normalized text → its encoded characters (code points, not UTF-16 units). */
export function encodedChars(normalized: string): string[] {
  // A loop with number checks: Array.from with a regex per character cost a
  // fifth of building an article's index columns.
  const chars: string[] = [];
  for (const char of normalized) chars.push(encodeCodePoint(char.codePointAt(0)!, char));
  return chars;
}

export function bigramTokens(chars: string[]): string[] {
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i] + chars[i + 1]);
  return bigrams;
}

export type IndexColumns = { titleUnigrams: string; titleBigrams: string; bodyUnigrams: string; bodyBigrams: string };

/** The four FTS column values for one article (space-separated tokens). */
export function indexColumns(title: string, plainText: string): IndexColumns {
  const titleChars = encodedChars(normalize(title));
  const bodyChars = encodedChars(normalize(plainText));
  return {
    titleUnigrams: titleChars.join(" "),
    titleBigrams: bigramTokens(titleChars).join(" "),
    bodyUnigrams: bodyChars.join(" "),
    bodyBigrams: bigramTokens(bodyChars).join(" "),
  };
}

/** How a normalized, non-empty term is looked up: one unigram, or a phrase of bigrams. */
export function termTokens(normalizedTerm: string): { kind: "unigram" | "bigram"; tokens: string[] } {
  const chars = encodedChars(normalizedTerm);
  return chars.length === 1 ? { kind: "unigram", tokens: chars } : { kind: "bigram", tokens: bigramTokens(chars) };
}
