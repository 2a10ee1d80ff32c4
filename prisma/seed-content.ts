// Loads CONTENT_DIR into the database: incremental (files whose size and mtime
// are unchanged are not even read; changed ones are parsed only when their
// bytes changed), parallel (worker threads parse), atomic (one transaction:
// readers see the old content until the new one is complete) and tolerant
// (bad files are reported, good ones load, a file that turns bad keeps its
// previous version).
import { loadDirectory } from "../lib/companies/directory";
import type { ParsedFile, ParseJob } from "./seed/parse-article-file";
import { loadParser, parseFiles } from "./seed/parse-pool";
import { createProgress, type Progress } from "./seed/progress";
import { scanContentInBackground } from "./seed/scan";
import { openSeedStore, type ParsedForWrite, type SeedStore, type StoredVersion, type TouchedFile } from "./seed/store";

/**
 * Bump when parsing or linking changes, so every file is parsed again once.
 * A file the new rules reject then loses the version earlier rules loaded.
 */
export const PARSER_VERSION = "4";

export type SeedSummary = {
  loaded: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: number;
  /** Entries that cannot be articles (pipes, broken links, links out of the folder…): never read. */
  skipped: number;
  duplicates: number;
  messages: string[];
  /** Time per phase and the slowest one, when anything was loaded. */
  timings?: string;
};

/**
 * Loads `contentDir` into the database at `databaseUrl` (a SQLite `file:` URL
 * or a `postgresql://` one; see prisma/seed/store.ts). The caller holds the
 * seed lock (prisma/seed/lock.ts) and has applied the migrations.
 */
export async function seedContent(
  databaseUrl: string,
  contentDir: string,
  progress: Progress = createProgress(process.stderr, false),
): Promise<SeedSummary> {
  const store = await openSeedStore(databaseUrl);
  try {
    return await load(store, contentDir, progress);
  } finally {
    await store.close();
  }
}

