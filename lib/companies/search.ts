// The company picker's matcher: a reader's query against each company's names,
// aliases, codes, pinyin (initials and full, polyphones read in context by
// pinyin-pro: 银行 yinhang, 重庆 chongqing) and English names. Pure; the keys
// are computed once per directory, on the first search (0.4 s in a fresh
// process, 0.12 s warm, for the 5,252 shipped companies), so overlay companies
// get them too and no generated file can fall out of step with the names. The
// seed can store the same keys (companySearchKeys) for a database-side search.
import { pinyin } from "pinyin-pro";
import { displayCode, resolveCode } from "./codes";
import type { CompanyEntry } from "./data/load-data";
import { STATUS_MARKER_RE } from "./data/load-data";

export type CompanySearchKeys = {
  /** Name and aliases, NFKC-normalised and lowercased. */
  names: string[];
  /** Listing ids and the codes readers write (600519, 00700.hk, aapl), lowercased. */
  codes: string[];
  /** Pinyin initials of each Chinese name (gzmt), letters and digits of Latin parts kept (tclkj). */
  initials: string[];
  /** Full pinyin without tones or spaces (guizhoumaotai). */
  pinyin: string[];
  /** English names, lowercased (kweichow moutai). */
  english: string[];
};

const fold = (text: string) => text.normalize("NFKC").toLowerCase().trim();
/** Letters and digits only: "Guizhou Maotai" and "guizhou'maotai" are guizhoumaotai. */
const squash = (text: string) => fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
const HAN_RE = /\p{Script=Han}/u;

function pinyinOf(name: string): { initials: string; full: string } {
  const options = { toneType: "none", type: "array", nonZh: "consecutive", v: true } as const;
  const syllables = pinyin(name.normalize("NFKC"), options);
  const initials = pinyin(name.normalize("NFKC"), { ...options, pattern: "first" });
  return { initials: squash(initials.join("")), full: squash(syllables.join("")) };
}

/** Search keys of one company (for the matcher, or for the seed to store). */
export function companySearchKeys(company: Pick<CompanyEntry, "name" | "aliases" | "listings" | "englishNames">): CompanySearchKeys {
  const names = [...new Set([company.name, ...company.aliases].map(fold))];
  const chinese = new Set<string>();
  for (const name of [company.name, ...company.aliases]) {
    if (!HAN_RE.test(name)) continue;
    chinese.add(name);
    // *ST宏图 is also found as 宏图: readers leave the status marker out.
    const bare = name.replace(STATUS_MARKER_RE, "");
    if (bare !== name) chinese.add(bare);
  }
  const spelled = [...chinese].map(pinyinOf);
  return {
    names,
    codes: [...new Set(company.listings.flatMap((id) => [id, fold(displayCode(id))]))],
    initials: [...new Set(spelled.map((s) => s.initials).filter(Boolean))],
    pinyin: [...new Set(spelled.map((s) => s.full).filter(Boolean))],
    english: [...new Set(company.englishNames.map(fold))],
  };
}

export type CompanyMatch<C> = { company: C; rank: number };

type Indexed<C> = { company: C; keys: CompanySearchKeys };
const indexes = new WeakMap<readonly object[], Indexed<object>[]>();

function indexOf<C extends CompanyEntry>(companies: readonly C[]): Indexed<C>[] {
  let index = indexes.get(companies) as Indexed<C>[] | undefined;
  if (!index) {
    index = companies.map((company) => ({ company, keys: companySearchKeys(company) }));
    indexes.set(companies, index);
  }
  return index;
}

type PreparedQuery = { text: string; letters: string; ascii: boolean; codes: Set<string> };

function prepare(query: string): PreparedQuery | null {
  const text = fold(query);
  if (!text) return null;
  const letters = squash(text);
  return { text, letters, ascii: /^[a-z0-9]+$/.test(letters) && letters.length >= 2, codes: new Set(resolveCode(query)) };
}

/**
 * How well `query` names a company: 0 its code, name, alias or English name
 * exactly; 1 the start of a name or English name, all its pinyin initials or
 * its full pinyin; 2 part of a name, the start of its initials, full pinyin,
 * a code or a word of an English name; null no match.
 */
export function matchRank(query: string | PreparedQuery, keys: CompanySearchKeys): number | null {
  const q = typeof query === "string" ? prepare(query) : query;
  if (!q) return null;
  const { text, letters, ascii, codes } = q;
  if (keys.codes.some((code) => code === text || codes.has(code)) || keys.names.includes(text) || keys.english.includes(text)) return 0;
  if (keys.names.some((n) => n.startsWith(text)) || keys.english.some((e) => e.startsWith(text))) return 1;
  if (ascii && (keys.initials.includes(letters) || keys.pinyin.includes(letters))) return 1;
  if (keys.names.some((n) => n.includes(text))) return 2;
  if (ascii) {
    if (keys.initials.some((i) => i.startsWith(letters)) || keys.pinyin.some((p) => p.startsWith(letters))) return 2;
    if (keys.codes.some((code) => code.startsWith(letters))) return 2;
  }
  if (text.length >= 2 && keys.english.some((e) => e.split(/[\s\-.&()]+/).some((word) => word.startsWith(text)))) return 2;
  return null;
}

/**
 * Companies matching `query`, best first: by rank (matchRank), then by
 * `weight` (e.g. article counts, higher first), then by id.
 */
export function searchCompanies<C extends CompanyEntry>(
  query: string,
  companies: readonly C[],
  options: { limit?: number; weight?: (company: C) => number } = {},
): CompanyMatch<C>[] {
  const { limit = 20, weight = () => 0 } = options;
  const prepared = prepare(query);
  if (!prepared) return [];
  const matches: (CompanyMatch<C> & { weight: number })[] = [];
  for (const { company, keys } of indexOf(companies)) {
    const rank = matchRank(prepared, keys);
    if (rank !== null) matches.push({ company, rank, weight: weight(company) });
  }
  matches.sort(
    (a, b) => a.rank - b.rank || b.weight - a.weight || (a.company.id < b.company.id ? -1 : a.company.id > b.company.id ? 1 : 0),
  );
  return matches.slice(0, limit).map(({ company, rank }) => ({ company, rank }));
}
