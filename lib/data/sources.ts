// Sources (outlets): the filter's list, source pages and the source filter.
import { cache } from "react";
import { getPrisma } from "../db/client";
import type { SourceOption } from "./types";

/** Every source with its article count (kept by the seed), most articles first. */
export async function getSources(): Promise<SourceOption[]> {
  const rows = await getPrisma().source.findMany({ orderBy: [{ articleCount: "desc" }, { name: "asc" }], select: { name: true, articleCount: true } });
  return rows.map((s) => ({ name: s.name, count: s.articleCount }));
}

/** One source row by name, looked up once per request (metadata, page and filter all ask). */
const sourceByName = cache((name: string) =>
  getPrisma().source.findUnique({ where: { name }, select: { id: true, name: true, articleCount: true } }),
);

export async function getSource(name: string): Promise<SourceOption | null> {
  const source = await sourceByName(name);
  return source ? { name: source.name, count: source.articleCount } : null;
}

export async function sourceIdByName(name: string): Promise<number | null> {
  return (await sourceByName(name))?.id ?? null;
}
