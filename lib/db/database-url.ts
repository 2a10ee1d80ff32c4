import path from "node:path";
import { env } from "../env";

/** DATABASE_URL: a SQLite `file:` URL by default, git-ignored inside the project. */
export function databaseUrl(): string {
  return env().DATABASE_URL;
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url = databaseUrl()): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:…@");
}

/** Absolute file path for a `file:` URL; relative paths resolve from the project root (cwd). */
export function databaseFile(url = databaseUrl()): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file: URL here, got "${redactedUrl(url)}"`);
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
