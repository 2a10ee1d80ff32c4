// Loads CONTENT_DIR into the database: incremental (files whose size and mtime
// are unchanged are not even read; changed ones are parsed only when their
// bytes changed), parallel (worker threads parse), atomic (one transaction:
// readers see the old content until the new one is complete) and tolerant
// (bad files are reported, good ones load, a file that turns bad keeps its
// previous version).
import { splitListingId } from "../lib/companies/ids";
import { loadDirectory, type CompanyDirectory } from "../lib/companies/directory";
import type { PrismaClient } from "../lib/db/client";
import { indexArticlesStatements, UNINDEXED_ARTICLES_SQL } from "../lib/search/sqlite";
import type { ParsedFile, ParseJob } from "./seed/parse-article-file";
import { parseFiles } from "./seed/parse-pool";
import { createProgress, type Progress } from "./seed/progress";
import { scanContent } from "./seed/scan";

/** Bump when parsing or linking changes, so every file is parsed again once. */
export const PARSER_VERSION = "3";

export type SeedSummary = {
  loaded: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: number;
  duplicates: number;
  messages: string[];
  /** Time per phase and the slowest one, when anything was loaded. */
  timings?: string;
};

type Existing = { id: number; fileName: string; slug: string; contentHash: string; fileSize: number; fileMtimeMs: number };
type Parsed = Extract<ParsedFile, { kind: "parsed" }>;
type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export async function seedContent(prisma: PrismaClient, contentDir: string, progress: Progress = createProgress(process.stderr, false)): Promise<SeedSummary> {
  progress.phase("scan");
  const { directory, messages } = loadDirectory(contentDir);
  const parserKey = `${PARSER_VERSION}:${directory.fingerprint}`;
  const files = scanContent(contentDir);
  const existing = await prisma.$queryRawUnsafe<Existing[]>(
    `SELECT "id", "fileName", "slug", "contentHash", "fileSize", "fileMtimeMs" FROM "Article"`,
  );
  const state = await prisma.contentVersion.findUnique({ where: { id: 1 } });
  const reparseAll = state?.parserKey !== parserKey;
  const existingByFile = new Map(existing.map((a) => [a.fileName, a]));

  const summary: SeedSummary = { loaded: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0, duplicates: 0, messages };
  // Every file already loaded keeps its published slug reserved, so no other
  // file (new or edited) can ever take over a URL readers may have shared.
  const slugOwner = new Map<string, string>();
  const present = new Set(files.map((f) => f.fileName));
  for (const row of existing) if (present.has(row.fileName)) slugOwner.set(row.slug, row.fileName);

  const jobs: ParseJob[] = [];
  for (const file of files) {
    const previous = existingByFile.get(file.fileName);
    if (previous && !reparseAll && previous.fileSize === file.size && previous.fileMtimeMs === file.mtimeMs) summary.unchanged++;
    else jobs.push({ ...file, previousHash: previous && !reparseAll ? previous.contentHash : null });
  }
  const removedIds = existing.filter((row) => !present.has(row.fileName)).map((row) => row.id);
  summary.removed = removedIds.length;
  if (jobs.length === 0 && removedIds.length === 0 && !reparseAll) return summary;

  const consider = (file: ParsedFile): "write" | "touch" | "skip" => {
    const previous = existingByFile.get(file.fileName);
    if (file.kind === "same-bytes") {
      summary.unchanged++;
      return "touch";
    }
    if (file.kind === "rejected") {
      summary.rejected++;
      messages.push(`rejected ${file.fileName}: ${file.reason}${previous ? " (kept the previously loaded version)" : ""}`);
      return "skip";
    }
    const owner = slugOwner.get(file.article.slug);
    if (owner && owner !== file.fileName) {
      summary.duplicates++;
      messages.push(`duplicate ${file.fileName}: slug "${file.article.slug}" already belongs to ${owner}; kept ${owner}`);
      return "skip";
    }
    slugOwner.set(file.article.slug, file.fileName);
    if (file.article.sourceNote) messages.push(`note ${file.fileName}: ${file.article.sourceNote}`);
    if (previous) summary.updated++;
    else summary.loaded++;
    return "write";
  };

  let changed = removedIds.length > 0 || reparseAll;
  await prisma.$transaction(
    async (tx) => {
      progress.phase("write directory");
      if (reparseAll) await writeDirectory(tx, directory);
      for (const ids of chunks(removedIds, 500)) await tx.article.deleteMany({ where: { id: { in: ids } } });
      progress.phase("parse and write", jobs.length);
      for await (const batch of parseFiles(contentDir, jobs, directory)) {
        const toWrite: Parsed[] = [];
        const touched: ParsedFile[] = [];
        for (const file of batch) {
          const action = consider(file);
          if (action === "write") toWrite.push(file as Parsed);
          if (action === "touch") touched.push(file);
        }
        const replaced = toWrite.flatMap((f) => existingByFile.get(f.fileName)?.id ?? []);
        if (replaced.length) await tx.article.deleteMany({ where: { id: { in: replaced } } });
        if (toWrite.length) await insertArticles(tx, toWrite, directory);
        for (const file of touched) {
          await tx.article.update({ where: { fileName: file.fileName }, data: { fileSize: file.size, fileMtimeMs: file.mtimeMs } });
        }
        changed ||= toWrite.length > 0;
        progress.tick(batch.length);
      }
      progress.phase("index and count");
      if (!changed) return;
      await indexUnindexed(tx);
      await tidyUp(tx, parserKey);
    },
    { timeout: 60 * 60 * 1000, maxWait: 60 * 1000 },
  );
  summary.timings = progress.summary();
  return summary;
}

