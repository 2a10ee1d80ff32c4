// One content file → what the seed stores: read, hashed, parsed, linked to
// companies and tokenized for search. Runs in worker threads for large loads (parse-pool.ts), inline otherwise.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CompanyDirectory } from "../../lib/companies/directory";
import { recognizeCompanies, type Recognition } from "../../lib/companies/recognize";
import { parseArticle, type ParsedArticle } from "../../lib/content/parse-article";
import type { Provider } from "../../lib/db/provider";
import type { ContentFile } from "./scan";
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

export function parseArticleFile(contentDir: string, job: ParseJob, directory: CompanyDirectory, searchFormat: Provider): ParsedFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(contentDir, job.fileName));
  } catch (error) {
    return {
      ...job,
      hash: "",
      kind: "rejected",
      reason: `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
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
