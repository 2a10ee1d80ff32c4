// `from` / `to`: YYYY-MM-DD, Beijing calendar days, both inclusive.
import { endOfBeijingDay, parseBeijingDay, startOfBeijingDay } from "../dates";
import type { ArticleCondition, FilterDeclaration } from "./declaration";
import { noticeValue, type FilterNotice } from "./params";

export const datesFilter: FilterDeclaration<{ from: string | null; to: string | null }> = {
  params: ["from", "to"],
  parse(read) {
    const notices: FilterNotice[] = [];
    const day = (param: "from" | "to") => {
      const raw = read(param);
      if (!raw) return null;
      const parsed = parseBeijingDay(raw);
      if (!parsed) notices.push({ param, value: noticeValue(raw), reason: "日期格式应为 YYYY-MM-DD" });
      return parsed;
    };
    const from = day("from");
    const to = day("to");
    const matchesNothing = notices.length > 0;
    // An empty range is what was asked for: kept, with a word of warning.
    if (from && to && from > to) notices.push({ param: "to", value: to, reason: `结束日期早于开始日期 ${from}` });
    return { value: { from, to }, notices, matchesNothing };
  },
  serialize: ({ from, to }) => [...(from ? [["from", from] as [string, string]] : []), ...(to ? [["to", to] as [string, string]] : [])],
  isSet: ({ from, to }) => !!(from || to),
  chips: ({ from, to }) => (from || to ? [{ label: `日期：${from ?? "最早"} 至 ${to ?? "最新"}`, remove: { from: null, to: null } }] : []),
  describe: ({ from, to }) => (from || to ? `日期：${from ?? "最早"} 至 ${to ?? "最新"}` : null),
  widen: { label: "不限日期", remove: { from: null, to: null } },
  select({ from, to }, db) {
    // On the driving table's time column, so the range stays within its index.
    const conditions: ArticleCondition[] = [];
    if (from) conditions.push({ on: ({ time }) => db.sql`${time} >= ${db.time(startOfBeijingDay(from))}` });
    if (to) conditions.push({ on: ({ time }) => db.sql`${time} < ${db.time(endOfBeijingDay(to))}` });
    return { conditions };
  },
};
