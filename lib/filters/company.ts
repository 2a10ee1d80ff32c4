// `company`: listing ids, comma-separated; an article matches when it is
// linked to any of their companies (usbaba selects 阿里巴巴 as hk09988 does).
import { isListingId } from "../companies/ids";
import type { FilterDeclaration } from "./declaration";
import type { Filters } from "./index";
import { noticeValue, type FilterNotice } from "./params";

export const MAX_COMPANIES = 50;

export const companyFilter: FilterDeclaration<{ companies: string[] }> = {
  params: ["company"],
  parse(read) {
    const notices: FilterNotice[] = [];
    const companies = new Set<string>();
    const dropped: string[] = [];
    let invalid = 0;
    for (const raw of (read("company") ?? "").split(/[,\s]+/).filter(Boolean)) {
      const id = raw.toLowerCase();
      if (!isListingId(id)) {
        invalid++;
        if (notices.length < 5)
          notices.push({ param: "company", value: noticeValue(raw), reason: "不是有效的公司代码（例如 hk01024、sh600519）" });
      } else if (companies.size >= MAX_COMPANIES) dropped.push(raw);
      else companies.add(id);
    }
    if (dropped.length) {
      notices.push({
        param: "company",
        value: dropped.slice(0, 3).join(",") + (dropped.length > 3 ? "…" : ""),
        reason: `一次最多筛选 ${MAX_COMPANIES} 家公司，其余 ${dropped.length} 家未计入`,
      });
    }
    return { value: { companies: [...companies].sort() }, notices, matchesNothing: invalid > 0 && !companies.size };
  },
  serialize: ({ companies }) => (companies.length ? [["company", [...companies].sort().join(",")]] : []),
  isSet: ({ companies }) => companies.length > 0,
  chips: ({ companies }, labels) =>
    companies.map((id) => ({ label: `公司：${labels[id] ?? id}`, remove: { companies: companies.filter((c) => c !== id) } })),
  describe: ({ companies }, labels) => (companies.length ? `公司：${companies.map((id) => labels[id] ?? id).join("、")}` : null),
  async select({ companies }, db) {
    if (!companies.length) return {};
    const { found, unknown } = await db.companiesByListing(companies);
    // Unknown ids stay in the filters: alone they match nothing, so the result never widens.
    return {
      nothing: !found.length,
      linkedTo: [...new Set(found.map((c) => c.id))],
      notices: unknown.map((id) => ({ param: "company", value: id, reason: "没有这家公司的文章" })),
      labels: Object.fromEntries(found.map((c) => [c.listingId, c.name])),
    };
  },
};

/**
 * The same filters with a company added, or removed when any of its listings
 * is selected (hk02338 selects 潍柴动力 as well as sz000338 does).
 */
export function toggleCompany(filters: Filters, company: { id: string; listings?: string[] }): Filters {
  const listings = company.listings ?? [company.id];
  const others = filters.companies.filter((id) => !listings.includes(id));
  const companies = others.length < filters.companies.length ? others : [...filters.companies, company.id];
  return { ...filters, companies: companies.sort() };
}
