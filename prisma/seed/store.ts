// The seed's store for a database URL: one per provider (sqlite-store.ts,
// postgres-store.ts), both built on the rules they share (shared-store.ts).
import { databaseFile } from "../../lib/db/database-url";
import { providerOf } from "../../lib/db/provider";
import type { SeedStore } from "./shared-store";

export { StoredFiles, STORED_FILES_SQL } from "./shared-store";
export type { ParsedForWrite, SeedStore, StoredFile, StoredVersion, TouchedFile } from "./shared-store";

/** The store for `databaseUrl` (`file:` or `postgresql://`). */
export async function openSeedStore(databaseUrl: string): Promise<SeedStore> {
  if (providerOf(databaseUrl) === "postgresql") {
    const { PostgresSeedStore } = await import("./postgres-store");
    return PostgresSeedStore.connect(databaseUrl);
  }
  const { SqliteSeedStore } = await import("./sqlite-store");
  return new SqliteSeedStore(databaseFile(databaseUrl));
}
