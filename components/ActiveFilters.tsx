import Link from "next/link";
import { filterChips, hasFilters, type FilterNotice, type Filters, type Labels } from "@/lib/filters";
import { filterHref } from "@/lib/routes";

type Props = {
  filters: Filters;
  basePath: string;
  labels: Labels;
  notices: FilterNotice[];
};

/** Active filters as removable chips, "clear all", and notices for ignored values. */
export function ActiveFilters({ filters, basePath, labels, notices }: Props) {
  const chips = filterChips(filters, labels).map((chip) => ({ label: chip.label, href: filterHref(basePath, chip.filters) }));
  return (
    <>
      {notices.length > 0 && (
        <div
          role="status"
          className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-medium">{filters.matchesNothing ? "以下筛选条件无法使用，因此没有匹配的文章：" : "以下筛选条件没有生效："}</p>
          <ul className="mt-1 list-disc pl-5">
            {notices.map((notice, i) => (
              <li key={i}>
                <code>
                  {notice.param}={notice.value}
                </code>
                ：{notice.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hasFilters(filters) && (
        <div className="mb-4 flex flex-wrap items-center gap-2" aria-label="当前筛选">
          {chips.map((chip) => (
            <Link
              key={chip.label}
              href={chip.href}
              scroll={false}
              className="inline-flex items-center gap-1 rounded-full bg-sky-100 px-3 py-1 text-sm text-sky-900 hover:bg-sky-200 dark:bg-sky-900 dark:text-sky-100 dark:hover:bg-sky-800"
              aria-label={`移除筛选 ${chip.label}`}
            >
              {chip.label}
              <span aria-hidden="true">×</span>
            </Link>
          ))}
          <Link
            href={basePath}
            scroll={false}
            className="text-sm text-stone-600 underline hover:text-stone-900 dark:text-stone-400 dark:hover:text-stone-100"
          >
            清除全部
          </Link>
        </div>
      )}
    </>
  );
}
