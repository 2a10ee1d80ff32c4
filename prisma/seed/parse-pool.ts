// Parses many files on every core: batches go to worker threads and come back
// in order, so the caller can write one batch while the next ones parse.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CompanyDirectory } from "../../lib/companies/directory";
import type { Provider } from "../../lib/db/provider";
import type { ParsedFile, ParseJob } from "./parse-article-file";

const BATCH = 250;
/** Below this many files, starting workers costs more than it saves. */
const INLINE_LIMIT = 1000;

// Workers load TypeScript through tsx, the way the seed itself runs.
const WORKER_URL = new URL("./parse-worker.ts", import.meta.url).href;
const BOOTSTRAP = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;

let parserModule: Promise<typeof import("./parse-article-file")> | undefined;

/**
 * Loads the parser's libraries (a few hundred milliseconds) for parsing on
 * this thread. The seed starts it while the folder scan runs, when this
 * thread would otherwise wait; a seed with nothing to parse never needs it.
 */
export function loadParser(): Promise<typeof import("./parse-article-file")> {
  parserModule ??= import("./parse-article-file");
  return parserModule;
}

export type ParseOptions = {
  /** The database the results are for: workers compute its search rows (see SearchRow), so the writer does not. */
  searchFormat: Provider;
};

/** Parsed files in job order, a batch at a time. */
export async function* parseFiles(
  contentDir: string,
  jobs: ParseJob[],
  directory: CompanyDirectory,
  { searchFormat }: ParseOptions,
): AsyncGenerator<ParsedFile[]> {
  const batches: ParseJob[][] = [];
  for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH));
  if (jobs.length < INLINE_LIMIT) {
    const { parseArticleFile } = await loadParser();
    for (const batch of batches) yield batch.map((job) => parseArticleFile(contentDir, job, directory, searchFormat));
    return;
  }
  const workers = Array.from(
    { length: Math.max(1, availableParallelism()) },
    () => new Worker(BOOTSTRAP, { eval: true, workerData: { contentDir, searchFormat } }),
  );
  const waiting = new Map<number, { resolve: (r: ParsedFile[]) => void; reject: (e: unknown) => void }>();
  const failed = new Promise<never>((_, reject) => {
    for (const worker of workers) {
      worker.on("message", ({ id, results }: { id: number; results: ParsedFile[] }) => {
        waiting.get(id)?.resolve(results);
        waiting.delete(id);
      });
      worker.on("error", reject);
      worker.on("exit", (code) => code !== 0 && reject(new Error(`parse worker exited with code ${code}`)));
    }
  });
  failed.catch(() => {});
  const submit = (index: number) =>
    new Promise<ParsedFile[]>((resolve, reject) => {
      waiting.set(index, { resolve, reject });
      workers[index % workers.length].postMessage({ id: index, jobs: batches[index] });
    });
  try {
    // Two batches in flight per worker keeps every core busy while the caller writes.
    const inFlight: Promise<ParsedFile[]>[] = [];
    let next = 0;
    while (next < batches.length && inFlight.length < workers.length * 2) inFlight.push(submit(next++));
    while (inFlight.length) {
      const results = await Promise.race([inFlight.shift()!, failed]);
      if (next < batches.length) inFlight.push(submit(next++));
      yield results;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
