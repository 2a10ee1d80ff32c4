import { searchCompanies } from "@/lib/data/companies";
import { readParam, searchParamsFrom } from "@/lib/filters";
import { MAX_RESOLVE_TERMS, MAX_TERM_LENGTH, resolveCompanyTerms } from "@/lib/data/desk";
import { parseStringList } from "@/lib/desk/request-body";

/** The company picker's search: companies with articles whose name, alias or code contains `q`. */
export async function GET(request: Request) {
  const q = readParam(searchParamsFrom(new URL(request.url).searchParams), "q") ?? "";
  const companies = await searchCompanies(q);
  return Response.json({ companies }, { headers: { "Cache-Control": "public, max-age=60" } });
}

/**
 * A watchlist import: `{ "terms": ["600519", "00700.HK", "腾讯"] }` → the company
 * each term names (lib/data/desk.ts). POST because the list can be long, and
 * the response cache keys GETs by the filter parameters only.
 */
export async function POST(request: Request) {
  const parsed = parseStringList(await request.text(), "terms", { max: MAX_RESOLVE_TERMS, maxLength: MAX_TERM_LENGTH });
  if ("error" in parsed) return Response.json({ error: parsed.error }, { status: 400 });
  return Response.json({ results: await resolveCompanyTerms(parsed.values) }, { headers: { "Cache-Control": "no-store" } });
}
