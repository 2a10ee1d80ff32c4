// npm run bench: measures db:setup time and server throughput.
//   1. db:setup on content/ and on a synthetic corpus of BENCH_ARTICLES
//      (default 50,000) articles made from content/'s real ones;
//   2. requests/s and latency at 32 connections (autocannon) for /, a
//      filtered / and an article page, against the production build.
// Results print as a table and go to bench/results/latest.json.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { createServer } from "node:net";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";

const ARTICLES = Number(process.env.BENCH_ARTICLES || 50_000);
const DURATION_S = Number(process.env.BENCH_SECONDS || 10);
const DATA = path.resolve("bench/.data");
const RESULTS = path.resolve("bench/results");
const results: Record<string, unknown> = { articles: ARTICLES, connections: 32, durationSeconds: DURATION_S, date: new Date().toISOString() };

function seed(contentDir: string, dbFile: string, fresh: boolean): number {
  if (fresh) for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
  const started = performance.now();
  execFileSync("npx", ["tsx", "prisma/setup.ts"], {
    env: { ...process.env, CONTENT_DIR: contentDir, DATABASE_URL: `file:${dbFile}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return Math.round(performance.now() - started) / 1000;
}

/** Copies of the real articles with new ids and dates spread over two years, newest last. */
function makeSyntheticCorpus(dir: string, count: number) {
  const marker = path.join(dir, `.count-${count}`);
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync("content/companies.yaml", path.join(dir, "companies.yaml"));
  const templates = readdirSync("content")
    .filter((f) => f !== "companies.yaml")
    .map((f) => readFileSync(path.join("content", f), "utf8"))
    .filter((text) => text.startsWith("---"));
  const start = Date.UTC(2020, 6, 1);
  const step = (2 * 365 * 86_400_000) / count;
  for (let i = 0; i < count; i++) {
    const at = new Date(start + i * step + 8 * 3_600_000).toISOString().replace("T", " ").slice(0, 19);
    const text = templates[i % templates.length]
      .replace(/^date:.*$/m, `date: ${at} +0800`)
      .replace(/infoCode=NW\d+/g, `infoCode=NWBENCH${i}`);
    writeFileSync(path.join(dir, `bench-${String(i).padStart(6, "0")}.md`), text);
  }
  writeFileSync(marker, "");
}

/** JavaScript a first visit downloads: every script the HTML references, gzipped, in KiB. */
async function firstLoadJsKiB(base: string, path: string): Promise<number> {
  const html = await fetch(base + path).then((r) => r.text());
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]))];
  let bytes = 0;
  for (const src of scripts) bytes += gzipSync(Buffer.from((await (await fetch(new URL(src, base))).arrayBuffer()) as ArrayBuffer)).length;
  return Math.round(bytes / 102.4) / 10;
}

async function load(url: string) {
  // Warm the page once (first render fills the cache), then measure.
  await fetch(url).then((r) => r.text());
  // Browsers ask for gzip; the cache keeps the compressed bytes Next produced.
  const result = await autocannon({ url, connections: 32, duration: DURATION_S, headers: { "accept-encoding": "gzip" } });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { requestsPerSecond: Math.round(result.requests.average), p50ms: result.latency.p50, p99ms: result.latency.p99 };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** Resident memory of the server's process group (Linux /proc), in MiB. */
function serverRssMiB(groupId: number): number {
  let kib = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      if (Number(stat[2]) !== groupId) continue; // field 5 of stat: process group id
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(kib / 1024);
}

mkdirSync(DATA, { recursive: true });
mkdirSync(RESULTS, { recursive: true });

console.log("db:setup on content/ …");
results.setupContentSeconds = seed(path.resolve("content"), path.join(DATA, "content.db"), true);
results.setupContentUnchangedSeconds = seed(path.resolve("content"), path.join(DATA, "content.db"), false);

console.log(`synthetic corpus of ${ARTICLES} articles …`);
const corpusDir = path.join(DATA, `corpus-${ARTICLES}`);
const corpusDb = path.join(DATA, `corpus-${ARTICLES}.db`);
makeSyntheticCorpus(corpusDir, ARTICLES);
results.setupCorpusSeconds = seed(corpusDir, corpusDb, true);
results.setupCorpusUnchangedSeconds = seed(corpusDir, corpusDb, false);

const PORT = await freePort();
if (!existsSync(".next/BUILD_ID")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
const server = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
  env: { ...process.env, PORT: String(PORT), DATABASE_URL: `file:${corpusDb}`, CONTENT_DIR: corpusDir },
  stdio: "ignore",
  detached: true, // its own process group, so the whole server stops with it
});
try {
  const base = `http://localhost:${PORT}`;
  let exited = false;
  server.on("exit", () => (exited = true));
  for (let i = 0; i < 100 && !exited; i++) {
    if (await fetch(`${base}/robots.txt`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (exited) throw new Error(`the server on port ${PORT} exited before answering`);
  const html = await fetch(`${base}/`).then((r) => r.text());
  const slug = /href="\/articles\/([^"#]+)"/.exec(html)?.[1];
  const pages = {
    home: `${base}/`,
    filteredHome: `${base}/?company=hk01024&from=2021-01-01&to=2021-12-31`,
    article: `${base}/articles/${slug}`,
  };
  results.firstLoadJsKiBGzip = { home: await firstLoadJsKiB(base, "/"), article: await firstLoadJsKiB(base, `/articles/${slug}`) };
  results.htmlKiBHome = { raw: Math.round(Buffer.byteLength(html) / 102.4) / 10, gzip: Math.round(gzipSync(html).length / 102.4) / 10 };
  const throughput: Record<string, unknown> = {};
  for (const [name, url] of Object.entries(pages)) {
    console.log(`autocannon ${name} …`);
    throughput[name] = await load(url);
  }
  results.throughput = throughput;
  results.serverRssMiB = serverRssMiB(server.pid!);
} finally {
  process.kill(-server.pid!, "SIGTERM");
}

writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(results, null, 2) + "\n");
console.log(JSON.stringify(results, null, 2));
