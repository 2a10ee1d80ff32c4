// `sort`: relevance or time, for search results (without `q` the timeline is always in time order).
import type { FilterDeclaration } from "./declaration";
import type { Filters } from "./index";
import { noticeValue } from "./params";
import { searchFilter } from "./search";

export type SortOrder = "relevance" | "time";

/** The order a timeline is shown in: relevance only makes sense for a search. */
export function effectiveSort(filters: Pick<Filters, "q" | "sort">): SortOrder {
  return filters.q ? (filters.sort ?? "relevance") : "time";
}

export const sortFilter: FilterDeclaration<{ sort: SortOrder | null }> = {
  params: ["sort"],
  parse(read) {
    const raw = read("sort");
    if (!raw) return { value: { sort: null }, notices: [] };
    // Without a search there is nothing to order by relevance: the order is the default.
    if (raw === "relevance" || raw === "time") return { value: { sort: searchFilter.parse(read).value.q ? raw : null }, notices: [] };
    return {
      value: { sort: null },
      notices: [{ param: "sort", value: noticeValue(raw), reason: "排序只能是 relevance（相关度）或 time（时间）" }],
    };
  },
  // Explicit order; null means the default. Kept in links only with a search.
  serialize: ({ sort }, filters) => (sort && filters.q ? [["sort", sort]] : []),
  isSet: () => false,
  chips: () => [],
  describe: () => null,
};
