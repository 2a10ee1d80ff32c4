// Static baseline: one stored, gzipped HTML page served by nginx (Debian's, when
// /usr/sbin/nginx exists) or else by a minimal Node http server, measured with
// the same autocannon settings as the cached pages. And nginx in front of
// several instances (scale-out), configured as README.md shows.
import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadBalancerBlocks, writeNginxConfig } from "../scripts/nginx";
import { freePort, isRunning, sleep, startProcess, stopProcess } from "./proc";

export type StaticServer = { url: string; kind: "nginx" | "node"; stop(): Promise<void> };

const NGINX = process.env.BENCH_NGINX ?? "/usr/sbin/nginx";

export async function startStatic(gzippedHtml: Buffer): Promise<StaticServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "finews-bench-static-"));
  chmodSync(dir, 0o755); // nginx workers run as an unprivileged user
  writeFileSync(path.join(dir, "index.html.gz"), gzippedHtml);
  const port = await freePort();
  let child;
  let kind: StaticServer["kind"];
  if (existsSync(NGINX)) {
    kind = "nginx";
    child = startNginx(
      dir,
      `server {
    listen 127.0.0.1:${port};
    location / {
      root ${dir};
      default_type "text/html; charset=utf-8";
      add_header Content-Encoding gzip;
      try_files /index.html.gz =404;
    }
  }`,
    );
  } else {
    kind = "node";
    const script = `const http=require("node:http"),fs=require("node:fs");const body=fs.readFileSync(${JSON.stringify(path.join(dir, "index.html.gz"))});
http.createServer((q,s)=>{s.writeHead(200,{"content-type":"text/html; charset=utf-8","content-encoding":"gzip","content-length":body.length});s.end(body)}).listen(${port},"127.0.0.1");`;
    child = startProcess(process.execPath, ["-e", script], { stdio: "ignore" });
  }
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (!isRunning(child)) throw new Error(`static baseline (${kind}) exited with ${child.exitCode}`);
    if (
      await fetch(url, { method: "HEAD" }).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  return {
    url,
    kind,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** nginx in the foreground, one worker, a throwaway config in `dir` around the given `http` blocks. */
function startNginx(dir: string, blocks: string): ChildProcess {
  return startProcess(NGINX, writeNginxConfig(dir, blocks), { stdio: "ignore" });
}

export type Proxy = { base: string; stop(): Promise<void> };

/**
 * nginx (one worker) on `port`, round robin over the instances on `upstreams`
 * (ports on 127.0.0.1), with README.md's settings: keepalive to the upstreams,
 * a failed request retried on the other instance. Needs nginx (BENCH_NGINX).
 */
export async function startProxy(port: number, upstreams: number[]): Promise<Proxy> {
  if (!existsSync(NGINX)) throw new Error(`no nginx at ${NGINX} (apt-get install nginx-light, or set BENCH_NGINX)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "finews-bench-proxy-"));
  chmodSync(dir, 0o755);
  const child = startNginx(dir, loadBalancerBlocks(port, upstreams));

  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (!isRunning(child)) throw new Error(`nginx (proxy) exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/robots.txt`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 100) {
      await stopProcess(child);
      throw new Error(`nginx (proxy) did not answer on ${base}`);
    }
    await sleep(100);
  }
  return {
    base,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
