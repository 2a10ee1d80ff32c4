// Names for eastmoney's sector boards (market 90): a chart or link has the board's
// code (BK1037) and no company; readers expect its name (消费电子).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DATA_DIR } from "./data/load-data";

/** eastmoney's sector boards (market 90) the shipped table names: BK1037 → 消费电子. */
export function parseSectorBoards(text: string, file = "sector-boards.tsv"): Map<string, string> {
  const boards = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const [code, name, origin] = line.split("\t");
    if (!code || !/^BK\d{4}$/.test(code) || !name?.trim() || !["corpus", "knowledge"].includes(origin ?? "")) {
      throw new Error(`${file}: line ${i + 1}: expected BKnnnn<TAB>name<TAB>corpus|knowledge`);
    }
    boards.set(code, name.trim());
  });
  return boards;
}

let shippedBoards: Map<string, string> | null = null;

/** The board's name (BK1037 → 消费电子), from the shipped table or names learned from articles; null when unknown. */
export function sectorBoardName(code: string, learned?: ReadonlyMap<string, string>): string | null {
  shippedBoards ??= parseSectorBoards(readFileSync(join(DATA_DIR, "sector-boards.tsv"), "utf8"));
  const key = code.trim().toUpperCase().replace(/^90\./, "");
  return learned?.get(key) ?? shippedBoards.get(key) ?? null;
}

// eastmoney's inline links name the board they point at:
// <a href="…/unify/r/90.BK1037" class="keytip" data-code="90,BK1037">消费电子</a>.
const BOARD_LINK_RE = /data-code="90,(BK\d{4})"[^>]*>\s*([^<>]{1,20}?)\s*</g;

/** Board names an article's HTML gives its inline links: { BK1037: 消费电子 }. The first name per board wins. */
export function boardNamesInHtml(html: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const [, code, name] of html.matchAll(BOARD_LINK_RE)) if (!names.has(code)) names.set(code, name);
  return names;
}
