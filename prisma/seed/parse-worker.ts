// Worker thread: parses batches of files for parse-pool.ts.
import { parentPort, workerData } from "node:worker_threads";
import { loadDirectory } from "../../lib/companies/directory";
import type { Provider } from "../../lib/db/provider";
import { parseArticleFile, type ParseJob } from "./parse-article-file";

const { contentDir, searchFormat } = workerData as { contentDir: string; searchFormat: Provider };
const { directory } = loadDirectory(contentDir);

parentPort!.on("message", ({ id, jobs }: { id: number; jobs: ParseJob[] }) => {
  parentPort!.postMessage({ id, results: jobs.map((job) => parseArticleFile(contentDir, job, directory, searchFormat)) });
});
