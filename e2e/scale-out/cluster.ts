// Two reader instances on one PostgreSQL database behind nginx (round robin),
// for e2e/scale-out/*.spec.ts. Needs TEST_POSTGRES_URL (a server where a
// scratch database may be created) and Debian's nginx; .ci/run provides both.
// Seeds a scratch database from a fixture copy of content/, starts the
// instances with `scripts/start.ts` and nginx in the foreground, writes what
// the specs need to CLUSTER_FILE, and tears everything down on SIGTERM.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "../../prisma/postgres-scratch";
import { CLUSTER_FILE, INSTANCE_PORTS, NGINX_PORT, type Cluster } from "./cluster-info";

const serverUrl = process.env.TEST_POSTGRES_URL;
if (!serverUrl) {
  console.error("scale-out: set TEST_POSTGRES_URL to a PostgreSQL server (see .ci/run)");
  process.exit(1);
}
const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";

const work = mkdtempSync(path.join(os.tmpdir(), "finews-scale-out-"));
chmodSync(work, 0o755); // nginx workers run as an unprivileged user
const contentDir = path.join(work, "content");
cpSync("content", contentDir, { recursive: true });
const database = await createScratchDatabase(serverUrl, "finews_e2e");
// Every instance names the public URL (nginx's), so their pages and feeds are the same bytes.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  CONTENT_DIR: contentDir,
  HOST: "127.0.0.1",
  SITE_URL: `http://127.0.0.1:${NGINX_PORT}`,
  NODE_ENV: "production",
};

const children: ChildProcess[] = [];
let stopping = false;
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await database.drop().catch((error) => console.error(`scale-out: could not drop the scratch database: ${error}`));
  rmSync(work, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

const setup = spawnSync(process.execPath, ["--import", "tsx", "prisma/setup.ts"], { env, stdio: "inherit" });
if (setup.status !== 0) await stopAll(setup.status ?? 1);

for (const port of INSTANCE_PORTS) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env: { ...env, PORT: String(port) }, stdio: "inherit" });
  child.on("exit", (code) => !stopping && console.log(`scale-out: instance on port ${port} exited (${code})`));
  children.push(child);
}

// The snippet README.md shows, with throwaway paths for pid, logs and buffers.
const conf = `daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  upstream finews {
    ${INSTANCE_PORTS.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join("\n    ")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      proxy_pass http://finews;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
    }
  }
}
`;
writeFileSync(path.join(work, "nginx.conf"), conf);
mkdirSync(path.join(work, "proxy"), { recursive: true });
const nginx = spawn(NGINX, ["-c", path.join(work, "nginx.conf"), "-e", path.join(work, "nginx-error.log")], { stdio: "inherit" });
children.push(nginx);

const cluster: Cluster = {
  databaseUrl: database.url,
  contentDir,
  instances: INSTANCE_PORTS.map((port, i) => ({ url: `http://127.0.0.1:${port}`, pid: children[i].pid! })),
  nginx: `http://127.0.0.1:${NGINX_PORT}`,
};
writeFileSync(CLUSTER_FILE, JSON.stringify(cluster, null, 2));
console.log(`scale-out: nginx on ${cluster.nginx} → ${cluster.instances.map((i) => i.url).join(", ")}`);
