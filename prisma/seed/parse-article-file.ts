// One content file → what the seed stores: read, hashed, parsed, linked to
// companies and tokenized for search. Runs in worker threads for large loads (parse-pool.ts), inline otherwise.
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
import type { CompanyDirectory } from "../../lib/companies/directory";
import { recognizeCompanies, type Recognition } from "../../lib/companies/recognize";
import { fileTooLarge, MAX_FILE_BYTES } from "../../lib/content/limits";
import { parseArticle, type ParsedArticle } from "../../lib/content/parse-article";
import type { Provider } from "../../lib/db/provider";
import { isInside, type ContentFile } from "./scan";
import { searchRow, type SearchRow } from "./search-row";

export type ParseJob = ContentFile & {
  /** Hash stored for this file: equal bytes need no parsing. */
  previousHash: string | null;
};

export type ParsedFile = ParseJob & { hash: string } & (
    | { kind: "same-bytes" }
    | { kind: "parsed"; article: ParsedArticle; recognition: Recognition; search: SearchRow }
    | { kind: "rejected"; reason: string }
  );

class Unreadable extends Error {}

/**
 * The file's bytes, read only when it is a regular file within the size limit
 * and (when the scan reached it through a link) still inside the folder: the
 * scan's view may be stale by now. Opened non-blocking and without following
 * a link that was not one at the scan, so a file swapped for a pipe or a link
 * meanwhile can neither hang the seed nor lead out of the folder.
 */
function readArticleFile(contentDir: string, job: ParseJob): Buffer {
  if (job.size > MAX_FILE_BYTES) throw new Unreadable(fileTooLarge(job.size));
  const full = path.join(contentDir, job.fileName);
  if (job.linked && !isInside(realpathSync.native(contentDir), realpathSync.native(full))) {
    throw new Unreadable("now a link to outside CONTENT_DIR: not published");
  }
  const fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK | (job.linked ? 0 : constants.O_NOFOLLOW));
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new Unreadable("no longer a regular file");
    if (info.size > MAX_FILE_BYTES) throw new Unreadable(fileTooLarge(info.size));
    // Room for one byte more than fstat said, to notice a file still growing: it is read on, up to the limit.
    let buffer = Buffer.allocUnsafe(info.size + 1);
    let length = 0;
    for (
      let read = readSync(fd, buffer, 0, buffer.length, null);
      read > 0;
      read = readSync(fd, buffer, length, buffer.length - length, null)
    ) {
      length += read;
      if (length < buffer.length) continue;
      if (length > MAX_FILE_BYTES) throw new Unreadable(fileTooLarge(length));
      const larger = Buffer.allocUnsafe(Math.min(2 * length, MAX_FILE_BYTES + 1));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

export function parseArticleFile(contentDir: string, job: ParseJob, directory: CompanyDirectory, searchFormat: Provider): ParsedFile {
  let bytes: Buffer;
  try {
    bytes = readArticleFile(contentDir, job);
  } catch (error) {
    const reason =
      error instanceof Unreadable
        ? error.message
        : `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    return { ...job, hash: "", kind: "rejected", reason };
  }
  const hash = createHash("sha256").update(bytes).digest("hex");
  // The size and mtime may describe the read differently after a concurrent write; the bytes read win.
  const read = { ...job, size: bytes.length, hash };
  if (job.previousHash === hash) return { ...read, kind: "same-bytes" };
  const result = parseArticle(job.fileName, bytes);
  if (!result.ok) return { ...read, kind: "rejected", reason: result.reason };
  const { article } = result;
  // Search tokens are made here too, off the thread that writes.
  return {
    ...read,
    kind: "parsed",
    article,
    recognition: recognizeCompanies(article, directory),
    search: searchRow(searchFormat, article.title, article.plainText),
  };
}
