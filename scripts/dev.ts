// npm run dev: Next's dev server (hot reload) on the same database npm start
// uses, creating it first when it is missing.
import { spawn, spawnSync } from "node:child_process";
import { databaseUrl } from "../lib/db/database-url";
import { isDatabaseSeeded } from "../lib/db/readiness";
import { env } from "../lib/env";

if (!(await isDatabaseSeeded(databaseUrl()))) {
  console.log("No database yet: running db:setup");
  const setup = spawnSync(process.execPath, ["--import", "tsx", "prisma/setup.ts"], { stdio: "inherit" });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
}
const { PORT, HOST } = env();
const dev = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "--port", String(PORT), "--hostname", HOST], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
