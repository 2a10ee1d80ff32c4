// npm start: serve the production build on PORT (default 3000), creating the
// database and the build first when they are missing.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { databaseFile } from "../lib/db/database-url";

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(databaseFile())) {
  console.log("No database yet: running db:setup");
  run("npm", ["run", "db:setup"]);
}
if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: running build");
  run("npm", ["run", "build"]);
}
const server = spawn("npx", ["tsx", "scripts/server.ts"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
