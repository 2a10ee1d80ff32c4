/**
 * Loads the shipped company directory: a-shares.tsv (imported) + ambiguous.txt (generated)
 * + curated.yaml and english-names.tsv (hand-written), optionally extended by more YAML layers with the same schema
 * (e.g. companies.yaml in CONTENT_DIR). Pure functions take file texts; `loadCompanyData`
 * reads the files from disk. Errors name the file, the entry and the reason.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as yaml from "js-yaml";
import { z } from "zod";
import { LISTING_ID_RE } from "../ids";


/** Exchange trading-status markers prepended to A-share names (S*ST, *ST, SST, ST, PT, S). */
export const STATUS_MARKER_RE = /^(?:S\*ST|\*ST|SST|ST|PT|S)(?=\p{Script=Han})/u;

export type Origin = "import" | "knowledge" | "corpus";

export interface CompanyEntry {
  /** primary listing id (= listings[0]) */
  id: string;
  name: string;
  fullName?: string;
  aliases: string[];
  notMentions: string[];
  listings: string[];
  origin: Origin;
  ambiguous: boolean;
  /** English names readers search by (Kweichow Moutai, Tencent Holdings); not matched in Chinese text. */
  englishNames: string[];
  /** A broker, bank or rating agency whose name lacks those words (高盛, 大摩): cited for views, so a mention unless the story is about it. */
  researchHouse?: boolean;
}

export interface ImportedRow {
  id: string;
  name: string;
}

const nonEmpty = z.string().trim().min(1);
// FAILSAFE_SCHEMA keeps every scalar a string, so `true`/`false` arrive as text.
const boolText = z.enum(["true", "false"]).transform((v) => v === "true");

export const CuratedEntrySchema = z
  .object({
    name: nonEmpty,
    fullName: nonEmpty.optional(),
    aliases: z.array(nonEmpty).default([]),
    notMentions: z.array(nonEmpty).default([]),
    listings: z
      .array(z.string().regex(LISTING_ID_RE, "listing id must match " + LISTING_ID_RE.source))
      .min(1, "at least one listing is required"),
    origin: z.enum(["knowledge", "corpus"]).optional(),
    ambiguous: boolText.optional(),
    researchHouse: boolText.optional(),
    englishNames: z.array(nonEmpty).optional(),
  })
  .strict();

export type CuratedEntry = z.infer<typeof CuratedEntrySchema>;

function fail(file: string, where: string, reason: string): never {
  throw new Error(`${file}: ${where}: ${reason}`);
}

/** Parses `id<TAB>name` rows; `#` lines and blank lines are comments. */
export function parseASharesTsv(text: string, file = "a-shares.tsv"): ImportedRow[] {
  const rows: ImportedRow[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const [id, name, ...rest] = line.split("\t");
    const where = `line ${i + 1}`;
    if (rest.length || !id || !name?.trim()) fail(file, where, "expected id<TAB>name");
    if (!/^(sh|sz)\d{6}$/.test(id)) fail(file, where, `bad A-share id "${id}"`);
    if (seen.has(id)) fail(file, where, `duplicate id ${id}`);
    seen.add(id);
    rows.push({ id, name: name.trim() });
  });
  return rows;
}

/** Parses ambiguous.txt (`name<TAB>id<TAB>…` rows) into the set of flagged listing ids. */
export function parseAmbiguousList(text: string, file = "ambiguous.txt"): Set<string> {
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const id = line.split("\t")[1];
    if (!id || !LISTING_ID_RE.test(id)) fail(file, `line ${i + 1}`, "expected name<TAB>id<TAB>…");
    ids.add(id);
  });
  return ids;
}

/** Parses a curated/companies YAML list. Within one file a listing may belong to one entry only. */
export function parseCuratedYaml(text: string, file = "curated.yaml"): CuratedEntry[] {
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA, filename: file });
  } catch (err) {
    fail(file, "YAML", (err as Error).message);
  }
  if (doc == null) return [];
  if (!Array.isArray(doc)) fail(file, "top level", "expected a YAML list of companies");
  const owner = new Map<string, string>();
  return doc.map((raw, i) => {
    const label = `entry ${i + 1}${raw && typeof raw === "object" && "name" in raw ? ` (${String((raw as { name: unknown }).name)})` : ""}`;
    const parsed = CuratedEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((iss) => `${iss.path.join(".") || "entry"}: ${iss.message}`).join("; ");
      fail(file, label, reason);
    }
    const entry = parsed.data;
    for (const id of entry.listings) {
      const prev = owner.get(id);
      if (prev) fail(file, label, `listing ${id} is already listed by ${prev}`);
      owner.set(id, label);
    }
    return entry;
  });
}

