// Lists the article files of a content folder with their size and mtime, so
// unchanged files can be skipped without being read.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { OVERLAY_FILE } from "../../lib/companies/directory";

export type ContentFile = { fileName: string; size: number; mtimeMs: number };

/**
 * Every article file in `contentDir` (not dot- or underscore-files, not
 * companies.yaml), sorted by name. Synchronous stat calls: measured faster
 * than thousands of promises through libuv's small thread pool.
 */
export function scanContent(contentDir: string): ContentFile[] {
  const files: ContentFile[] = [];
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    const name = entry.name;
    if (name.startsWith(".") || name.startsWith("_") || name === OVERLAY_FILE) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const info = statSync(path.join(contentDir, name), { throwIfNoEntry: false });
    if (info?.isFile()) files.push({ fileName: name, size: info.size, mtimeMs: info.mtimeMs });
  }
  return files.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}
