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
});