const uniq = (xs: string[]) => [...new Set(xs)];

export interface MergeOptions {
  /** origin for YAML entries without one (extension layers); without it a missing origin is an error */
  defaultOrigin?: Origin;
  file?: string;
}

/**
 * Applies YAML entries on top of `companies`. An entry whose listings overlap existing companies
 * merges them into one: its name/fullName win, aliases and notMentions are unioned (the old
 * names become aliases), its listings come first (first = primary id).
 */
export function applyEntries(companies: CompanyEntry[], entries: CuratedEntry[], opts: MergeOptions = {}): CompanyEntry[] {
  const file = opts.file ?? "curated.yaml";
  let list = companies.slice();
  entries.forEach((entry, i) => {
    const origin = entry.origin ?? opts.defaultOrigin;
    if (!origin) fail(file, `entry ${i + 1} (${entry.name})`, "origin is required (knowledge|corpus)");
    const hit = list.filter((c) => c.listings.some((l) => entry.listings.includes(l)));
    list = list.filter((c) => !hit.includes(c));
    const listings = uniq([...entry.listings, ...hit.flatMap((c) => c.listings)]);
    const oldNames = hit.flatMap((c) => [c.name, ...c.aliases]);
    list.push({
      id: listings[0]!,
      name: entry.name,
      fullName: entry.fullName ?? hit.find((c) => c.fullName)?.fullName,
      aliases: uniq([...entry.aliases, ...oldNames]).filter((a) => a !== entry.name),
      notMentions: uniq([...entry.notMentions, ...hit.flatMap((c) => c.notMentions)]),
      listings,
      origin,
      ambiguous: entry.ambiguous ?? hit.some((c) => c.ambiguous),
      englishNames: uniq([...(entry.englishNames ?? []), ...hit.flatMap((c) => c.englishNames)]),
      ...((entry.researchHouse ?? hit.some((c) => c.researchHouse)) && { researchHouse: true }),
    });
  });
  return list;
}

/**
 * For names carrying a status marker: adds the ST / *ST variants, and the status-free form
 * ("*ST康美" -> "康美") when it has 3+ characters and is not a name/alias of, or a prefix of
 * the name of, another company.
 */
function addStatusFreeAliases(list: CompanyEntry[]): void {
  const owners = new Map<string, number>();
  for (const c of list) for (const n of [c.name, ...c.aliases]) owners.set(n, (owners.get(n) ?? 0) + 1);
  const names = list.map((c) => c.name);
  for (const c of list) {
    for (const n of [c.name, ...c.aliases]) {
      const bare = n.replace(STATUS_MARKER_RE, "");
      if (bare === n) continue;
      // the marker changes over time: "*ST宏图" is also written "ST宏图"
      for (const variant of ["ST" + bare, "*ST" + bare]) {
        if (variant !== n && !owners.has(variant)) {
          c.aliases.push(variant);
          owners.set(variant, 1);
        }
      }
      if ([...bare].length < 3 || owners.has(bare)) continue;
      if (names.some((other) => other !== c.name && other.startsWith(bare))) continue;
      c.aliases.push(bare);
      owners.set(bare, 1);
    }
  }
}

export interface EnglishNamesRow {
  listing: string;
  /** The company's Chinese name or alias, as a check that the listing is the company meant. */
  name: string;
  englishNames: string[];
  origin: "knowledge" | "corpus";
  line: number;
}

/** Parses english-names.tsv: `listing<TAB>Chinese name<TAB>English | names<TAB>origin`. */
export function parseEnglishNamesTsv(text: string, file = "english-names.tsv"): EnglishNamesRow[] {
  const rows: EnglishNamesRow[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const where = `line ${i + 1}`;
    const [listing, name, english, origin, ...rest] = line.split("\t");
    if (rest.length || !listing || !name?.trim() || !english?.trim() || !origin) fail(file, where, "expected listing<TAB>name<TAB>English names<TAB>origin");
    if (!LISTING_ID_RE.test(listing)) fail(file, where, `bad listing id "${listing}"`);
    if (origin !== "knowledge" && origin !== "corpus") fail(file, where, `origin must be knowledge or corpus, not "${origin}"`);
    if (seen.has(listing)) fail(file, where, `duplicate listing ${listing}`);
    seen.add(listing);
    const englishNames = english.split("|").map((n) => n.trim());
    if (englishNames.some((n) => !n)) fail(file, where, "empty English name");
    rows.push({ listing, name: name.trim(), englishNames, origin, line: i + 1 });
  });
  return rows;
}

