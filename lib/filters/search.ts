// `q`: full-text search over title and text (the query language is lib/search/query.ts).
import type { FilterDeclaration } from "./declaration";
import { parseText } from "./text";

export const searchFilter: FilterDeclaration<{ q: string | null }> = {
  params: ["q"],
  parse(read) {
    const { value, ...rest } = parseText(read, "q");
    return { value: { q: value }, ...rest };
  },
  serialize: ({ q }) => (q ? [["q", q]] : []),
  isSet: ({ q }) => !!q,
  // The order only means something for a search: it goes with it.
  chips: ({ q }) => (q ? [{ label: `关键词：${q}`, remove: { q: null, sort: null } }] : []),
  describe: ({ q }) => (q ? `关键词：${q}` : null),
  widen: { label: "去掉关键词", remove: { q: null, sort: null } },
  select: ({ q }) => (q ? { search: q } : {}),
};
