import path from "node:path";

/** SQLite file URL from DATABASE_URL, defaulting to a git-ignored file inside the project. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || "file:./data/finews.db";
}

/** Absolute file path for a `file:` URL; relative paths resolve from the project root (cwd). */
export function databaseFile(url = databaseUrl()): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file: URL, got "${url}"`);
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
