import { env } from "./env";

/** Public base URL for canonical links, feeds and Open Graph (SITE_URL, else localhost). */
export function siteUrl(): string {
  const { SITE_URL, PORT } = env();
  return (SITE_URL || `http://localhost:${PORT}`).replace(/\/+$/, "");
}

export const SITE_NAME = "Finews 财经阅读";
export const SITE_DESCRIPTION = "按公司、按日期阅读中文财经新闻。";
