// The one-schema rule (prisma/providers.ts): the PostgreSQL schema is derived
// from prisma/schema.prisma, and each provider's migrations build its schema.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, PROVIDER_FILES } from "./providers";
import { withScratchPostgres } from "./postgres-scratch";
import { applyMigrations, diffDatabaseToSchema, diffDatamodelToSchema } from "./schema-engine";

const read = (file: string) => readFileSync(file, "utf8");

describe("schemas and migrations", () => {
  it("prisma/postgresql/schema.prisma is what `npm run db:schemas` derives", () => {
    expect(read(PROVIDER_FILES.postgresql.schemaPath)).toBe(derivePostgresSchema(read(PROVIDER_FILES.sqlite.schemaPath)));
  });

  it("PostgreSQL's migrations snapshot is the current schema (no change waits for a migration)", () => {
    expect(read(PROVIDER_FILES.postgresql.snapshotPath!)).toBe(read(PROVIDER_FILES.postgresql.schemaPath));
  });

  it("SQLite's migrations build exactly schema.prisma", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "finews-migrations-"));
    try {
      const url = `file:${path.join(dir, "scratch.db")}`;
      await applyMigrations(url);
      expect(await diffDatabaseToSchema(url)).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!process.env.TEST_POSTGRES_URL)("schemas and migrations on postgresql", () => {
  it("the migrations apply to an empty database, once, and the snapshot needs no further migration", async () => {
    await withScratchPostgres(process.env.TEST_POSTGRES_URL!, async (url) => {
      expect((await applyMigrations(url)).length).toBeGreaterThan(0);
      expect(await applyMigrations(url)).toEqual([]);
      expect(await diffDatamodelToSchema(url, read(PROVIDER_FILES.postgresql.snapshotPath!))).toBe("");
    });
  }, 60_000);
});
