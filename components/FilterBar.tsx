import Form from "next/form";
import Link from "next/link";
import type { CompanyOption, FilterOptions } from "@/lib/data/types";
import { addDays } from "@/lib/dates";
import { hasFilters, withFilters, type Filters } from "@/lib/filters";
import { filterHref } from "@/lib/routes";
import { CompanyPicker } from "./CompanyPicker";
import { MarketChoice } from "./MarketChoice";

type Props = {
  filters: Filters;
  options: FilterOptions;
  /** The selected companies, shown in the picker beside the most covered ones. */
  selectedCompanies?: CompanyOption[];
  basePath: string;
  /** Hide the company picker (company pages are already about one company). */
  showCompanies?: boolean;
  /** Hide the source select (source pages). */
  showSources?: boolean;
};

/** The filter form: a plain GET form that works without JavaScript. */
export function FilterBar({ filters, options, basePath, selectedCompanies = [], showCompanies = true, showSources = true }: Props) {
  const href = (f: Filters) => filterHref(basePath, f);
  const pickerCompanies = [...selectedCompanies, ...options.topCompanies.filter((c) => !selectedCompanies.some((s) => s.id === c.id))];
  const newest = options.newestDay;
  const quickRanges = newest
    ? [
        { label: "近 7 天", from: addDays(newest, -6), to: newest },
        { label: "近 30 天", from: addDays(newest, -29), to: newest },
        { label: `${newest.slice(0, 4)} 年`, from: `${newest.slice(0, 4)}-01-01`, to: newest },
      ]
    : [];
  const inputClass = "w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-900";
  return (
    <section aria-labelledby="filters-heading" id="filters">
      {/* Collapsed on phones (the active-filter chips show what is set); always open beside the timeline on wide screens (globals.css). */}
      <details className="filters-panel rounded-xl border border-stone-200 bg-white/70 dark:border-stone-800 dark:bg-stone-900/40">
        <summary className="cursor-pointer px-4 py-3 text-sm font-medium lg:hidden">
          筛选{hasFilters(filters) && <span className="ml-2 text-stone-500">（已启用）</span>}
        </summary>
        <h2 id="filters-heading" className="hidden px-4 pt-4 text-sm font-semibold lg:block">
          筛选
        </h2>
        <Form action={basePath} scroll={false} className="grid gap-5 p-4 pt-0 lg:pt-3">
          {showCompanies && <CompanyPicker initial={pickerCompanies} selected={filters.companies} />}
          {!showCompanies && filters.companies.length > 0 && <input type="hidden" name="company" value={filters.companies.join(",")} />}
          <MarketChoice selected={filters.markets} />
          <fieldset className="min-w-0">
            <legend className="mb-1 text-sm font-medium">日期（北京时间）</legend>
            <div className="grid grid-cols-[auto_1fr] items-center gap-2 text-sm">
              <label htmlFor="filter-from">从</label>
              <input
                id="filter-from"
                type="date"
                name="from"
                defaultValue={filters.from ?? ""}
                min={options.oldestDay ?? undefined}
                max={newest ?? undefined}
                className={inputClass}
              />
              <label htmlFor="filter-to">到</label>
              <input
                id="filter-to"
                type="date"
                name="to"
                defaultValue={filters.to ?? ""}
                min={options.oldestDay ?? undefined}
                max={newest ?? undefined}
                className={inputClass}
              />
            </div>
            {quickRanges.length > 0 && (
              <p className="mt-2 flex flex-wrap gap-2 text-xs">
                {quickRanges.map((range) => (
                  <Link
                    key={range.label}
                    href={href(withFilters(filters, { from: range.from, to: range.to }))}
                    scroll={false}
                    className="rounded-full border border-stone-300 px-2 py-0.5 hover:border-stone-500 dark:border-stone-700"
                    aria-current={filters.from === range.from && filters.to === range.to ? "true" : undefined}
                  >
                    {range.label}
                  </Link>
                ))}
                <span className="text-stone-500">（相对最新一篇 {newest}）</span>
              </p>
            )}
          </fieldset>
          <div className="grid min-w-0 gap-4 sm:grid-cols-2 lg:grid-cols-1">
            {showSources ? (
              <div>
                <label htmlFor="filter-source" className="mb-1 block text-sm font-medium">
                  来源
                </label>
                <select id="filter-source" name="source" defaultValue={filters.source ?? ""} className={inputClass}>
                  <option value="">全部来源</option>
                  {options.sources.map((source) => (
                    <option key={source.name} value={source.name}>
                      {source.name}（{source.count}）
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div>
              <label htmlFor="filter-q" className="mb-1 block text-sm font-medium">
                关键词
              </label>
              <input id="filter-q" type="search" name="q" defaultValue={filters.q ?? ""} placeholder="标题或正文" className={inputClass} />
            </div>
          </div>
          <div>
            <button
              type="submit"
              className="rounded-md bg-sky-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-600 dark:hover:bg-sky-500"
            >
              应用筛选
            </button>
          </div>
        </Form>
      </details>
    </section>
  );
}
