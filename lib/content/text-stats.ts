const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD_RE = /[A-Za-z0-9]+(?:[.'’-][A-Za-z0-9]+)*/g;

/** Characters a Chinese reader counts: each CJK character, each Latin word or number. */
export function countWords(text: string): number {
  return (text.match(CJK_RE)?.length ?? 0) + (text.match(LATIN_WORD_RE)?.length ?? 0);
}

/** ~400 Chinese characters a minute is a common reading-speed estimate. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / 400));
}

const EXCERPT_LENGTH = 120;

/** About 120 characters of the text, cut at a sentence end when one is near. */
export function excerptOf(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  if (chars.length <= length) return flat;
  const head = chars.slice(0, length).join("");
  const sentenceEnd = Math.max(...["。", "！", "？", "；"].map((p) => head.lastIndexOf(p)));
  if (sentenceEnd >= length * 0.6) return head.slice(0, sentenceEnd + 1);
  return head.replace(/[，、：,;:\s]+$/, "") + "…";
}
