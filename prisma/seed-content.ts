// Loads CONTENT_DIR into the database: incremental (content hashes), atomic
// (one transaction), and tolerant (bad files are reported, good ones load).
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { splitListingId } from "../lib/company-ids";
import { linkCompanies, parseCompanyDirectory, type CompanyDirectory } from "../lib/content/company-directory";
import { parseArticle, type ParsedArticle } from "../lib/content/parse-article";
import type { PrismaClient } from "../lib/db/client";

/** Bump when parsing or linking changes, so every file is re-read once. */
export const PARSER_VERSION = "2";
export const DIRECTORY_FILE = "companies.yaml";

export type SeedSummary = {
  loaded: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: number;
  duplicates: number;
  messages: string[];
};

type Candidate = { fileName: string; hash: string; article: ParsedArticle; previousId?: number };

export async function seedContent(prisma: PrismaClient, contentDir: string): Promise<SeedSummary> {
  const messages: string[] = [];
  const directoryText = await readFile(path.join(contentDir, DIRECTORY_FILE), "utf8").catch(() => {
    messages.push(`note: no ${DIRECTORY_FILE} in ${contentDir}; companies come from stock charts only`);
    return "[]";
  });
  const directory = parseCompanyDirectory(directoryText, path.join(contentDir, DIRECTORY_FILE));
  const hashPrefix = `${PARSER_VERSION}\0${sha256(directoryText)}\0`;

  const files = await listContentFiles(contentDir);
  const existing = await prisma.article.findMany({ select: { id: true, fileName: true, contentHash: true, slug: true } });
  const existingByFile = new Map(existing.map((a) => [a.fileName, a]));

  const summary: SeedSummary = { loaded: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0, duplicates: 0, messages };
  const slugOwner = new Map<string, string>();
  const candidates: Candidate[] = [];
  const keptIds = new Set<number>();

  // Every file already loaded keeps its published slug reserved, so no other
  // file (new or edited) can ever take over a URL readers may have shared.
  for (const fileName of files) {
    const previous = existingByFile.get(fileName);
    if (previous) slugOwner.set(previous.slug, fileName);
  }
  const pending: { fileName: string; hash: string; bytes: Buffer }[] = [];
  for (const fileName of files) {
    const bytes = await readFile(path.join(contentDir, fileName));
    const hash = sha256(Buffer.concat([Buffer.from(hashPrefix), bytes]));
    const previous = existingByFile.get(fileName);
    if (previous && previous.contentHash === hash) {
      summary.unchanged++;
      keptIds.add(previous.id);
    } else {
      pending.push({ fileName, hash, bytes });
    }
  }
  for (const { fileName, hash, bytes } of pending) {
    const previous = existingByFile.get(fileName);
    const result = parseArticle(fileName, bytes);
    if (!result.ok) {
      summary.rejected++;
      if (previous) keptIds.add(previous.id);
      messages.push(`rejected ${fileName}: ${result.reason}${previous ? " (kept the previously loaded version)" : ""}`);
      continue;
    }
    const owner = slugOwner.get(result.article.slug);
    if (owner && owner !== fileName) {
      summary.duplicates++;
      if (previous) keptIds.add(previous.id);
      messages.push(`duplicate ${fileName}: slug "${result.article.slug}" already belongs to ${owner}; kept ${owner}`);
      continue;
    }
    slugOwner.set(result.article.slug, fileName);
    candidates.push({ fileName, hash, article: result.article, previousId: previous?.id });
  }
  const replacedIds = new Set(candidates.flatMap((c) => (c.previousId ? [c.previousId] : [])));
  const removedIds = existing.filter((a) => !keptIds.has(a.id) && !replacedIds.has(a.id)).map((a) => a.id);
  summary.removed = removedIds.length;
  summary.updated = candidates.filter((c) => c.previousId).length;
  summary.loaded = candidates.length - summary.updated;

  const directoryChanged = !(await directoryIsLoaded(prisma, directory));
  if (candidates.length === 0 && removedIds.length === 0 && !directoryChanged) return summary;

  await prisma.$transaction(
    async (tx) => {
      await upsertDirectory(tx as unknown as PrismaClient, directory);
      for (const ids of chunks([...removedIds, ...replacedIds], 500)) await tx.article.deleteMany({ where: { id: { in: ids } } });
      for (const batch of chunks(candidates, 200)) await insertArticles(tx as unknown as PrismaClient, batch, directory);
      await tidyUp(tx as unknown as PrismaClient);
    },
    { timeout: 30 * 60 * 1000, maxWait: 60 * 1000 },
  );
  return summary;
}

async function listContentFiles(contentDir: string): Promise<string[]> {
  const entries = await readdir(contentDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith(".") && !e.name.startsWith("_") && e.name !== DIRECTORY_FILE)
    .map((e) => e.name)
    .sort();
}

