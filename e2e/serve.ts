// Starts the reader for the browser tests: a fresh fixture content folder
// (content/ plus one broken file that must be rejected), a fresh database
// seeded from it, and the production server (scripts/start.ts, with its
// response cache) on the production build.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { ARTIFACTS, FIXTURE_CONTENT, FIXTURE_DB, fixtureEnv } from "./fixture";

if (!existsSync(".next/BUILD_ID")) {
  console.error("e2e: no production build; run `npm run build` first (npm test does).");
  process.exit(1);
}
mkdirSync(ARTIFACTS, { recursive: true });
rmSync(FIXTURE_CONTENT, { recursive: true, force: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(FIXTURE_DB + suffix, { force: true });
cpSync("content", FIXTURE_CONTENT, { recursive: true });
writeFileSync(path.join(FIXTURE_CONTENT, "zz-broken.md"), '---\ntitle: ""\ndate:  +0800\n---\nbroken on purpose\n');

const env = { ...process.env, ...fixtureEnv };
const seed = spawnSync(process.execPath, ["--import", "tsx", "prisma/setup.ts"], { env, stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  env: { ...env, PORT: process.env.E2E_PORT || "3100" },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
