// npm start: serve the production build on PORT (default 3000), creating the
// database and the build first when they are missing. The server runs in this
// process: no chain of wrapper processes.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { databaseFile } from "../lib/db/database-url";
import { startServer } from "./server";

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(databaseFile())) {
  console.log("No database yet: running db:setup");
  run(process.execPath, ["--import", "tsx", "prisma/setup.ts"]);
}
if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: running build");
  run("npm", ["run", "build"]);
}
await startServer();
