"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import type { CompanyOption } from "@/lib/data/types";
import { parseFilters, searchParamsFrom, toggleCompany } from "@/lib/filters";
import { filterHref } from "@/lib/routes";

type Props = { initial: CompanyOption[]; selected: string[] };

/**
 * Company checkboxes inside the filter form: the most covered companies and
 * the selected ones. Without JavaScript the form's submit button applies them;
 * with it, ticking a box navigates at once and the search box asks the server
 * for any company by name, alias or code (the directory has thousands).
 */
export function CompanyPicker({ initial, selected }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [query, setQuery] = useState("");
  const needle = query.trim();
  // The server's answer for the last search typed; shown only while it is still the search in the box.
  const [result, setResult] = useState<{ needle: string; companies: CompanyOption[] } | null>(null);
  const found = needle && result?.needle === needle ? result.companies : null;

  useEffect(() => {
    if (!needle) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/companies?q=${encodeURIComponent(needle)}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : { companies: [] }))
        .then((body: { companies: CompanyOption[] }) => setResult({ needle, companies: body.companies }))
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [needle]);

  // The same filters with this company toggled, back on the first page (no cursor).
  function toggle(company: CompanyOption) {
    const { filters } = parseFilters(searchParamsFrom(new URLSearchParams(searchParams.toString())));
    router.push(filterHref(pathname, toggleCompany(filters, company)), { scroll: false });
  }
  const shown = found ?? initial;
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-sm font-medium">公司</legend>
      <label htmlFor="company-search" className="sr-only">
        搜索公司（名称、简称或代码）
      </label>
      <input
        id="company-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="名称、简称或代码"
        autoComplete="off"
        className="w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      <ul
        className="mt-2 max-h-64 overflow-y-auto rounded-md border border-stone-200 bg-white p-1 dark:border-stone-800 dark:bg-stone-900"
        aria-label="公司列表"
      >
        {shown.map((company) => {
          const checked = company.listings.some((id) => selected.includes(id));
          return (
            // data-company: the desk island adds a follow (自选) toggle beside the label.
            <li key={company.id} data-company={company.id} data-company-name={company.name} className="flex items-center">
              <label className="flex min-h-11 min-w-0 flex-1 cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-stone-100 dark:hover:bg-stone-800">
                <input
                  type="checkbox"
                  name="company"
                  value={company.id}
                  checked={checked}
                  onChange={() => toggle(company)}
                  className="size-4 accent-sky-700"
                />
                <span className="flex-1">{company.name}</span>
                <span className="font-mono text-xs text-stone-500">{company.id}</span>
                <span className="w-10 text-right text-xs text-stone-500 tabular-nums">{company.count}</span>
              </label>
            </li>
          );
        })}
        {found && found.length === 0 && <li className="px-2 py-1 text-sm text-stone-500">没有匹配“{query}”的公司</li>}
      </ul>
    </fieldset>
  );
}
