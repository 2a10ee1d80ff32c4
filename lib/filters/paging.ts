// Timeline paging. In time order a cursor names the last entry seen, so pages
// stay stable when articles arrive; search results in relevance order page by number.
import { noticeValue, readParam, type FilterNotice, type SearchParams } from "./params";

export type Cursor = { publishedAt: Date; id: number; direction: "older" | "newer" } | { page: number };

/** Relevance pages stop here: nobody reads the 250th page of a ranking, and deep offsets cost. */
export const MAX_PAGE = 250;

/** The paging parameters, after the filters in every URL. */
export const PAGING_PARAMS = ["before", "after", "page"] as const;

export function parseCursor(params: SearchParams): { cursor: Cursor | null; notice: FilterNotice | null } {
  for (const [key, direction] of [
    ["before", "older"],
    ["after", "newer"],
  ] as const) {
    const raw = readParam(params, key);
    if (!raw) continue;
    const m = /^(\d{1,15})-(\d{1,10})$/.exec(raw);
    if (!m) return { cursor: null, notice: { param: key, value: noticeValue(raw), reason: "无效的翻页位置" } };
    return { cursor: { publishedAt: new Date(Number(m[1])), id: Number(m[2]), direction }, notice: null };
  }
  const page = readParam(params, "page");
  if (page) {
    const n = /^\d{1,4}$/.test(page) ? Number(page) : 0;
    if (n < 1 || n > MAX_PAGE)
      return { cursor: null, notice: { param: "page", value: noticeValue(page), reason: `页码应为 1–${MAX_PAGE}` } };
    return { cursor: n > 1 ? { page: n } : null, notice: null };
  }
  return { cursor: null, notice: null };
}

export function formatCursor(entry: { publishedAt: Date; id: number }): string {
  return `${entry.publishedAt.getTime()}-${entry.id}`;
}
