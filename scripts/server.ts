// The production server: Next's request handler behind the response cache
// (lib/response-cache.ts), which the shared content version keeps fresh.
// scripts/start.ts runs it in worker processes and replaces one that dies.
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import next from "next";
import { openContentVersionReader } from "../lib/db/content-version";
import { databaseUrl, redactedUrl } from "../lib/db/database-url";
import { env } from "../lib/env";
import { RenderSlots } from "../lib/render-slots";
import { originForm, refusal, ALLOWED_METHODS } from "../lib/request-guard";
import { REFRESH_HEADER, ResponseCache } from "../lib/response-cache";
import { captureResponse, ClientGone } from "../lib/response-capture";
import { withContentSecurityPolicy } from "../lib/security-headers";

export async function startServer(): Promise<void> {
  const { PORT: port, HOST: host, RESPONSE_CACHE_MB, FINEWS_METRICS, RENDER_CONCURRENCY, RENDER_QUEUE } = env();
  const app = next({ dev: false, hostname: "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Only this process's own background refreshes carry it: coming from
  // loopback proves nothing (a proxy on the same host is loopback too).
  const refreshToken = randomBytes(24).toString("base64url");
  const cache = new ResponseCache({
    readVersion: openContentVersionReader(databaseUrl()),
    maxBytes: RESPONSE_CACHE_MB * 1024 * 1024,
    renderSlots: new RenderSlots(RENDER_CONCURRENCY, RENDER_QUEUE),
    refreshToken,
    // A stale page is re-rendered by asking this server for it again, marked as a refresh.
    refresh: ({ url, headers }) =>
      new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, path: url, headers: { ...headers, [REFRESH_HEADER]: refreshToken } }, (res) => {
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
      pid: process.pid,
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
    const refused = refusal(req.method, req.url, req.headers);
    if (refused) return sendPlain(res, refused.status, refused.message, refused.headers);
    req.url = originForm(req.url ?? "/") ?? "/";
    // Next answers a malformed percent-encoding in the path with a bare 500;
    // it is a bad link, so show the site's 404 page instead.
    if (!isDecodablePath(req.url)) req.url = "/_malformed-path";
    if (FINEWS_METRICS === "1" && req.url.startsWith("/__metrics")) return metrics(req, res);
    const failed = (error: unknown) => {
      if (error instanceof ClientGone) return;
      console.error(`request ${req.method} ${req.url} failed:`, error);
      if (!res.headersSent) sendPlain(res, 500, "服务器内部错误");
      else res.destroy();
    };
    // Build assets: Next serves (and compresses) them as they are.
    if (req.url.startsWith("/_next/")) return void handle(req, res).catch(failed);
    cache.handle(req, res, async () => withContentSecurityPolicy(await captureResponse(req, res, handle))).catch(failed);
  });
  // CONNECT never reaches the request handler: answer it here rather than drop the connection.
  server.on("connect", (_req, socket) => {
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
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
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  console.log(`Finews Reader on http://localhost:${port} (database ${redactedUrl()}, process ${process.pid})`);
}

/** A short text answer of the server's own (refusals, errors): never cached, never sniffed. */
function sendPlain(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    ...headers,
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(`${message}\n`);
}

function isDecodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}
