"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { parseFilters, searchParamsFrom, serializeFilters, toggleCompany } from "@/lib/filters";

export type PickerCompany = { id: string; name: string; count: number; aliases: string[]; listings: string[] };

type Props = { companies: PickerCompany[]; selected: string[] };

/**
 * Company checkboxes inside the filter form. Without JavaScript the form's
 * submit button applies them; with it, ticking a box navigates at once and the
 * search box narrows the list by name, alias or code.
 */
export function CompanyPicker({ companies, selected }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // The same filters with this company toggled, back on the first page (no cursor).
  function toggle(company: PickerCompany) {
    const { filters } = parseFilters(searchParamsFrom(new URLSearchParams(searchParams.toString())));
    router.push(`${pathname}${serializeFilters(toggleCompany(filters, company))}`, { scroll: false });
  }
  const [query, setQuery] = useState("");
  const needle = query.trim().toLowerCase();
  const shown = useMemo(
    () =>
      needle
        ? companies.filter((c) => [c.name, ...c.aliases, ...c.listings].some((term) => term.toLowerCase().includes(needle)))
        : companies,
    [companies, needle],
  );
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-sm font-medium">公司</legend>
      <label htmlFor="company-search" className="sr-only">
        搜索公司（名称、简称或代码，快捷键 /）
      </label>
      <input
        id="company-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="名称、简称或代码"
        autoComplete="off"
        className="w-full rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      <ul className="mt-2 max-h-56 overflow-y-auto rounded-md border border-stone-200 bg-white p-1 dark:border-stone-800 dark:bg-stone-900" aria-label="公司列表">
        {shown.map((company) => {
          const checked = selected.includes(company.id) || company.listings.some((id) => selected.includes(id));
          return (
            <li key={company.id}>
              <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-stone-100 dark:hover:bg-stone-800">
                <input
                  type="checkbox"
                  name="company"
                  value={company.id}
                  checked={checked}
                  onChange={() => toggle(company)}
                  className="accent-sky-700"
                />
                <span className="flex-1">{company.name}</span>
                <span className="font-mono text-xs text-stone-500">{company.id}</span>
                <span className="w-8 text-right text-xs tabular-nums text-stone-500">{company.count}</span>
              </label>
            </li>
          );
        })}
        {shown.length === 0 && <li className="px-2 py-1 text-sm text-stone-500">没有匹配“{query}”的公司</li>}
      </ul>
    </fieldset>
  );
}
