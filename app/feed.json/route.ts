import { jsonFeed } from "@/lib/feeds";

export async function GET(request: Request) {
  const feed = await jsonFeed(new URL(request.url));
  return new Response(JSON.stringify(feed), {
    headers: { "Content-Type": "application/feed+json; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
