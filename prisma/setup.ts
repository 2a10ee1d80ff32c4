// npm run db:setup: apply migrations, then load CONTENT_DIR. Idempotent.
// DATABASE_URL picks the database: a SQLite `file:` URL (the folder is
// created) or a `postgresql://` one (the database must exist).
//   --strict   exit non-zero when any file is rejected, skipped or duplicated
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { databaseFile, databaseUrl } from "../lib/db/database-url";
import { providerOf } from "../lib/db/provider";
import { env } from "../lib/env";
import { applyMigrations } from "./schema-engine";
import { seedContent } from "./seed-content";
import { describeDatabase, removeOrphanedSqliteFiles, withoutPassword } from "./seed/database";
import { acquireSeedLock, SeedLockedError, type ReleaseSeedLock } from "./seed/lock";
import { createProgress } from "./seed/progress";

const strict = process.argv.includes("--strict");
const contentDir = path.resolve(env().CONTENT_DIR);
if (!statSync(contentDir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`db:setup: CONTENT_DIR ${contentDir} is not a folder`);
  process.exit(1);
}
const url = databaseUrl();
const provider = providerOf(url);
const target = describeDatabase(url);
const started = performance.now();
const firstLine = (error: unknown) => withoutPassword(String((error as Error)?.message ?? error).split("\n")[0], url);

if (provider === "sqlite") mkdirSync(path.dirname(databaseFile(url)), { recursive: true });
let releaseLock: ReleaseSeedLock;
try {
  // On PostgreSQL this is also the first connection: an unreachable server stops here.
  releaseLock = await acquireSeedLock(url);
} catch (error) {
  if (error instanceof SeedLockedError) console.error(`db:setup: ${error.message}`);
  else if (provider === "postgresql") console.error(`db:setup: cannot connect to PostgreSQL at ${target}: ${firstLine(error)}`);
  else console.error(`db:setup: could not take the seed lock for ${target}: ${firstLine(error)}`);
  process.exit(1);
}

if (provider === "sqlite") {
  const orphans = removeOrphanedSqliteFiles(databaseFile(url));
  if (orphans.length) console.log(`removed ${orphans.map((f) => path.basename(f)).join(", ")}, left by a deleted database`);
}

try {
  const applied = await applyMigrations(url);
  if (applied.length) console.log(`migrations applied: ${applied.join(", ")}`);
} catch (error) {
  console.error(`db:setup: could not apply migrations to ${target}: ${firstLine(error)}`);
  if (provider === "sqlite") {
    console.error("Migrations need the database to themselves: stop a running server (npm start) and run db:setup again.");
  }
  await releaseLock();
  process.exit(1);
}

try {
  const summary = await seedContent(url, contentDir, createProgress(process.stderr));
  for (const message of summary.messages) console.log(message);
  if (summary.timings) console.log(`time: ${summary.timings}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${path.relative(process.cwd(), contentDir) || "."} → ${target}: ` +
      `${summary.loaded} loaded, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
      `${summary.removed} removed, ${summary.rejected} rejected, ${summary.skipped} skipped, ${summary.duplicates} duplicates (${seconds}s)`,
  );
  if (strict && summary.rejected + summary.skipped + summary.duplicates > 0) process.exitCode = 1;
} catch (error) {
  console.error(`db:setup failed: ${withoutPassword(String((error as Error)?.message ?? error), url)}`);
  process.exitCode = 1;
} finally {
  await releaseLock();
}
