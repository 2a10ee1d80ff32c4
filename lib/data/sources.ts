// Sources (outlets): the filter's list and source pages.
import { cache } from "react";
import { getPrisma } from "../db/client";
import type { SourceOption } from "./types";

/** Every source with its article count (kept by the seed), most articles first. */
export async function getSources(): Promise<SourceOption[]> {
  const rows = await getPrisma().source.findMany({ orderBy: [{ articleCount: "desc" }, { name: "asc" }], select: { name: true, articleCount: true } });
  return rows.map((s) => ({ name: s.name, count: s.articleCount }));
}

/** One source; deduplicated per request (metadata + page). */
export const getSource = cache(async (name: string): Promise<SourceOption | null> => {
  const source = await getPrisma().source.findUnique({ where: { name }, select: { name: true, articleCount: true } });
  return source ? { name: source.name, count: source.articleCount } : null;
});
