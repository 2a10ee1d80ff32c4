import * as yaml from "js-yaml";
import { z } from "zod";
import { LISTING_ID_RE } from "../company-ids";

const entrySchema = z.object({
  name: z.string().trim().min(1),
  fullName: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(2)).default([]),
  /** Phrases that contain a name but mean something else (徐小米 is a person, not 小米). */
  notMentions: z.array(z.string().trim().min(2)).default([]),
  listings: z.array(z.string().regex(LISTING_ID_RE, "not a listing id like hk01024, sh600519, usbaba")).min(1),
});

export type DirectoryCompany = z.infer<typeof entrySchema> & {
  /** The primary listing id, used as the company's id. */
  id: string;
};

export type CompanyDirectory = {
  companies: DirectoryCompany[];
  /** Every listing id (hk09988, usbaba…) → its company. */
  byListing: Map<string, DirectoryCompany>;
};

/** Reads companies.yaml; throws an error naming the entry and field when it is malformed. */
export function parseCompanyDirectory(text: string, fileName = "companies.yaml"): CompanyDirectory {
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA });
  } catch (error) {
    throw new Error(`${fileName}: invalid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  if (!Array.isArray(raw)) throw new Error(`${fileName}: expected a list of companies`);
  const companies: DirectoryCompany[] = [];
  const byListing = new Map<string, DirectoryCompany>();
  const byTerm = new Map<string, string>();
  raw.forEach((entry, index) => {
    const result = entrySchema.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${fileName}: entry ${index + 1}, ${issue.path.join(".") || "entry"}: ${issue.message}`);
    }
    const company = { ...result.data, id: result.data.listings[0] };
    for (const listing of company.listings) {
      if (byListing.has(listing)) throw new Error(`${fileName}: listing ${listing} appears twice`);
      byListing.set(listing, company);
    }
    for (const term of [company.name, ...company.aliases]) {
      const owner = byTerm.get(term);
      if (owner && owner !== company.id) throw new Error(`${fileName}: name "${term}" is used by ${owner} and ${company.id}`);
      byTerm.set(term, company.id);
    }
    companies.push(company);
  });
  return { companies, byListing };
}

export type LinkVia = "chart" | "title" | "body";
export type CompanyLink = { companyId: string; via: LinkVia; mentions: number };
type Mentionable = { title: string; plainText: string; charts: { listingId: string | null }[] };

const VIA_RANK: Record<LinkVia, number> = { chart: 0, title: 1, body: 2 };

/**
 * Links an article to companies: by its stock charts, then by names and aliases
 * in the title and body. Matching is leftmost-longest over all names at once,
 * so 腾讯音乐 is not also counted as 腾讯. Unknown chart listings link to their
 * own listing id (the seed creates a company for them). Primary companies first.
 */
export function linkCompanies(article: Mentionable, directory: CompanyDirectory): CompanyLink[] {
  const links = new Map<string, CompanyLink>();
  const add = (companyId: string, via: LinkVia, mentions: number) => {
    const link = links.get(companyId) ?? { companyId, via, mentions: 0 };
    if (VIA_RANK[via] < VIA_RANK[link.via]) link.via = via;
    link.mentions += mentions;
    links.set(companyId, link);
  };
  for (const chart of article.charts) {
    if (!chart.listingId) continue;
    const companyId = directory.byListing.get(chart.listingId)?.id ?? chart.listingId;
    if (!links.has(companyId)) add(companyId, "chart", 0);
  }
  const matcher = getMatcher(directory);
  for (const [field, text] of [["title", article.title], ["body", article.plainText]] as const) {
    for (const [companyId, count] of matcher(text)) add(companyId, field, count);
  }
  return [...links.values()].sort((a, b) => VIA_RANK[a.via] - VIA_RANK[b.via] || b.mentions - a.mentions);
}

type Matcher = (text: string) => Map<string, number>;
const matchers = new WeakMap<CompanyDirectory, Matcher>();

function getMatcher(directory: CompanyDirectory): Matcher {
  let matcher = matchers.get(directory);
  if (matcher) return matcher;
  const termOwner = new Map<string, string | null>();
  for (const company of directory.companies) {
    for (const term of [company.name, ...company.aliases]) termOwner.set(term, company.id);
  }
  // Longer phrases win, so a listed non-mention swallows the name inside it.
  for (const company of directory.companies) {
    for (const phrase of company.notMentions) termOwner.set(phrase, null);
  }
  const terms = [...termOwner.keys()].sort((a, b) => b.length - a.length);
  if (terms.length === 0) return () => new Map();
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(terms.map(escape).join("|"), "g");
  matcher = (text) => {
    const counts = new Map<string, number>();
    for (const match of text.matchAll(pattern)) {
      const term = match[0];
      // Latin names (NIO, B站) must not be parts of longer Latin words.
      if (/^[A-Za-z0-9]/.test(term) && /[A-Za-z0-9]/.test(text[match.index - 1] ?? "")) continue;
      if (/[A-Za-z0-9]$/.test(term) && /[A-Za-z0-9]/.test(text[match.index + term.length] ?? "")) continue;
      const companyId = termOwner.get(term);
      if (!companyId) continue;
      counts.set(companyId, (counts.get(companyId) ?? 0) + 1);
    }
    return counts;
  };
  matchers.set(directory, matcher);
  return matcher;
}
