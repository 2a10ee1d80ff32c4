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
import { loadBalancerBlocks, writeNginxConfig } from "../../scripts/nginx";
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

// README.md's load balancer, with throwaway paths for pid, logs and buffers.
mkdirSync(path.join(work, "proxy"), { recursive: true });
const nginx = spawn(NGINX, writeNginxConfig(work, loadBalancerBlocks(NGINX_PORT, INSTANCE_PORTS)), { stdio: "inherit" });
children.push(nginx);

const cluster: Cluster = {
  databaseUrl: database.url,
  contentDir,
  instances: INSTANCE_PORTS.map((port, i) => ({ url: `http://127.0.0.1:${port}`, pid: children[i].pid! })),
  nginx: `http://127.0.0.1:${NGINX_PORT}`,
};
writeFileSync(CLUSTER_FILE, JSON.stringify(cluster, null, 2));
console.log(`scale-out: nginx on ${cluster.nginx} → ${cluster.instances.map((i) => i.url).join(", ")}`);
