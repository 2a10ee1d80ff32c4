// `q`: full-text search over title and text (the query language is lib/search/query.ts).
import type { FilterDeclaration } from "./declaration";
import { textParameter } from "./text";

export const searchFilter: FilterDeclaration<{ q: string | null }> = {
  ...textParameter("q", "q"),
  // The order only means something for a search: it goes with it.
  chips: ({ q }) => (q ? [{ label: `关键词：${q}`, remove: { q: null, sort: null } }] : []),
  describe: ({ q }) => (q ? `关键词：${q}` : null),
  widen: { label: "去掉关键词", remove: { q: null, sort: null } },
  select: ({ q }) => (q ? { search: q } : {}),
};
