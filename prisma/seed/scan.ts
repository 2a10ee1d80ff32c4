// Lists the article files of a content folder with their size and mtime, so
// unchanged files can be skipped without being read.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { OVERLAY_FILE } from "../../lib/companies/directory";

export type ContentFile = { fileName: string; size: number; mtimeMs: number };

const isArticleName = (name: string) => !name.startsWith(".") && !name.startsWith("_") && name !== OVERLAY_FILE;
const byName = (a: ContentFile, b: ContentFile) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0);

/**
 * Every article file in `contentDir` (not dot- or underscore-files, not
 * companies.yaml), sorted by name. Synchronous stat calls: measured faster
 * than thousands of promises through libuv's small thread pool.
 */
export function scanContent(contentDir: string): ContentFile[] {
  const files: ContentFile[] = [];
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    const name = entry.name;
    if (!isArticleName(name)) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const info = statSync(path.join(contentDir, name), { throwIfNoEntry: false });
    if (info?.isFile()) files.push({ fileName: name, size: info.size, mtimeMs: info.mtimeMs });
  }
  return files.sort(byName);
}

// The same loop in a worker, as plain JavaScript (no TypeScript loader needed).
// Names come back as one string (joined by "/", which no file name holds),
// sizes and mtimes as transferred arrays: 200,000 objects would cost more to
// copy than to stat.
const SCAN_WORKER = `
const { readdirSync, statSync } = require("node:fs");
const path = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");
const names = [], sizes = [], mtimes = [];
for (const entry of readdirSync(workerData.dir, { withFileTypes: true })) {
  if (!entry.isFile() && !entry.isSymbolicLink()) continue;
  const info = statSync(path.join(workerData.dir, entry.name), { throwIfNoEntry: false });
  if (info && info.isFile()) { names.push(entry.name); sizes.push(info.size); mtimes.push(info.mtimeMs); }
}
const size = Float64Array.from(sizes), mtime = Float64Array.from(mtimes);
parentPort.postMessage({ names: names.join("/"), size, mtime }, [size.buffer, mtime.buffer]);
`;

/**
 * scanContent on another thread, so the seed can read what the database holds
 * meanwhile: on a large corpus the scan and that read are most of a db:setup
 * with one new file. One worker: the main thread needs the other core. Falls
 * back to scanning here if the worker fails.
 */
export function scanContentInBackground(contentDir: string): Promise<ContentFile[]> {
  return new Promise<ContentFile[]>((resolve, reject) => {
    const worker = new Worker(SCAN_WORKER, { eval: true, workerData: { dir: contentDir } });
    worker.once("message", ({ names, size, mtime }: { names: string; size: Float64Array; mtime: Float64Array }) => {
      const files: ContentFile[] = [];
      if (names)
        names.split("/").forEach((fileName, i) => isArticleName(fileName) && files.push({ fileName, size: size[i], mtimeMs: mtime[i] }));
      resolve(files.sort(byName));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`content scan worker exited with code ${code}`)));
  }).catch(() => scanContent(contentDir));
}
