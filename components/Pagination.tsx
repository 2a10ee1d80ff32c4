import Link from "next/link";
import type { Filters } from "@/lib/filters";
import { filterHref } from "@/lib/routes";
import type { TimelinePage } from "@/lib/data/types";

/** "第 21–40 篇，共 123 篇" with newer/older links that keep the filters. */
export function Pagination({ page, filters, basePath }: { page: TimelinePage; filters: Filters; basePath: string }) {
  const last = page.firstPosition + page.items.length - 1;
  const linkClass =
    "rounded-md border border-stone-300 px-3 py-1.5 hover:border-stone-500 hover:bg-white dark:border-stone-700 dark:hover:bg-stone-900";
  return (
    <nav aria-label="翻页" className="mt-8 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-stone-600 dark:text-stone-400" data-testid="result-count">
        {page.items.length ? `第 ${page.firstPosition}–${last} 篇，共 ${page.total} 篇` : `共 ${page.total} 篇`}
      </p>
      <div className="flex gap-2">
        {page.newer && (
          <Link rel="prev" href={filterHref(basePath, filters, page.newer)} className={linkClass}>
            {"page" in page.newer ? "← 上一页" : "← 较新"}
          </Link>
        )}
        {page.older && (
          <Link rel="next" href={filterHref(basePath, filters, page.older)} className={linkClass}>
            {"page" in page.older ? "下一页 →" : "较旧 →"}
          </Link>
        )}
      </div>
    </nav>
  );
}
