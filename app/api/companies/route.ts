import { searchCompanies } from "@/lib/data/companies";
import { readParam, searchParamsFrom } from "@/lib/filters";

/** The company picker's search: companies with articles whose name, alias or code contains `q`. */
export async function GET(request: Request) {
  const q = readParam(searchParamsFrom(new URL(request.url).searchParams), "q") ?? "";
  const companies = await searchCompanies(q);
  return Response.json({ companies }, { headers: { "Cache-Control": "public, max-age=60" } });
}
