// The production server: Next's request handler behind the response cache
// (lib/response-cache.ts), which the shared content version keeps fresh.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import next from "next";
import { openContentVersionReader } from "../lib/db/content-version";
import { databaseUrl, redactedUrl } from "../lib/db/database-url";
import { env } from "../lib/env";
import { REFRESH_HEADER, ResponseCache } from "../lib/response-cache";
import { renderWithPolicy, STATIC_SECURITY_HEADERS } from "../lib/security-headers";

export async function startServer(): Promise<void> {
  const { PORT: port, HOST: host, RESPONSE_CACHE_MB, FINEWS_METRICS } = env();
  const app = next({ dev: false, hostname: "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const cache = new ResponseCache({
    readVersion: openContentVersionReader(databaseUrl()),
    maxBytes: RESPONSE_CACHE_MB * 1024 * 1024,
    // A stale page is re-rendered by asking this server for it again, marked as a refresh.
    refresh: ({ url, headers }) =>
      new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, path: url, headers: { ...headers, [REFRESH_HEADER]: "1" } }, (res) => {
          res.resume();
          res.on("end", resolve);
        });
        req.on("error", reject);
        req.end();
      }),
  });
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();

  function metrics(req: IncomingMessage, res: ServerResponse) {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const memory = process.memoryUsage();
    const body = {
      eventLoopDelayMs: { p50: ms(eventLoop.percentile(50)), p99: ms(eventLoop.percentile(99)), max: ms(eventLoop.max) },
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      ...cache.currentStats(),
      cacheHits: cache.stats.hits + cache.stats.staleHits,
    };
    if (new URL(req.url ?? "/", "http://local").searchParams.get("reset") === "1") eventLoop.reset();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    // Next answers a malformed percent-encoding in the path with a bare 500;
    // it is a bad link, so show the site's 404 page instead.
    if (!isDecodablePath(req.url ?? "/")) req.url = "/_malformed-path";
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) res.setHeader(name, value);
    if (FINEWS_METRICS === "1" && req.url?.startsWith("/__metrics")) return metrics(req, res);
    cache
      .handle(req, res, () => renderWithPolicy(req, res, () => handle(req, res)))
      .catch((error) => {
        console.error(`request ${req.method} ${req.url} failed:`, error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("服务器内部错误");
      });
  });
  // Keep-alive connections outlive a load balancer's idle timeout, never the other way round.
  server.keepAliveTimeout = 65_000;

  // SIGTERM/SIGINT: stop accepting, let requests in flight finish, then exit.
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: finishing requests in flight, then stopping`);
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  console.log(`Finews Reader on http://localhost:${port} (database ${redactedUrl()})`);
}

function isDecodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}
