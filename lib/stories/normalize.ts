// Text as story grouping compares it: width and case folded, stock codes,
// datelines, outlet credits and dates removed, numbers masked (numbers have a
// rule of their own, lib/stories/figures.ts), and character bigrams as sorted
// number arrays so overlaps are a linear merge.

/** NFKC (full width → half width), lower case, one space for any run of white space. */
export function foldText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

// (600519) (00388.hk) (cs.n) (002572.sz，最新价：23.21元) – the company is compared by id, not by its code.
const STOCK_CODE_RE = /[(（]\s*(?:[0-9]{4,6}(?:\.(?:hk|sz|sh|ss))?|[a-z]{1,6}\.(?:n|o|a|hk|us))\s*(?:[,，;；][^()（）]{0,20})?[)）]/g;
// 【财联社】, 财联社12月8日电，, 每经ai快讯，, 据天眼查app显示，
const DATELINE_RE = /^(?:【[^】]{0,24}】|[^，,。：:\s]{0,12}?[0-9]{1,2}月[0-9]{1,2}日(?:电|讯)[，,：:\s]*|[^，,。]{0,8}快讯[，,：:]\s*)/;
// 2021年12月8日晚间, 12月7日, 当地时间21日, 今日, 今天, 昨日
const DATE_RE =
  /(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日(?:晚间|早间|午间|盘后|盘前|讯)?|当地时间[0-9]{1,2}日|今日|今天|昨日|昨天|日前|近日/g;
// A closing credit: 。（财联社） / (央视新闻)
const CREDIT_RE = /[(（][^()（）]{2,12}[)）]\s*$/;

/** Title or lead text without the parts that differ between outlets' copies of one report. */
export function comparableText(text: string): string {
  return comparableFolded(foldText(text));
}

/** comparableText of text already folded by foldText. */
export function comparableFolded(folded: string): string {
  return folded.replace(STOCK_CODE_RE, " ").replace(DATELINE_RE, "").replace(DATE_RE, " ").replace(CREDIT_RE, "").trim();
}

const isHan = (code: number) =>
  (code >= 0x4e00 && code <= 0x9fff) ||
  (code >= 0x3400 && code <= 0x4dbf) ||
  (code >= 0x20000 && code <= 0x2ebef) ||
  (code >= 0xf900 && code <= 0xfaff);
const isLatin = (code: number) => (code >= 0x61 && code <= 0x7a) || code === 0x2b; // a–z, "+"
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
/** Code point that stands for any number: 30亿 and 40亿 give the same bigrams. */
const NUMBER = 0x23; // "#"

export type Bigrams = Int32Array;

/**
 * The character bigrams of already-comparable text, as sorted unique 32-bit
 * numbers (first code unit << 16 | second; astral characters folded into 16
 * bits, where a collision costs at most one shared bigram). Bigrams never span
 * punctuation or spaces; a run of digits (with . ,) counts as one character, NUMBER.
 */
export function bigrams(text: string): Bigrams {
  const out = new Int32Array(text.length);
  let n = 0;
  let previous = -1;
  let i = 0;
  while (i < text.length) {
    let code = text.codePointAt(i)!;
    let width = code > 0xffff ? 2 : 1;
    if (isDigit(code)) {
      while (i + width < text.length && isNumberPart(text.charCodeAt(i + width))) width++;
      code = NUMBER;
    } else if (!isHan(code) && !isLatin(code)) {
      previous = -1;
      i += width;
      continue;
    }
    code &= 0xffff;
    if (previous >= 0) out[n++] = (previous << 16) | code;
    previous = code;
    i += width;
  }
  return sortedUnique(out.subarray(0, n));
}

const isNumberPart = (code: number) => isDigit(code) || code === 0x2e || code === 0x2c; // 0-9 . ,

function sortedUnique(values: Int32Array): Int32Array {
  // Titles give a few dozen bigrams: an insertion sort beats the native sort's call overhead there.
  if (values.length > 48) values.sort();
  else
    for (let i = 1; i < values.length; i++) {
      const v = values[i];
      let j = i - 1;
      for (; j >= 0 && values[j] > v; j--) values[j + 1] = values[j];
      values[j + 1] = v;
    }
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) values[n++] = values[i];
  return values.slice(0, n);
}

/** Size of the intersection of two sorted unique arrays. */
export function intersectionSize(a: Bigrams, b: Bigrams): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

/** |A ∩ B| / min(|A|, |B|): a short rewrite of a longer title still scores high. 0 when either is empty. */
export function overlapCoefficient(a: Bigrams, b: Bigrams): number {
  const smaller = Math.min(a.length, b.length);
  return smaller === 0 ? 0 : intersectionSize(a, b) / smaller;
}

/** |A ∩ B| / |A ∪ B|. 0 when both are empty. */
export function jaccard(a: Bigrams, b: Bigrams): number {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

// A title that opens with its subject or its column: "里昂：…", "港股午评｜…", "中国铝业:…".
const TITLE_PREFIX_RE = /^([^：:｜|，,。！!？?\s]{2,16})\s*[：:｜|]\s*(?=\S)/;
// Columns: recurring headings whose reports differ by day or by item, not by subject.
const COLUMN_RE =
  /(?:早评|午评|收评|晚评|日评|周评|早报|晚报|午报|晨报|日报|周报|月报|复盘|前瞻|速递|快讯|要闻|公告|龙虎榜|盘前|盘后|盘中|早盘|午盘|收盘|尾盘|开盘|精选|汇总|一览|集锦|必读|热点)$/;
// Columns about one trading session: two desks' 港股午评 of one day report one event.
const SESSION_COLUMN_RE = /(?:早评|午评|收评|晚评|日评|早盘|午盘|收盘|尾盘|开盘|盘前|盘后)$/;

export type TitleParts = {
  /** "港股午评" for 港股午评：…, else null. */
  column: string | null;
  /** True when the column reports one trading session (午评, 收盘…). */
  sessionColumn: boolean;
  /** "里昂" for 里昂：…, else null (a column is not a subject). */
  subject: string | null;
  /** The title after its column or subject prefix. */
  rest: string;
};

/** Column or subject prefix of a folded title. */
export function titleParts(foldedTitle: string): TitleParts {
  const m = TITLE_PREFIX_RE.exec(foldedTitle);
  if (!m) return { column: null, sessionColumn: false, subject: null, rest: foldedTitle };
  const prefix = m[1];
  const rest = foldedTitle.slice(m[0].length);
  if (COLUMN_RE.test(prefix)) return { column: prefix, sessionColumn: SESSION_COLUMN_RE.test(prefix), subject: null, rest };
  return { column: null, sessionColumn: false, subject: prefix.replace(STOCK_CODE_RE, ""), rest };
}
