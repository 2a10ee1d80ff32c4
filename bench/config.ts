// Bench settings: every knob is an environment variable (see bench/README.md).
import path from "node:path";
import { fileURLToPath } from "node:url";

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
};

/** The project root: the folder above bench/ (so a copy of the tree benches itself). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const config = {
  articles: Math.max(10, Math.round(num("BENCH_ARTICLES", 200_000))),
  /** autocannon seconds per cached page. */
  seconds: num("BENCH_SECONDS", 10),
  afterSeedSeconds: num("BENCH_AFTER_SEED_SECONDS", 5),
  soakSeconds: num("BENCH_SOAK_SECONDS", 600),
  /** Distinct URLs for timeline, filter and company pages. */
  urls: Math.round(num("BENCH_URLS", 300)),
  /** Distinct URLs for article pages, feeds and each search kind. */
  fewUrls: Math.round(num("BENCH_FEW_URLS", 150)),
  /** Clients for the uncached (distinct-URL) runs, connections for the cached ones. */
  uncachedClients: Math.round(num("BENCH_CLIENTS", 8)),
  connections: Math.round(num("BENCH_CONNECTIONS", 32)),
  /**
   * autocannon's worker threads for the cached runs (0: its main thread
   * only). One thread saturated its core at about 2,500 req/s while the
   * server sat 80% idle, so the p99 measured the client.
   */
  cannonWorkers: Math.round(num("BENCH_CANNON_WORKERS", 2)),
  /** Upper bound on one distinct-URL phase; unfinished URLs are reported as skipped. */
  phaseMaxSeconds: num("BENCH_PHASE_MAX_SECONDS", 180),
  /** Per-request timeout. */
  requestTimeoutMs: num("BENCH_REQUEST_TIMEOUT_MS", 30_000),
  reseedFiles: Math.round(num("BENCH_RESEED_FILES", 1000)),
  crashKills: Math.max(1, Math.round(num("BENCH_CRASH_KILLS", 10))),
  /** auto: build when .next/BUILD_ID is missing or older than the sources; never; always. */
  build: (process.env.BENCH_BUILD || "auto") as "auto" | "never" | "always",
  /** Seed for the corpus generator and every random choice (URLs, kill moments). */
  seed: Math.round(num("BENCH_SEED", 20211208)),
};

export const paths = {
  root: ROOT,
  data: path.join(ROOT, "bench/.data"),
  results: path.join(ROOT, "bench/results"),
  corpus: (count: number) => path.join(ROOT, "bench/.data", `corpus-${count}`),
  db: (name: string) => path.join(ROOT, "bench/.data", `${name}.db`),
};
