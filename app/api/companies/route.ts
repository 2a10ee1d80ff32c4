import { searchCompanies } from "@/lib/data/companies";

/** The company picker's search: companies with articles whose name, alias or code contains `q`. */
export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const companies = await searchCompanies(q);
  return Response.json({ companies }, { headers: { "Cache-Control": "public, max-age=60" } });
}
