import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { siteUrl } from "@/lib/site";

export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection(); // SITE_URL is read at request time, not frozen into the build.
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/*?*before=", "/*?*after="] },
    sitemap: `${siteUrl()}/sitemap.xml`,
  };
}
