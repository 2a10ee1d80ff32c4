// Lists the article files of a content folder with their size and mtime, so
// unchanged files can be skipped without being read, and the entries that
// cannot be articles (pipes, sockets, broken links, links out of the folder,
// folders named like files), each with the reason, so db:setup can say so.
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { OVERLAY_FILE } from "../../lib/companies/directory";

export type ContentFile = {
  fileName: string;
  size: number;
  mtimeMs: number;
  /** Reached through a symbolic link (to a file inside the folder): the reader checks where it leads again. */
  linked?: true;
};
export type SkippedEntry = { fileName: string; reason: string };
export type ContentScan = { files: ContentFile[]; skipped: SkippedEntry[] };

const isArticleName = (name: string) => !name.startsWith(".") && !name.startsWith("_") && name !== OVERLAY_FILE;
const byName = (a: { fileName: string }, b: { fileName: string }) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0);
// A folder is reported only when its name says "file" (2024-01-01-x.md/); other folders are not content.
const LOOKS_LIKE_A_FILE = /\.[A-Za-z0-9]{1,10}$/;

/** Whether `target` (a real path) lies inside the folder whose real path is `realDir`. */
export function isInside(realDir: string, target: string): boolean {
  return target.startsWith(realDir.endsWith(path.sep) ? realDir : realDir + path.sep);
}

/**
 * What a directory entry other than a plain regular file is: an article file
 * (a link to a file inside the folder), a skipped entry with its reason, or
 * null for what is silently not content (an ordinary folder, an entry gone
 * meanwhile). Never opens the entry: a FIFO would block the seed.
 */
function classify(contentDir: string, realDir: () => string, name: string): ContentFile | SkippedEntry | null {
  const full = path.join(contentDir, name);
  const entry = lstatSync(full, { throwIfNoEntry: false });
  if (!entry) return null;
  let info: Stats = entry;
  const linked = entry.isSymbolicLink();
  if (linked) {
    let target: Stats | undefined;
    try {
      target = statSync(full, { throwIfNoEntry: false });
    } catch (error) {
      return { fileName: name, reason: `a link that cannot be followed (${(error as NodeJS.ErrnoException).code ?? "error"})` };
    }
    if (!target) return { fileName: name, reason: "a link to nothing (its target does not exist)" };
    const real = realpathSync.native(full);
    if (!isInside(realDir(), real)) return { fileName: name, reason: `a link to ${real}, outside CONTENT_DIR: not published` };
    info = target;
  }
  if (info.isFile()) return { fileName: name, size: info.size, mtimeMs: info.mtimeMs, ...(linked ? { linked: true as const } : {}) };
  if (info.isDirectory()) return LOOKS_LIKE_A_FILE.test(name) || linked ? { fileName: name, reason: "a folder, not a file" } : null;
  const kind = info.isFIFO() ? "a named pipe (FIFO)" : info.isSocket() ? "a socket" : "a device";
  return { fileName: name, reason: `${kind}, not a file: not opened` };
}

/** Sorts the scan and classifies the entries that were not plain files. */
function finish(contentDir: string, files: ContentFile[], others: string[]): ContentScan {
  const skipped: SkippedEntry[] = [];
  let realDir: string | undefined;
  const resolveDir = () => (realDir ??= realpathSync.native(contentDir));
  for (const name of others) {
    if (!isArticleName(name)) continue;
    let result: ContentFile | SkippedEntry | null;
    try {
      result = classify(contentDir, resolveDir, name);
    } catch (error) {
      result = { fileName: name, reason: `could not be examined (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    if (result && "reason" in result) skipped.push(result);
    else if (result) files.push(result);
  }
  return { files: files.sort(byName), skipped: skipped.sort(byName) };
}

/**
 * Every article file in `contentDir` (not dot- or underscore-files, not
 * companies.yaml), sorted by name, and the entries skipped with the reason.
 * Synchronous stat calls: measured faster than thousands of promises through
 * libuv's small thread pool.
 */
export function scanContent(contentDir: string): ContentScan {
  const files: ContentFile[] = [];
  const others: string[] = [];
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    const name = entry.name;
    if (!isArticleName(name)) continue;
    const info = entry.isFile() ? statSync(path.join(contentDir, name), { throwIfNoEntry: false }) : undefined;
    if (info?.isFile()) files.push({ fileName: name, size: info.size, mtimeMs: info.mtimeMs });
    else others.push(name);
  }
  return finish(contentDir, files, others);
}

// The plain-file loop in a worker, as plain JavaScript (no TypeScript loader
// needed); everything else (rare) is classified afterwards on the calling
// thread. Names come back as strings joined by "/", which no file name holds,
// sizes and mtimes as transferred arrays: 200,000 objects would cost more to
// copy than to stat.
const SCAN_WORKER = `
const { readdirSync, statSync } = require("node:fs");
const path = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");
const names = [], sizes = [], mtimes = [], others = [];
for (const entry of readdirSync(workerData.dir, { withFileTypes: true })) {
  const info = entry.isFile() ? statSync(path.join(workerData.dir, entry.name), { throwIfNoEntry: false }) : undefined;
  if (info && info.isFile()) { names.push(entry.name); sizes.push(info.size); mtimes.push(info.mtimeMs); }
  else others.push(entry.name);
}
const size = Float64Array.from(sizes), mtime = Float64Array.from(mtimes);
parentPort.postMessage({ names: names.join("/"), others: others.join("/"), size, mtime }, [size.buffer, mtime.buffer]);
`;

type ScanMessage = { names: string; others: string; size: Float64Array; mtime: Float64Array };

/**
 * scanContent on another thread, so the seed can read what the database holds
 * meanwhile: on a large corpus the scan and that read are most of a db:setup
 * with one new file. One worker: the main thread needs the other core. Falls
 * back to scanning here if the worker fails.
 */
export function scanContentInBackground(contentDir: string): Promise<ContentScan> {
  return new Promise<ContentScan>((resolve, reject) => {
    const worker = new Worker(SCAN_WORKER, { eval: true, workerData: { dir: contentDir } });
    worker.once("message", ({ names, others, size, mtime }: ScanMessage) => {
      const files: ContentFile[] = [];
      if (names)
        names.split("/").forEach((fileName, i) => isArticleName(fileName) && files.push({ fileName, size: size[i], mtimeMs: mtime[i] }));
      try {
        resolve(finish(contentDir, files, others ? others.split("/") : []));
      } catch (error) {
        reject(error);
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`content scan worker exited with code ${code}`)));
  }).catch(() => scanContent(contentDir));
}
