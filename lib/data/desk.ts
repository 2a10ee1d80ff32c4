// What the reader's desk (lib/desk/, kept in the browser) asks the server: which
// companies an imported list means, and whether saved articles still exist.
// Read-only lookups: the server learns nothing it keeps.
import { getPrisma } from "../db/client";
import { queryRows } from "../db/query";
import { sql } from "../db/sql";
import { listingIdForCode } from "../desk/codes";
import { publishedAttribute } from "../desk/published";
import { companyOptions, searchCompanies } from "./companies";
import type { CompanyOption } from "./types";

/** One imported term: the company it names, or the companies it could mean when it names none outright. */
export type TermResolution = { term: string; company: CompanyOption | null; candidates: CompanyOption[] };

export const MAX_RESOLVE_TERMS = 200;
export const MAX_TERM_LENGTH = 40;
const CANDIDATES = 5;

/**
 * Each term as a company: by listing id or code first, then an exact name or
 * alias, then a name containing it when exactly one company with articles has
 * one (else the few it could mean, for the reader to pick).
 */
export async function resolveCompanyTerms(rawTerms: string[]): Promise<TermResolution[]> {
  const terms = [...new Set(rawTerms.map((t) => t.trim()).filter((t) => t && Array.from(t).length <= MAX_TERM_LENGTH))].slice(0, MAX_RESOLVE_TERMS);
  if (!terms.length) return [];
  const prisma = getPrisma();
  const companyOf = new Map<string, string>();

  const codeIds = new Map(terms.flatMap((term) => {
    const id = listingIdForCode(term);
    return id ? [[term, id] as const] : [];
  }));
  const listings = await prisma.listing.findMany({ where: { id: { in: [...new Set(codeIds.values())] } }, select: { id: true, companyId: true } });
  const listingCompany = new Map(listings.map((l) => [l.id, l.companyId]));
  for (const [term, id] of codeIds) if (listingCompany.has(id)) companyOf.set(term, listingCompany.get(id)!);

  const byName = await prisma.company.findMany({
    where: { name: { in: terms.filter((t) => !companyOf.has(t)) } },
    orderBy: { articleCount: "desc" },
    select: { id: true, name: true },
  });
  for (const c of byName) if (!companyOf.has(c.name)) companyOf.set(c.name, c.id);

  const candidatesOf = new Map<string, string[]>();
  for (const term of terms.filter((t) => !companyOf.has(t))) {
    const alias = `%${JSON.stringify(term).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const [byAlias] = await queryRows<{ id: string }>(
      sql`SELECT c."id" FROM "Company" c WHERE CAST(c."aliases" AS TEXT) LIKE ${alias} ESCAPE '\\' ORDER BY c."articleCount" DESC, c."id" LIMIT 1`,
    );
    if (byAlias) {
      companyOf.set(term, byAlias.id);
      continue;
    }
    const found = await searchCompanies(term, CANDIDATES);
    if (found.length === 1) companyOf.set(term, found[0].id);
    else candidatesOf.set(term, found.map((c) => c.id));
  }

  const options = await companyOptions([...new Set([...companyOf.values(), ...[...candidatesOf.values()].flat()])]);
  const option = new Map(options.map((o) => [o.id, o]));
  return terms.map((term) => ({
    term,
    company: option.get(companyOf.get(term) ?? "") ?? null,
    candidates: (candidatesOf.get(term) ?? []).flatMap((id) => option.get(id) ?? []),
  }));
}

export type ArticleStatus = { slug: string; title: string; source: string; published: string };

export const MAX_STATUS_SLUGS = 500;

/** The saved articles that still exist, with their current title, source and time (`data-published` form). */
export async function articleStatuses(slugs: string[]): Promise<ArticleStatus[]> {
  const wanted = [...new Set(slugs)].slice(0, MAX_STATUS_SLUGS);
  if (!wanted.length) return [];
  const rows = await getPrisma().article.findMany({
    where: { slug: { in: wanted } },
    select: { slug: true, title: true, publishedAt: true, hasTime: true, source: { select: { name: true } } },
  });
  return rows.map((r) => ({ slug: r.slug, title: r.title, source: r.source.name, published: publishedAttribute(r.publishedAt, r.hasTime) }));
}

