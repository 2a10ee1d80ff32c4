// Worker thread: parses batches of files for parse-pool.ts.
import { parentPort, workerData } from "node:worker_threads";
import { loadDirectory } from "../../lib/companies/directory";
import { parseArticleFile, type ParseJob } from "./parse-article-file";

const { contentDir } = workerData as { contentDir: string };
const { directory } = loadDirectory(contentDir);

parentPort!.on("message", ({ id, jobs }: { id: number; jobs: ParseJob[] }) => {
  parentPort!.postMessage({ id, results: jobs.map((job) => parseArticleFile(contentDir, job, directory)) });
});
