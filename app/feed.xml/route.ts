import { atomFeed } from "@/lib/feeds";

export async function GET(request: Request) {
  return new Response(await atomFeed(new URL(request.url)), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
