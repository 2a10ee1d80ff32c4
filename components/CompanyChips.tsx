import Link from "next/link";
import type { CompanyRef } from "@/lib/data/types";
import { companyHref } from "@/lib/routes";

const VIA_LABEL: Record<string, string> = { chart: "附股价图", title: "标题提及", body: "正文提及" };

/**
 * Company links, primary first; the strongest link (chart/title) is emphasised.
 * `data-company` lets the desk island add a follow (自选) toggle to each chip.
 */
export function CompanyChips({ companies, limit = 6 }: { companies: (CompanyRef & { via: string })[]; limit?: number }) {
  if (!companies.length) return null;
  const shown = companies.slice(0, limit);
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="相关公司">
      {shown.map((company) => (
        <li key={company.id} data-company={company.id}>
          <Link
            href={companyHref(company.id)}
            title={VIA_LABEL[company.via]}
            className={`inline-block rounded-full border px-2 py-0.5 text-xs leading-5 transition-colors ${
              company.via === "body"
                ? "border-stone-300 text-stone-600 hover:border-stone-500 dark:border-stone-700 dark:text-stone-300"
                : "border-sky-300 bg-sky-50 text-sky-800 hover:border-sky-500 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200"
            }`}
          >
            {company.name}
          </Link>
        </li>
      ))}
      {companies.length > limit && <li className="px-1 text-xs leading-6 text-stone-500">+{companies.length - limit}</li>}
    </ul>
  );
}
