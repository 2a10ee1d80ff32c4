import { defineConfig } from "prisma/config";
import { databaseUrl } from "./lib/db/database-url";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    // `prisma db seed` runs the same loader as `npm run db:setup`.
    seed: "tsx prisma/seed.ts",
  },
  datasource: { url: databaseUrl() },
  // The FTS5 search index (migration *_search_index) and its shadow tables:
  // Prisma's schema cannot express them, so migrate diff must not see drift.
  experimental: { externalTables: true },
  tables: {
    external: ["ArticleSearch", "ArticleSearch_data", "ArticleSearch_idx", "ArticleSearch_docsize", "ArticleSearch_config"],
  },
});
