import Link from "next/link";
import { effectiveSort, hasFilters, widenings, withFilters, type Filters } from "@/lib/filters";
import { filterHref } from "@/lib/routes";
import type { TimelineQuery } from "@/lib/timeline-query";
import { ActiveFilters } from "./ActiveFilters";
import { FilterBar } from "./FilterBar";
import { Pagination } from "./Pagination";
import { SortSwitch } from "./SortSwitch";
import { Timeline } from "./Timeline";

type Props = { query: TimelineQuery; basePath: string; showCompanies?: boolean; showSources?: boolean };

/** Filters + grouped timeline + paging: the same on /, company and source pages. */
export function TimelineView({ query, basePath, showCompanies, showSources }: Props) {
  const { filters, notices, page, options, labels, selectedCompanies, suggestedCompanies } = query;
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
        <ActiveFilters filters={filters} basePath={basePath} labels={labels} notices={notices} />
        {suggestedCompanies.length > 0 && (
          <p className="mb-4 flex flex-wrap items-center gap-2 text-sm" data-testid="company-suggestion">
            <span className="text-stone-600 dark:text-stone-400">按公司筛选：</span>
            {suggestedCompanies.map((company) => (
              <Link
                key={company.id}
                href={href({ companies: [company.id], q: null, sort: null })}
                className="inline-flex min-h-9 items-center gap-1.5 rounded-full border border-sky-300 bg-sky-50 px-3 text-sky-900 hover:border-sky-500 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
              >
                {company.name} <span className="font-mono text-xs">{company.id}</span>
              </Link>
            ))}
          </p>
        )}
        {filters.q && page.total > 0 && <SortSwitch filters={filters} basePath={basePath} />}
        {page.items.length ? (
          <Timeline articles={page.items} ranked={effectiveSort(filters) === "relevance"} />
        ) : (
          <div className="rounded-xl border border-dashed border-stone-300 p-8 text-center dark:border-stone-700" role="status">
            <p className="text-lg font-medium">没有符合条件的文章</p>
            {hasFilters(filters) && (
              <p className="mt-3 flex flex-wrap justify-center gap-3 text-sm">
                <span>试试放宽筛选：</span>
                {widenings(filters).map((widening) => (
                  <Link
                    key={widening.label}
                    className="text-sky-700 underline dark:text-sky-400"
                    href={filterHref(basePath, widening.filters)}
                  >
                    {widening.label}
                  </Link>
                ))}
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
