import { articleStatuses, MAX_STATUS_SLUGS } from "@/lib/data/desk";
import { parseStringList } from "@/lib/desk/request-body";

/**
 * The 收藏 page's check: `{ "slugs": [...] }` → the articles that still exist,
 * with their current title, source and time. One query for the whole list,
 * where a HEAD request per saved article would render each page.
 */
export async function POST(request: Request) {
  const parsed = parseStringList(await request.text(), "slugs", { max: MAX_STATUS_SLUGS, maxLength: 300 });
  if ("error" in parsed) return Response.json({ error: parsed.error }, { status: 400 });
  return Response.json({ articles: await articleStatuses(parsed.values) }, { headers: { "Cache-Control": "no-store" } });
}
