// Has db:setup run on this database? `npm start` and `npm run dev` run it first when not.
import { existsSync } from "node:fs";
import pg from "pg";
import { databaseFile } from "./database-url";
import { providerOf } from "./provider";

export async function isDatabaseSeeded(url: string): Promise<boolean> {
  if (providerOf(url) === "sqlite") return existsSync(databaseFile(url));
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT to_regclass('"ContentVersion"')::text AS t`);
    if (!rows[0]?.t) return false;
    return (await client.query(`SELECT 1 FROM "ContentVersion" WHERE "id" = 1`)).rowCount === 1;
  } catch {
    return false; // unreachable: db:setup reports the reason
  } finally {
    await client.end().catch(() => {});
  }
}
