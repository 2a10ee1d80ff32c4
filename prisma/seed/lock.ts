// One seed at a time: a lock file beside the database holds the seed's pid.
// A second db:setup exits at once naming the running one; a lock left by a
// killed seed (its pid is gone) is taken over.
import { readFileSync, rmSync, writeFileSync } from "node:fs";

export class SeedLockedError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock for `databaseFile`; returns the function that releases it. */
export function acquireSeedLock(databaseFile: string): () => void {
  const lockFile = `${databaseFile}.seed-lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }), { flag: "wx" });
      const release = () => rmSync(lockFile, { force: true });
      process.once("exit", release);
      return () => {
        process.removeListener("exit", release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid?: number; startedAt?: string } = {};
      try {
        holder = JSON.parse(readFileSync(lockFile, "utf8"));
      } catch {
        // Half-written by a seed killed at that instant: treat as stale.
      }
      if (holder.pid && holder.pid !== process.pid && isRunning(holder.pid)) {
        throw new SeedLockedError(
          `another db:setup (pid ${holder.pid}, started ${holder.startedAt}) is loading ${databaseFile}; try again when it has finished`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new SeedLockedError(`could not take the seed lock ${lockFile}`);
}
