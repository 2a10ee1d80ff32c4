/**
 * Regenerates the imported half of the company directory:
 *   lib/companies/data/a-shares.tsv   every Shanghai/Shenzhen A-share (id<TAB>name)
 *   lib/companies/data/ambiguous.txt  A-share names that are also common words
 *
 * Sources (fetched with `npm pack` into a temp dir; never added to package.json):
 *   - hqchart (Apache-2.0): package/src/jscommon/umychart.testdata/symbollist_shsz.js
 *   - @node-rs/jieba (MIT): package/dict.txt (jieba's word/frequency/POS dictionary)
 *
 * Run: npx tsx scripts/import-companies.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HQCHART = { name: "hqchart", version: "1.1.15808", license: "Apache-2.0" };
const HQCHART_FILE = "package/src/jscommon/umychart.testdata/symbollist_shsz.js";
const JIEBA = { name: "@node-rs/jieba", version: "2.0.3", license: "MIT" };
const JIEBA_FILE = "package/dict.txt";

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "lib", "companies", "data");

/** Stock boards kept (indices, funds, bonds and B shares are dropped). */
const STOCK_PREFIXES: Record<"sh" | "sz", string[]> = {
  sh: ["600", "601", "603", "605", "688", "689"],
  sz: ["000", "001", "002", "003", "300", "301"],
};

/** Trading-status markers that exchanges prepend to a name (S*ST, *ST, SST, ST, PT, S). */
export const STATUS_MARKER_RE = /^(?:S\*ST|\*ST|SST|ST|PT|S)(?=\p{Script=Han})/u;

/** Ambiguity rule parameters (documented in lib/companies/data/README.md). */
const MIN_FREQ = 20;
const PROPER_NOUN_POS = new Set(["nr", "nrt", "nrfg", "nz", "nt", "j"]);
export const COMPANY_MORPHEMES = [
  "股份",
  "集团",
  "控股",
  "科技",
  "高科",
  "银行",
  "证券",
  "保险",
  "信托",
  "期货",
  "传媒",
  "电气",
  "电子",
  "电器",
  "电力",
  "汽车",
  "药业",
  "医药",
  "制药",
  "生物",
  "机场",
  "在线",
  "实业",
  "发展",
  "投资",
  "能源",
  "化工",
  "材料",
  "航空",
  "高速",
];

function npmPackExtract(spec: string, dir: string): string {
  const out = execFileSync("npm", ["pack", spec, "--pack-destination", dir, "--silent"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const tgz = out.trim().split("\n").pop()!.trim();
  const dest = join(dir, tgz.replace(/\.tgz$/, ""));
  execFileSync("mkdir", ["-p", dest]);
  execFileSync("tar", ["-xzf", join(dir, tgz), "-C", dest]);
  return dest;
}

export function normaliseName(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, "");
}

interface Row {
  id: string;
  name: string;
}

export function parseSymbolList(text: string): Row[] {
  const start = text.indexOf("[");
  const list = JSON.parse(text.slice(start)) as [string, string, string, string | null][];
  const rows: Row[] = [];
  for (const [symbol, name, kind] of list) {
    const m = /^(\d{6})\.(sh|sz)$/.exec(symbol);
    if (!m || kind !== "EQA") continue;
    const [, code, market] = m as unknown as [string, string, "sh" | "sz"];
    if (!STOCK_PREFIXES[market].includes(code.slice(0, 3))) continue;
    rows.push({ id: market + code, name: normaliseName(name) });
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.filter((r, i) => i === 0 || rows[i - 1]!.id !== r.id);
}

interface DictEntry {
  freq: number;
  pos: string;
}

export function parseJiebaDict(text: string): Map<string, DictEntry> {
  const dict = new Map<string, DictEntry>();
  for (const line of text.split("\n")) {
    const [word, freq, pos] = line.trim().split(" ");
    if (word && freq) dict.set(word, { freq: Number(freq), pos: pos ?? "" });
  }
  return dict;
}

export function ambiguousRows(rows: Row[], dict: Map<string, DictEntry>) {
  const out: { id: string; name: string; freq: number; pos: string }[] = [];
  for (const row of rows) {
    const name = row.name.replace(STATUS_MARKER_RE, "");
    const entry = dict.get(name);
    if (!entry) continue;
    if (entry.freq < MIN_FREQ || PROPER_NOUN_POS.has(entry.pos)) continue;
    if (COMPANY_MORPHEMES.some((m) => name.includes(m))) continue;
    out.push({ id: row.id, name, ...entry });
  }
  return out;
}

function main() {
  const tmp = mkdtempSync(join(tmpdir(), "import-companies-"));
  const today = new Date().toISOString().slice(0, 10);
  try {
    const hq = npmPackExtract(`${HQCHART.name}@${HQCHART.version}`, tmp);
    const rows = parseSymbolList(readFileSync(join(hq, HQCHART_FILE), "utf8"));
    if (rows.length < 4000) throw new Error(`only ${rows.length} A-shares parsed from ${HQCHART_FILE}`);
    const tsv = [
      `# A-share directory (Shanghai 600/601/603/605/688/689, Shenzhen 000/001/002/003/300/301).`,
      `# source: npm package ${HQCHART.name}@${HQCHART.version}, file ${HQCHART_FILE}`,
      `# licence: ${HQCHART.license} (hqchart by jones2000)`,
      `# imported: ${today} by scripts/import-companies.ts; names NFKC-normalised, spaces removed,`,
      `# otherwise as given (status markers such as ST/*ST/PT kept; delisted codes included).`,
      `# columns: id<TAB>name`,
      ...rows.map((r) => `${r.id}\t${r.name}`),
    ].join("\n");
    writeFileSync(join(OUT_DIR, "a-shares.tsv"), tsv + "\n");

    const jb = npmPackExtract(`${JIEBA.name}@${JIEBA.version}`, tmp);
    const dict = parseJiebaDict(readFileSync(join(jb, JIEBA_FILE), "utf8"));
    const amb = ambiguousRows(rows, dict);
    const txt = [
      `# A-share names that are also common words: a mention needs market context.`,
      `# Generated by scripts/import-companies.ts on ${today} from a-shares.tsv and the`,
      `# jieba dictionary in npm ${JIEBA.name}@${JIEBA.version} (${JIEBA_FILE}, ${JIEBA.license}).`,
      `# Rule: the name (status marker such as ST/*ST removed) is a dictionary word with`,
      `#   frequency >= ${MIN_FREQ}, its POS tag is not a proper-noun/abbreviation tag`,
      `#   (${[...PROPER_NOUN_POS].join(", ")}; so ns place names DO count), and it contains none of`,
      `#   the company morphemes ${COMPANY_MORPHEMES.join(" ")}.`,
      `# Manual additions/removals: \`ambiguous: true|false\` in curated.yaml.`,
      `# columns: name<TAB>id<TAB>jieba frequency<TAB>jieba POS`,
      ...amb.map((a) => `${a.name}\t${a.id}\t${a.freq}\t${a.pos}`),
    ].join("\n");
    writeFileSync(join(OUT_DIR, "ambiguous.txt"), txt + "\n");
    console.log(`a-shares.tsv: ${rows.length} rows; ambiguous.txt: ${amb.length} names`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