/** Adds English names to the companies the rows name; a listing no company has, or a name that is not the company's, is an error. */
export function applyEnglishNames(list: CompanyEntry[], rows: EnglishNamesRow[], file = "english-names.tsv"): void {
  const byListing = new Map<string, CompanyEntry>();
  for (const c of list) for (const l of c.listings) byListing.set(l, c);
  for (const row of rows) {
    const company = byListing.get(row.listing);
    const where = `line ${row.line}`;
    if (!company) fail(file, where, `no company has listing ${row.listing}`);
    if (company.name !== row.name && !company.aliases.includes(row.name)) {
      fail(file, where, `${row.listing} is ${company.name}, not ${row.name}`);
    }
    company.englishNames = uniq([...company.englishNames, ...row.englishNames]);
  }
}

export interface CompanyDataTexts {
  aSharesTsv: string;
  curatedYaml: string;
  ambiguousTxt?: string;
  englishNamesTsv?: string;
  /** further layers with the curated.yaml schema, applied in order (origin defaults to corpus) */
  extraYaml?: { file: string; text: string }[];
}

/** Merges the data files (as texts) into the company list, sorted by primary id. */
export function buildCompanyData(texts: CompanyDataTexts): CompanyEntry[] {
  const ambiguous = texts.ambiguousTxt ? parseAmbiguousList(texts.ambiguousTxt) : new Set<string>();
  let list: CompanyEntry[] = parseASharesTsv(texts.aSharesTsv).map((r) => ({
    id: r.id,
    name: r.name,
    aliases: [],
    notMentions: [],
    listings: [r.id],
    origin: "import",
    ambiguous: ambiguous.has(r.id),
    englishNames: [],
  }));
  list = applyEntries(list, parseCuratedYaml(texts.curatedYaml, "curated.yaml"), { file: "curated.yaml" });
  if (texts.englishNamesTsv) applyEnglishNames(list, parseEnglishNamesTsv(texts.englishNamesTsv));
  for (const layer of texts.extraYaml ?? []) {
    list = applyEntries(list, parseCuratedYaml(layer.text, layer.file), { file: layer.file, defaultOrigin: "corpus" });
  }
  addStatusFreeAliases(list);
  return list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const DATA_DIR = dirname(fileURLToPath(import.meta.url));

/** Reads a-shares.tsv, ambiguous.txt and curated.yaml from `dir` (+ optional extra YAML files). */
export function loadCompanyData(opts: { dir?: string; extraYamlFiles?: string[] } = {}): CompanyEntry[] {
  const dir = opts.dir ?? DATA_DIR;
  const read = (f: string) => readFileSync(f, "utf8");
  return buildCompanyData({
    aSharesTsv: read(join(dir, "a-shares.tsv")),
    ambiguousTxt: read(join(dir, "ambiguous.txt")),
    curatedYaml: read(join(dir, "curated.yaml")),
    englishNamesTsv: read(join(dir, "english-names.tsv")),
    extraYaml: (opts.extraYamlFiles ?? []).map((file) => ({ file, text: read(file) })),
  });
}

/** Data problems that the runtime can tolerate but tests should not: returns messages. */
export function findConflicts(list: CompanyEntry[]): string[] {
  const problems: string[] = [];
  const listingOwner = new Map<string, string>();
  const nameOwner = new Map<string, string>();
  for (const c of list) {
    if (c.id !== c.listings[0]) problems.push(`${c.name}: id ${c.id} is not its first listing`);
    for (const l of c.listings) {
      if (!LISTING_ID_RE.test(l)) problems.push(`${c.name}: bad listing id ${l}`);
      const prev = listingOwner.get(l);
      if (prev) problems.push(`listing ${l} owned by both ${prev} and ${c.name}`);
      listingOwner.set(l, c.name);
    }
    for (const n of uniq([c.name, ...c.aliases])) {
      const prev = nameOwner.get(n);
      if (prev) problems.push(`name/alias "${n}" owned by both ${prev} and ${c.id} ${c.name}`);
      nameOwner.set(n, `${c.id} ${c.name}`);
    }
  }
  return problems;
}
