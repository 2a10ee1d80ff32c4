// npm run bench [-- scenario …]: builds (or reuses) the synthetic corpus, runs
// the chosen scenarios, prints the table, writes bench/results/latest.json.
//   (none)  seed + pages + search        seed    db:setup figures only
//   pages   page latency/throughput      search  /?q= latency
//   soak    10 min of distinct URLs      reseed  1,000 files change under load
//   crash   SIGKILLed db:setup runs      scale-out  SQLite vs PostgreSQL, 2 instances
//   all     everything
// See bench/README.md for what each measures and the environment variables.
import os from "node:os";
import { config } from "./config";
import { ensureCorpus } from "./corpus";
import { installCleanup, killAllNow } from "./proc";
import { Report } from "./report";
import { createContext, stopServer, type Ctx } from "./scenarios/context";
import { crashScenario } from "./scenarios/crash";
import { pagesScenario } from "./scenarios/pages";
import { reseedScenario } from "./scenarios/reseed";
import { scaleOutScenario } from "./scenarios/scale-out";
import { searchScenario } from "./scenarios/search";
import { seedScenario } from "./scenarios/seed";
import { soakScenario } from "./scenarios/soak";

const SCENARIOS: Record<string, (ctx: Ctx) => Promise<void>> = {
  seed: seedScenario,
  pages: pagesScenario,
  search: searchScenario,
  soak: soakScenario,
  reseed: reseedScenario,
  crash: crashScenario,
  "scale-out": scaleOutScenario,
};
const DEFAULT = ["seed", "pages", "search"];

const args = process.argv.slice(2).filter((a) => a !== "--");
const unknown = args.filter((a) => a !== "all" && !(a in SCENARIOS));
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(", ")}; choose from ${Object.keys(SCENARIOS).join(", ")}, all`);
  process.exit(2);
}
const chosen = args.includes("all")
  ? Object.keys(SCENARIOS)
  : args.length
    ? Object.keys(SCENARIOS).filter((s) => args.includes(s))
    : DEFAULT;

const corpus = ensureCorpus(config.articles);
// On any exit: put changed corpus files back (sync), then kill every process started.
installCleanup(() => corpus.restore());

const report = new Report({
  date: new Date().toISOString(),
  articles: config.articles,
  scenarios: chosen.join("+"),
  settings: { ...config },
  machine: { cpus: os.cpus().length, memoryMiB: Math.round(os.totalmem() / 1048576), node: process.version },
  corpus: {
    dir: corpus.dir,
    files: corpus.files,
    expectedArticles: corpus.expectedArticles,
    companies: corpus.gen.companies.length,
    companySource: corpus.gen.companySource,
  },
});
const ctx = createContext(corpus, report);
let failed = false;
try {
  for (const name of chosen) {
    const started = performance.now();
    console.log(`\n== ${name} ==`);
    try {
      await SCENARIOS[name](ctx);
    } catch (error) {
      failed = true;
      console.error(`bench: scenario ${name} failed: ${(error as Error).stack ?? error}`);
      report.detail(`${name}.error`, String((error as Error).message ?? error));
    }
    report.detail(`${name}.seconds`, Math.round((performance.now() - started) / 1000));
  }
  await stopServer(ctx);
} finally {
  corpus.restore();
  killAllNow();
}
report.print();
report.save();
process.exit(failed ? 1 : 0);
