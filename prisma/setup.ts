// npm run db:setup: apply migrations, then load CONTENT_DIR. Idempotent.
//   --strict   exit non-zero when any file is rejected or duplicated
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseFile } from "../lib/db/database-url";
import { env } from "../lib/env";
import { applyMigrations } from "./schema-engine";
import { seedContent } from "./seed-content";
import { acquireSeedLock, SeedLockedError } from "./seed/lock";
import { createProgress } from "./seed/progress";

const strict = process.argv.includes("--strict");
const contentDir = path.resolve(env().CONTENT_DIR);
const dbFile = databaseFile();
const started = performance.now();

mkdirSync(path.dirname(dbFile), { recursive: true });
let releaseLock: () => void;
try {
  releaseLock = acquireSeedLock(dbFile);
} catch (error) {
  if (!(error instanceof SeedLockedError)) throw error;
  console.error(`db:setup: ${error.message}`);
  process.exit(1);
}

try {
  const applied = await applyMigrations(dbFile);
  if (applied.length) console.log(`migrations applied: ${applied.join(", ")}`);
} catch (error) {
  const message = (error as Error).message.split("\n")[0];
  console.error(`db:setup: could not apply migrations to ${dbFile}: ${message}`);
  console.error("Migrations need the database to themselves: stop a running server (npm start) and run db:setup again.");
  process.exit(1);
}

try {
  const summary = await seedContent(dbFile, contentDir, createProgress(process.stderr));
  for (const message of summary.messages) console.log(message);
  if (summary.timings) console.log(`time: ${summary.timings}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${path.relative(process.cwd(), contentDir) || "."} → ${path.relative(process.cwd(), dbFile)}: ` +
      `${summary.loaded} loaded, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
      `${summary.removed} removed, ${summary.rejected} rejected, ${summary.duplicates} duplicates (${seconds}s)`,
  );
  if (strict && summary.rejected + summary.duplicates > 0) process.exitCode = 1;
} catch (error) {
  console.error(`db:setup failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  releaseLock();
}
