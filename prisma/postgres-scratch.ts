// A throwaway PostgreSQL database on a server, for migrations diffs and tests:
// created with a UTF-8 collation (the search tokens are CJK text), dropped after.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** `serverUrl` with its database name replaced by `database`. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createScratchDatabase(serverUrl: string, prefix = "finews_scratch"): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function withScratchPostgres<T>(serverUrl: string, run: (url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(serverUrl);
  try {
    return await run(scratch.url);
  } finally {
    await scratch.drop();
  }
}
