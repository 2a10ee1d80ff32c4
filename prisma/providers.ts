// One schema, two providers. Prisma ties a schema, its generated client and
// its migrations folder to one provider, so prisma/schema.prisma (SQLite) is
// the source of truth and the PostgreSQL schema is derived from it here:
//   npm run db:schemas   writes prisma/postgresql/schema.prisma
// providers.test.ts fails when the written file differs from what this derives.
// Each provider keeps its own migrations folder (see prisma/schema-engine.ts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Provider } from "../lib/db/provider";

const prismaDir = import.meta.dirname;

export type ProviderFiles = {
  schemaPath: string;
  migrationsDir: string;
  /** Tables Prisma's schema cannot express (the search index): migrations create them, drift checks ignore them. */
  externalTables: string[];
  /** PostgreSQL only: the schema its migrations build, what the next migration is diffed from (see new-migration.ts). */
  snapshotPath?: string;
};

export const PROVIDER_FILES: Record<Provider, ProviderFiles> = {
  sqlite: {
    schemaPath: path.join(prismaDir, "schema.prisma"),
    migrationsDir: path.join(prismaDir, "migrations"),
    externalTables: ["ArticleSearch", "ArticleSearch_data", "ArticleSearch_idx", "ArticleSearch_docsize", "ArticleSearch_config"],
  },
  postgresql: {
    schemaPath: path.join(prismaDir, "postgresql", "schema.prisma"),
    migrationsDir: path.join(prismaDir, "postgresql", "migrations"),
    externalTables: ["public.ArticleSearch"],
    snapshotPath: path.join(prismaDir, "postgresql", "migrations", "migrated.prisma"),
  },
};

const GENERATED_NOTE = "// GENERATED from prisma/schema.prisma by `npm run db:schemas`: edit that file, not this one.\n";

function replaceOnce(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`prisma/schema.prisma: expected exactly one ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** The PostgreSQL schema: same models, its own provider and client folder. */
export function derivePostgresSchema(sqliteSchema: string): string {
  let schema = replaceOnce(sqliteSchema, 'provider = "sqlite"', 'provider = "postgresql"');
  schema = replaceOnce(schema, 'output       = "../lib/generated/prisma"', 'output       = "../../lib/generated/prisma-pg"');
  return GENERATED_NOTE + schema;
}

export function writeDerivedSchemas(): string[] {
  const source = readFileSync(PROVIDER_FILES.sqlite.schemaPath, "utf8");
  writeFileSync(PROVIDER_FILES.postgresql.schemaPath, derivePostgresSchema(source));
  return [path.relative(process.cwd(), PROVIDER_FILES.postgresql.schemaPath)];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const file of writeDerivedSchemas()) console.log(`wrote ${file}`);
}
