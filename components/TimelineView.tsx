import Link from "next/link";
import { effectiveSort, filterHref, hasFilters, withFilters, type Filters } from "@/lib/filters";
import type { TimelineQuery } from "@/lib/timeline-query";
import { ActiveFilters } from "./ActiveFilters";
import { FilterBar } from "./FilterBar";
import { Pagination } from "./Pagination";
import { Timeline } from "./Timeline";

type Props = { query: TimelineQuery; basePath: string; showCompanies?: boolean; showSources?: boolean };

/** Filters + grouped timeline + paging: the same on /, company and source pages. */
export function TimelineView({ query, basePath, showCompanies, showSources }: Props) {
  const { filters, notices, page, options, companyNames, selectedCompanies } = query;
  const href = (change: Partial<Filters>) => filterHref(basePath, withFilters(filters, change));
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem] lg:items-start">
      <aside className="lg:sticky lg:top-4 lg:col-start-2 lg:row-start-1 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
        <FilterBar
          filters={filters}
          options={options}
          basePath={basePath}
          selectedCompanies={selectedCompanies}
          showCompanies={showCompanies}
          showSources={showSources}
        />
      </aside>
      <div className="min-w-0 lg:col-start-1 lg:row-start-1">
        <ActiveFilters filters={filters} basePath={basePath} companyNames={companyNames} notices={notices} />
        {page.items.length ? (
          <Timeline articles={page.items} ranked={effectiveSort(filters) === "relevance"} />
        ) : (
          <div className="rounded-xl border border-dashed border-stone-300 p-8 text-center dark:border-stone-700" role="status">
            <p className="text-lg font-medium">没有符合条件的文章</p>
            {hasFilters(filters) && (
              <p className="mt-3 flex flex-wrap justify-center gap-3 text-sm">
                <span>试试放宽筛选：</span>
                {(filters.from || filters.to) && (
                  <Link className="text-sky-700 underline dark:text-sky-400" href={href({ from: null, to: null })}>
                    不限日期
                  </Link>
                )}
                {filters.q && (
                  <Link className="text-sky-700 underline dark:text-sky-400" href={href({ q: null, sort: null })}>
                    去掉关键词
                  </Link>
                )}
                {filters.source && (
                  <Link className="text-sky-700 underline dark:text-sky-400" href={href({ source: null })}>
                    全部来源
                  </Link>
                )}
                <Link className="text-sky-700 underline dark:text-sky-400" href={basePath}>
                  清除全部筛选
                </Link>
              </p>
            )}
          </div>
        )}
        <Pagination page={page} filters={filters} basePath={basePath} />
      </div>
    </div>
  );
}
