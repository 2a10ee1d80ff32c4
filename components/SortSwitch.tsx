import Link from "next/link";
import { effectiveSort, withFilters, type Filters, type SortOrder } from "@/lib/filters";
import { filterHref } from "@/lib/routes";

const ORDERS: [SortOrder, string][] = [
  ["relevance", "按相关度"],
  ["time", "按时间"],
];

/** Relevance or time order for search results: two links, the current one marked. */
export function SortSwitch({ filters, basePath }: { filters: Filters; basePath: string }) {
  const current = effectiveSort(filters);
  return (
    <nav aria-label="排序" className="mb-3 flex gap-1 text-sm">
      {ORDERS.map(([sort, label]) => (
        <Link
          key={sort}
          href={filterHref(basePath, withFilters(filters, { sort }))}
          aria-current={sort === current ? "true" : undefined}
          className="rounded-md px-3 py-1.5 text-stone-600 hover:bg-stone-100 aria-[current]:bg-stone-200 aria-[current]:font-medium aria-[current]:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:aria-[current]:bg-stone-700 dark:aria-[current]:text-white"
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
