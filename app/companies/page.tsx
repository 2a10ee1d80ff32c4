import type { Metadata } from "next";
import Link from "next/link";
import { getCompanyIndex } from "@/lib/data/companies";

export const metadata: Metadata = { title: "公司", description: "按报道数量排列的上市公司。", alternates: { canonical: "/companies" } };

export default async function CompaniesPage() {
  const companies = await getCompanyIndex();
  const covered = companies.filter((c) => c.count > 0);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">公司</h1>
      <p className="mb-6 text-sm text-stone-600 dark:text-stone-400">{covered.length} 家公司有相关报道，按文章数量排序。</p>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {covered.map((company) => (
          <li key={company.id}>
            <Link href={`/companies/${company.id}`} className="flex items-baseline justify-between gap-3 rounded-lg border border-stone-200 bg-white px-4 py-3 hover:border-stone-400 dark:border-stone-800 dark:bg-stone-900">
              <span>
                <span className="font-medium">{company.name}</span>{" "}
                <span className="font-mono text-xs text-stone-500">{company.listings.join(" · ")}</span>
              </span>
              <span className="text-sm tabular-nums text-stone-600 dark:text-stone-400">{company.count} 篇</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