/** Writes the directory's companies and listings, adding, changing and retiring only what differs. */
async function writeDirectory(tx: Tx, directory: CompanyDirectory) {
  const stored = new Map(
    (await tx.company.findMany({ where: { inDirectory: true }, select: { id: true, name: true, fullName: true, aliases: true } })).map((c) => [c.id, c]),
  );
  const fresh = [];
  for (const company of directory.companies) {
    const data = { name: company.name, fullName: company.fullName ?? null, aliases: JSON.stringify(company.aliases), inDirectory: true };
    const old = stored.get(company.id);
    stored.delete(company.id);
    if (!old) fresh.push({ id: company.id, ...data });
    else if (old.name !== data.name || old.fullName !== data.fullName || old.aliases !== data.aliases) {
      await tx.company.update({ where: { id: company.id }, data });
    }
  }
  // A company made earlier from a chart or code may now be in the directory.
  const known = new Set((await tx.company.findMany({ where: { id: { in: fresh.map((c) => c.id) } }, select: { id: true } })).map((c) => c.id));
  for (const company of fresh.filter((c) => known.has(c.id))) await tx.company.update({ where: { id: company.id }, data: company });
  for (const batch of chunks(fresh.filter((c) => !known.has(c.id)), 500)) await tx.company.createMany({ data: batch });
  if (stored.size) await tx.company.updateMany({ where: { id: { in: [...stored.keys()] } }, data: { inDirectory: false } });

  const listings = [...directory.byListing].map(([id, company]) => ({ id, ...splitListingId(id), companyId: company.id }));
  const storedListings = new Map((await tx.listing.findMany({ select: { id: true, companyId: true } })).map((l) => [l.id, l.companyId]));
  const newListings = listings.filter((l) => !storedListings.has(l.id));
  for (const listing of listings.filter((l) => storedListings.has(l.id) && storedListings.get(l.id) !== l.companyId)) {
    await tx.listing.update({ where: { id: listing.id }, data: { companyId: listing.companyId } });
  }
  for (const batch of chunks(newListings, 500)) await tx.listing.createMany({ data: batch });
}