async function load(store: SeedStore, contentDir: string, progress: Progress): Promise<SeedSummary> {
  progress.phase("scan");
  // The folder is scanned on another thread while this one reads the directory and the stored state.
  const scanning = scanContentInBackground(contentDir);
  const { directory, messages } = loadDirectory(contentDir);
  const parserKey = `${PARSER_VERSION}:${directory.fingerprint}`;
  const stored = await store.storedFiles();
  const storedKey = await store.parserKey();
  const reparseAll = storedKey !== parserKey;
  // New parsing rules (not just a new company directory): what they reject may not stay as loaded before.
  const rulesChanged = storedKey !== null && storedKey.split(":")[0] !== PARSER_VERSION;
  const dropNote = " (its previous version is removed: it was loaded under earlier parsing rules)";
  // This thread has nothing to do until the scan is done: load the parser meanwhile (any changed file needs it).
  loadParser().catch(() => {});
  const { files, skipped } = await scanning;

  const summary: SeedSummary = { loaded: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0, skipped: 0, duplicates: 0, messages };
  const jobs: ParseJob[] = [];
  const rereadNames: string[] = [];
  let stillPresent = 0;
  // An entry that cannot be read now keeps what its name loaded before, as a rejected file does.
  const keptSkipped: string[] = [];
  for (const entry of skipped) {
    const loaded = stored.get(entry.fileName) !== undefined;
    if (loaded && !rulesChanged) {
      stillPresent++;
      keptSkipped.push(entry.fileName);
    }
    summary.skipped++;
    messages.push(
      `skipped ${entry.fileName}: ${entry.reason}${loaded ? (rulesChanged ? dropNote : " (kept the previously loaded version)") : ""}`,
    );
  }
  for (const file of files) {
    const previous = stored.get(file.fileName);
    if (previous) stillPresent++;
    if (previous && !reparseAll && previous.fileSize === file.size && previous.fileMtimeMs === file.mtimeMs) {
      summary.unchanged++;
      continue;
    }
    jobs.push({ ...file, previousHash: null });
    if (previous && !reparseAll) rereadNames.push(file.fileName);
  }
  // Usually every stored file is still there, and 200,000 names need not go into a set to prove it.
  const present = stillPresent === stored.count ? null : new Set([...files.map((f) => f.fileName), ...keptSkipped]);
  const removedIds = present ? [...stored.fileNames()].filter((name) => !present.has(name)).map((name) => stored.get(name)!.id) : [];
  summary.removed = removedIds.length;
  if (jobs.length === 0 && removedIds.length === 0 && !reparseAll) return summary;

  // A changed file whose bytes hash as before was only touched: it is not parsed again.
  const versions = await store.storedVersions(rereadNames);
  for (const job of jobs) job.previousHash = versions.get(job.fileName)?.contentHash ?? null;

  // Every file already loaded keeps its published slug reserved, so no other
  // file (new or edited) can ever take over a URL readers may have shared.
  // The database says who holds a slug; `claimed` adds the slugs this load
  // gave out, `released` the old slugs of files this load rewrote.
  const claimed = new Map<string, string>();
  const released = new Map<string, string>();
  let owners = new Map<string, string>();

  const consider = (file: ParsedFile): "write" | "touch" | "skip" | "drop" => {
    const previous = stored.get(file.fileName);
    if (file.kind === "same-bytes") {
      summary.unchanged++;
      return "touch";
    }
    if (file.kind === "rejected") {
      summary.rejected++;
      if (previous && rulesChanged) {
        summary.removed++;
        messages.push(`rejected ${file.fileName}: ${file.reason}${dropNote}`);
        return "drop";
      }
      messages.push(`rejected ${file.fileName}: ${file.reason}${previous ? " (kept the previously loaded version)" : ""}`);
      return "skip";
    }
    const slug = file.article.slug;
    const owner = claimed.get(slug) ?? released.get(slug) ?? owners.get(slug);
    if (owner && owner !== file.fileName) {
      summary.duplicates++;
      messages.push(`duplicate ${file.fileName}: slug "${slug}" already belongs to ${owner}; kept ${owner}`);
      return "skip";
    }
    claimed.set(slug, file.fileName);
    if (file.article.sourceNote) messages.push(`note ${file.fileName}: ${file.article.sourceNote}`);
    if (previous) summary.updated++;
    else summary.loaded++;
    return "write";
  };

  let changed = removedIds.length > 0 || reparseAll;
  await store.begin();
  try {
    if (reparseAll) {
      progress.phase("write directory");
      await store.writeDirectory(directory);
    }
    await store.deleteArticles(removedIds);
    progress.phase("parse and write", jobs.length);
    for await (const batch of parseFiles(contentDir, jobs, directory, { searchFormat: store.searchFormat })) {
      owners = await store.slugOwners(batch.flatMap((file) => (file.kind === "parsed" ? [file.article.slug] : [])));
      const toWrite: ParsedForWrite[] = [];
      const toTouch: TouchedFile[] = [];
      const toDrop: number[] = [];
      for (const file of batch) {
        const action = consider(file);
        if (action === "write") toWrite.push(file as ParsedForWrite);
        else if (action === "touch") toTouch.push({ fileName: file.fileName, size: file.size, mtimeMs: file.mtimeMs });
        else if (action === "drop") toDrop.push(stored.get(file.fileName)!.id);
      }
      if (toTouch.length) await store.touch(toTouch);
      if (toDrop.length) await store.deleteArticles(toDrop);
      // An edited file's new version replaces its row; its old slug stays its own for the rest of this load.
      const replacedNames = toWrite.flatMap((f) => (stored.get(f.fileName) ? [f.fileName] : []));
      const replaced = replacedNames.length ? await store.storedVersions(replacedNames) : new Map<string, StoredVersion>();
      for (const [fileName, version] of replaced) released.set(version.slug, fileName);
      if (replaced.size) await store.deleteArticles([...replaced.values()].map((v) => v.id));
      if (toWrite.length) await store.insertArticles(toWrite, directory);
      changed ||= toWrite.length > 0;
      progress.tick(batch.length);
    }
    if (changed) {
      progress.phase("index and count");
      // Articles are indexed as they are written; a full reparse also covers
      // a database whose articles predate the search index.
      if (reparseAll) await store.indexUnindexed();
      await store.tidyUp(parserKey, reparseAll);
    }
    await store.commit();
  } catch (error) {
    // The load's own error is the one to report, even when the rollback fails too (a lost connection).
    await store.rollback().catch(() => {});
    throw error;
  }
  summary.timings = progress.summary();
  return summary;
}