async function directoryIsLoaded(prisma: PrismaClient, directory: CompanyDirectory): Promise<boolean> {
  const loaded = await prisma.listing.count({ where: { company: { inDirectory: true } } });
  const expected = directory.companies.reduce((n, c) => n + c.listings.length, 0);
  if (loaded !== expected) return false;
  const version = await prisma.contentVersion.findUnique({ where: { id: 1 } });
  return version !== null;
}

async function upsertDirectory(prisma: PrismaClient, directory: CompanyDirectory) {
  for (const company of directory.companies) {
    const data = { name: company.name, fullName: company.fullName, aliases: JSON.stringify(company.aliases), inDirectory: true };
    await prisma.company.upsert({ where: { id: company.id }, create: { id: company.id, ...data }, update: data });
    for (const listing of company.listings) {
      const { market, code } = splitListingId(listing);
      await prisma.listing.upsert({
        where: { id: listing },
        create: { id: listing, market, code, companyId: company.id },
        update: { market, code, companyId: company.id },
      });
    }
  }
  // A listing that moved out of the directory (or to another company) no longer points anywhere stale.
  const known = [...directory.byListing.keys()];
  await prisma.company.updateMany({ where: { inDirectory: true, id: { notIn: directory.companies.map((c) => c.id) } }, data: { inDirectory: false } });
  await prisma.listing.deleteMany({ where: { company: { inDirectory: true }, id: { notIn: known } } });
}

async function insertArticles(prisma: PrismaClient, batch: Candidate[], directory: CompanyDirectory) {
  const sourceIds = new Map<string, number>();
  for (const name of new Set(batch.map((c) => c.article.source))) {
    const source = await prisma.source.upsert({ where: { name }, create: { name }, update: {} });
    sourceIds.set(name, source.id);
  }
  // Chart companies outside the directory get a company of their own, named
  // after the article's inline stock link when it has one, else by code.
  for (const { article } of batch) {
    for (const chart of article.charts) {
      if (!chart.listingId || directory.byListing.has(chart.listingId)) continue;
      const { market, code } = splitListingId(chart.listingId);
      const name = article.inlineStockNames[chart.listingId] ?? code;
      await prisma.company.upsert({ where: { id: chart.listingId }, create: { id: chart.listingId, name, inDirectory: false }, update: {} });
      await prisma.listing.upsert({ where: { id: chart.listingId }, create: { id: chart.listingId, market, code, companyId: chart.listingId }, update: {} });
    }
  }
  await prisma.article.createMany({
    data: batch.map(({ fileName, hash, article }) => ({
      slug: article.slug,
      fileName,
      contentHash: hash,
      title: article.title,
      publishedAt: article.publishedAt,
      hasTime: article.hasTime,
      sourceId: sourceIds.get(article.source)!,
      originalUrl: article.originalUrl,
      bodyHtml: article.bodyHtml,
      plainText: article.plainText,
      excerpt: article.excerpt,
      wordCount: article.wordCount,
      readingMinutes: article.readingMinutes,
    })),
  });
  const ids = await prisma.article.findMany({ where: { fileName: { in: batch.map((c) => c.fileName) } }, select: { id: true, fileName: true } });
  const idByFile = new Map(ids.map((a) => [a.fileName, a.id]));
  const links = [];
  const charts = [];
  for (const { fileName, article } of batch) {
    const articleId = idByFile.get(fileName)!;
    const companyLinks = linkCompanies(article, directory);
    links.push(...companyLinks.map((link, rank) => ({ articleId, ...link, rank, publishedAt: article.publishedAt })));
    charts.push(
      ...article.charts.map((chart, position) => ({
        articleId,
        position,
        companyId: chart.listingId ? (directory.byListing.get(chart.listingId)?.id ?? chart.listingId) : null,
        code: chart.code,
        market: chart.market,
        imageUrl: chart.imageUrl,
        quoteUrl: chart.quoteUrl,
      })),
    );
  }
  if (links.length) await prisma.articleCompany.createMany({ data: links });
  if (charts.length) await prisma.chart.createMany({ data: charts });
}

/** Recounts, drops what no article needs any more, and tells servers the content changed. */
async function tidyUp(prisma: PrismaClient) {
  await prisma.$executeRawUnsafe(
    `UPDATE "Company" SET "articleCount" = (SELECT COUNT(*) FROM "ArticleCompany" ac WHERE ac."companyId" = "Company"."id")`,
  );
  await prisma.company.deleteMany({ where: { inDirectory: false, articleCount: 0, charts: { none: {} } } });
  await prisma.source.deleteMany({ where: { articles: { none: {} } } });
  const current = await prisma.contentVersion.findUnique({ where: { id: 1 } });
  const now = new Date();
  await prisma.contentVersion.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1, updatedAt: now },
    update: { version: (current?.version ?? 0) + 1, updatedAt: now },
  });
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
