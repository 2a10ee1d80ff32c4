import { defineConfig } from "prisma/config";
import { databaseUrl } from "./lib/db/database-url";
import { providerOf } from "./lib/db/provider";
import { PROVIDER_FILES } from "./prisma/providers";

// DATABASE_URL picks the provider: its schema, migrations and the tables
// Prisma's schema cannot express (the search index, see prisma/providers.ts).
const files = PROVIDER_FILES[providerOf(databaseUrl())];

export default defineConfig({
  schema: files.schemaPath,
  migrations: {
    path: files.migrationsDir,
    // `prisma db seed` runs the same loader as `npm run db:setup`.
    seed: "tsx prisma/seed.ts",
  },
  datasource: { url: databaseUrl() },
  experimental: { externalTables: true },
  tables: { external: files.externalTables },
});
