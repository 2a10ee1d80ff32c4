// Prisma Migrate without the native schema engine. The Prisma CLI downloads
// that engine on first use, which fails offline; the same engine ships as
// WebAssembly in @prisma/schema-engine-wasm (pinned: its API is Prisma-internal)
// and runs over our better-sqlite3 driver adapter. It reads and writes the
// standard prisma/migrations/ layout and _prisma_migrations bookkeeping, so
// `prisma migrate deploy` works on the same database where the engine exists.
import { existsSync } from "node:fs";
import { readFile, readdir, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

const projectRoot = path.resolve(import.meta.dirname, "..");
export const SCHEMA_PATH = path.join(projectRoot, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join(projectRoot, "prisma", "migrations");
const NO_FILTERS = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  // Node 20 cannot `import` a .wasm file, so instantiate it by hand.
  wasmReady ??= (async () => {
    const bindingsPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { "./schema_engine_bg.js": wasmBindings });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start: () => void };
    (wasmBindings as unknown as { __wbg_set_wasm: (e: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

async function withEngine<T>(databaseFile: string, run: (engine: SchemaEngine, schema: string) => Promise<T>): Promise<T> {
  await loadWasm();
  await mkdir(path.dirname(databaseFile), { recursive: true });
  const schema = await readFile(SCHEMA_PATH, "utf8");
  // Track the connections the engine opens: freeing the engine does not close
  // them, and an open handle would lock the database for the seed that follows.
  const factory = new PrismaBetterSqlite3({ url: databaseFile });
  const connections: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    connections.push(connection);
    return connection;
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await wasmBindings.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter);
  try {
    return await run(engine, schema);
  } finally {
    engine.free();
    await Promise.all(connections.map((c) => c.dispose()));
  }
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  // Same shape as the Prisma CLI builds: paths relative to baseDir.
  const lockPath = "migration_lock.toml";
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: await readFile(path.join(dir, lockPath), "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok" as const, value: await readFile(path.join(dir, name, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/** Migration folders not yet recorded as applied in the database's _prisma_migrations table. */
export async function pendingMigrations(databaseFile: string, migrationsList: MigrationList): Promise<string[]> {
  const names = migrationsList.migrationDirectories.map((d) => d.path);
  if (!existsSync(databaseFile)) return names;
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return names;
    const rows = db
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all() as { migration_name: string }[];
    const applied = new Set(rows.map((r) => r.migration_name));
    return names.filter((name) => !applied.has(name));
  } finally {
    db.close();
  }
}

/**
 * Applies pending migrations; returns the names applied (none when up to date).
 * The engine locks the database exclusively, so it only starts when something
 * is pending: re-seeding never has to wait for a running server to let go.
 */
export async function applyMigrations(databaseFile: string): Promise<string[]> {
  const migrationsList = await readMigrations();
  if ((await pendingMigrations(databaseFile, migrationsList)).length === 0) return [];
  return withEngine(databaseFile, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  });
}

/** SQL that takes the migrations folder to the current schema.prisma ("" when in sync). */
export async function diffMigrationsToSchema(scratchDatabaseFile: string): Promise<string> {
  const migrations = await readMigrations();
  return withEngine(scratchDatabaseFile, async (engine, schema) => {
    const from = migrations.migrationDirectories.length ? { tag: "migrations" as const, ...migrations } : { tag: "empty" as const };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}