async function insertArticles(tx: Tx, batch: Parsed[], directory: CompanyDirectory) {
  const sourceIds = new Map<string, number>();
  for (const name of new Set(batch.map((f) => f.article.source))) {
    const source = await tx.source.upsert({ where: { name }, create: { name }, update: {} });
    sourceIds.set(name, source.id);
  }
  await addDiscoveredCompanies(tx, batch, directory);
  await tx.article.createMany({
    data: batch.map(({ fileName, hash, size, mtimeMs, article }) => ({
      slug: article.slug,
      fileName,
      contentHash: hash,
      fileSize: size,
      fileMtimeMs: mtimeMs,
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
  const ids = await tx.article.findMany({ where: { fileName: { in: batch.map((f) => f.fileName) } }, select: { id: true, fileName: true } });
  const idByFile = new Map(ids.map((a) => [a.fileName, a.id]));
  const links = [];
  const charts = [];
  for (const { fileName, article, recognition } of batch) {
    const articleId = idByFile.get(fileName)!;
    links.push(...recognition.links.map((link, rank) => ({ articleId, ...link, rank, publishedAt: article.publishedAt })));
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
  if (links.length) await tx.articleCompany.createMany({ data: links });
  if (charts.length) await tx.chart.createMany({ data: charts });
}

/**
 * Listings the text names by code or chart that the directory lacks become
 * companies of their own, named by the text beside the code (by code when
 * there is none); a later name replaces a bare code.
 */
async function addDiscoveredCompanies(tx: Tx, batch: Parsed[], directory: CompanyDirectory) {
  const names = new Map<string, string | null>();
  for (const { recognition } of batch) {
    for (const { listingId, name } of recognition.discovered) {
      if (!directory.byListing.has(listingId) && !names.get(listingId)) names.set(listingId, name);
    }
  }
  if (!names.size) return;
  const stored = new Map(
    (await tx.company.findMany({ where: { id: { in: [...names.keys()] } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]),
  );
  for (const [id, name] of names) {
    const { market, code } = splitListingId(id);
    const storedName = stored.get(id);
    if (storedName === undefined) {
      await tx.company.create({ data: { id, name: name ?? code, inDirectory: false } });
      await tx.listing.upsert({ where: { id }, create: { id, market, code, companyId: id }, update: {} });
    } else if (name && storedName === code) {
      await tx.company.update({ where: { id }, data: { name } });
    }
  }
}

/** Indexes every article the search index lacks: new and edited ones (a trigger drops stale rows). */
async function indexUnindexed(tx: Tx) {
  for (;;) {
    const rows = await tx.$queryRawUnsafe<{ id: number; title: string; plainText: string }[]>(UNINDEXED_ARTICLES_SQL, 2000);
    if (!rows.length) return;
    for (const { sql, params } of indexArticlesStatements(rows)) await tx.$executeRawUnsafe(sql, ...params);
  }
}

/** Recounts, drops what no article needs any more, and tells servers the content changed. */
async function tidyUp(tx: Tx, parserKey: string) {
  await tx.$executeRawUnsafe(
    `UPDATE "Company" SET "articleCount" = (SELECT COUNT(*) FROM "ArticleCompany" ac WHERE ac."companyId" = "Company"."id")`,
  );
  await tx.$executeRawUnsafe(`UPDATE "Source" SET "articleCount" = (SELECT COUNT(*) FROM "Article" a WHERE a."sourceId" = "Source"."id")`);
  await tx.company.deleteMany({ where: { inDirectory: false, articleCount: 0, charts: { none: {} } } });
  await tx.source.deleteMany({ where: { articleCount: 0 } });
  const current = await tx.contentVersion.findUnique({ where: { id: 1 } });
  const now = new Date();
  await tx.contentVersion.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1, updatedAt: now, parserKey },
    update: { version: (current?.version ?? 0) + 1, updatedAt: now, parserKey },
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
