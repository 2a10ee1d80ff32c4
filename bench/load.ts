// Load generators: distinct URLs with N clients (each URL once: cache misses),
// an open-ended stream of URLs for soak/reseed, and autocannon on one URL.
import http from "node:http";
import autocannon from "autocannon";
import { config } from "./config";

const HEADERS = { "accept-encoding": "gzip", "user-agent": "finews-bench" };

export type Sample = { at: number; ms: number; status: number; error: string | null; cache: string | null; bytes: number };

/** One GET, timed to the last body byte (the body stays gzipped: only counted). */
export function get(url: string, agent: http.Agent, timeoutMs = config.requestTimeoutMs): Promise<Sample> {
  const at = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number, error: string | null, cache: string | null, bytes: number) => {
      if (settled) return;
      settled = true;
      resolve({ at, ms: performance.now() - at, status, error, cache, bytes });
    };
    const req = http.get(url, { agent, headers: HEADERS }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => done(res.statusCode ?? 0, null, (res.headers["x-finews-cache"] as string) ?? null, bytes));
      res.on("error", (e) => done(res.statusCode ?? 0, e.message, null, bytes));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on("error", (e) => done(0, e.message, null, 0));
  });
}

export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export type LatencyStats = {
  requests: number;
  errors: number;
  non2xx: number;
  status5xx: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  rps: number | null;
  cacheHits: number;
  skipped: number;
  firstErrors: string[];
};

export function summarize(samples: Sample[], wallMs: number, skipped = 0, urls: string[] = []): LatencyStats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const round = (v: number | null) => (v == null ? null : Math.round(v * 10) / 10);
  const bad = samples.map((s, i) => ({ s, url: urls[i] })).filter(({ s }) => s.error || s.status < 200 || s.status >= 300);
  return {
    requests: samples.length,
    errors: samples.filter((s) => s.error).length,
    non2xx: samples.filter((s) => !s.error && (s.status < 200 || s.status >= 300)).length,
    status5xx: samples.filter((s) => s.status >= 500).length,
    p50: round(percentile(ms, 50)),
    p95: round(percentile(ms, 95)),
    p99: round(percentile(ms, 99)),
    max: round(ms.length ? ms[ms.length - 1] : null),
    rps: samples.length && wallMs > 0 ? Math.round((samples.length / wallMs) * 10_000) / 10 : null,
    cacheHits: samples.filter((s) => s.cache === "hit").length,
    skipped,
    firstErrors: bad.slice(0, 3).map(({ s, url }) => `${s.error ?? `HTTP ${s.status}`}${url ? ` ${url}` : ""}`),
  };
}

/** Each URL once, `clients` at a time; stops starting new ones after maxSeconds. */
export async function runDistinct(
  urls: string[],
  clients = config.uncachedClients,
  maxSeconds = config.phaseMaxSeconds,
): Promise<LatencyStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const samples: Sample[] = new Array(urls.length);
  let next = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const worker = async () => {
    while (next < urls.length && performance.now() < deadline) {
      const i = next++;
      samples[i] = await get(urls[i], agent);
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, urls.length) }, worker));
  const wall = performance.now() - started;
  agent.destroy();
  const done = samples.filter(Boolean);
  return summarize(
    done,
    wall,
    urls.length - done.length,
    urls.filter((_, i) => samples[i]),
  );
}

/**
 * `connections` clients pulling URLs from `nextUrl` until `until()` says stop
 * (checked before each request) or maxSeconds pass. Every sample is kept.
 */
export async function runStream(
  nextUrl: () => string,
  connections: number,
  until: () => boolean,
  maxSeconds: number,
  onSample?: (s: Sample, url: string) => void,
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const samples: Sample[] = [];
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const worker = async () => {
    while (!until() && performance.now() < deadline) {
      const url = nextUrl();
      const s = await get(url, agent);
      samples.push(s);
      onSample?.(s, url);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return { samples, started, wallMs: performance.now() - started };
}

export type CannonStats = { rps: number; p50: number; p99: number; errors: number; non2xx: number; timeouts: number; requests: number };

/** autocannon on one URL (a browser's Accept-Encoding), after one warming request. */
export async function cannon(url: string, seconds = config.seconds, connections = config.connections, warm = true): Promise<CannonStats> {
  if (warm)
    await fetch(url, { headers: HEADERS }).then(
      (r) => r.arrayBuffer(),
      () => null,
    );
  const workers = config.cannonWorkers ? { workers: config.cannonWorkers } : {};
  const r = await autocannon({ url, connections, duration: Math.max(1, seconds), headers: HEADERS, timeout: 30, ...workers });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
    requests: r.requests.total,
  };
}
