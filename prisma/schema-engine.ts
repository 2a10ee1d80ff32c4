// Prisma Migrate without the native schema engine. The Prisma CLI downloads
// that engine on first use, which fails offline; the same engine ships as
// WebAssembly in @prisma/schema-engine-wasm (pinned: its API is Prisma-internal)
// and runs over our driver adapters (better-sqlite3, pg). It reads and writes
// the standard migrations layout and _prisma_migrations bookkeeping, so
// `prisma migrate deploy` works on the same database where the engine exists.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { databaseFile } from "../lib/db/database-url";
import { providerOf, type Provider } from "../lib/db/provider";
import { PROVIDER_FILES } from "./providers";

// The engine, its adapters and pg load only when a migration is pending or a
// diff is asked for: importing them cost every db:setup 130 ms of its start,
// which the one-new-file case (seconds from save to screen) feels.
type WasmBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let wasmReady: Promise<WasmBindings> | undefined;

function loadWasm(): Promise<WasmBindings> {
  // Node 20 cannot `import` a .wasm file, so instantiate it by hand.
  wasmReady ??= (async () => {
    const wasmBindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindingsPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { "./schema_engine_bg.js": wasmBindings });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start: () => void };
    (wasmBindings as unknown as { __wbg_set_wasm: (e: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return wasmBindings;
  })();
  return wasmReady;
}

async function adapterFactory(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(url) === "postgresql") return new (await import("@prisma/adapter-pg")).PrismaPg({ connectionString: url });
  return new (await import("@prisma/adapter-better-sqlite3")).PrismaBetterSqlite3({ url: databaseFile(url) });
}

async function withEngine<T>(
  url: string,
  run: (engine: SchemaEngine, schema: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  const wasmBindings = await loadWasm();
  const provider = providerOf(url);
  if (provider === "sqlite") await mkdir(path.dirname(databaseFile(url)), { recursive: true });
  const schemaPath = PROVIDER_FILES[provider].schemaPath;
  const content = await readFile(schemaPath, "utf8");
  // Track the connections the engine opens: freeing the engine does not close
  // them, and an open handle would lock the database for the seed that follows.
  const factory = await adapterFactory(url);
  const connections: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    connections.push(connection);
    return connection;
  };
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await wasmBindings.SchemaEngine.new({ datamodels: [[schemaPath, content]] }, () => {}, adapter);
  try {
    return await run(engine, { path: schemaPath, content });
  } finally {
    engine.free();
    await Promise.all(connections.map((c) => c.dispose()));
  }
}

export async function readMigrations(provider: Provider): Promise<MigrationList> {
  const dir = PROVIDER_FILES[provider].migrationsDir;
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

const APPLIED_SQL = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

async function appliedMigrations(url: string): Promise<Set<string>> {
  if (providerOf(url) === "postgresql") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ exists: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS exists`);
      if (!rows[0]?.exists) return new Set();
      return new Set((await client.query<{ migration_name: string }>(APPLIED_SQL)).rows.map((r) => r.migration_name));
    } finally {
      await client.end();
    }
  }
  const file = databaseFile(url);
  if (!existsSync(file)) return new Set();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return new Set();
    return new Set((db.prepare(APPLIED_SQL).all() as { migration_name: string }[]).map((r) => r.migration_name));
  } finally {
    db.close();
  }
}

/** Migration folders not yet recorded as applied in the database's _prisma_migrations table. */
export async function pendingMigrations(url: string, migrationsList: MigrationList): Promise<string[]> {
  const applied = await appliedMigrations(url);
  return migrationsList.migrationDirectories.map((d) => d.path).filter((name) => !applied.has(name));
}

/**
 * Applies the provider's pending migrations to the database at `url` (a
 * `file:` or `postgresql://` URL); returns the names applied (none when up to
 * date). On SQLite the engine locks the database exclusively, so it only
 * starts when something is pending: re-seeding never waits for a running server.
 */
export async function applyMigrations(url: string): Promise<string[]> {
  const migrationsList = await readMigrations(providerOf(url));
  if ((await pendingMigrations(url, migrationsList)).length === 0) return [];
  return withEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: filtersFor(providerOf(url)) });
    return appliedMigrationNames;
  });
}

function filtersFor(provider: Provider) {
  return { externalTables: PROVIDER_FILES[provider].externalTables, externalEnums: [] };
}

type SchemaFile = { path: string; content: string };
type DiffSource = Parameters<SchemaEngine["diff"]>[0]["from"];

/** SQL from `from(schema)` to the provider's schema.prisma; "" when they agree. */
function diffToSchema(url: string, from: (schema: SchemaFile) => DiffSource): Promise<string> {
  return withEngine(url, async (engine, schema) => {
    const result = await engine.diff({
      from: from(schema),
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: filtersFor(providerOf(url)),
    });
    const sql = (result.stdout ?? "").trim();
    return /^-- This is an empty migration/.test(sql) ? "" : sql;
  });
}

/**
 * SQL that takes a database at `url` (its migrations applied: use a scratch
 * database) to the provider's schema.prisma; "" when they agree. The engine
 * reads the live database rather than replaying the folder on a shadow
 * database, which its WebAssembly build cannot do through an adapter (P3006).
 */
export function diffDatabaseToSchema(url: string): Promise<string> {
  return diffToSchema(url, (schema) => ({ tag: "schemaDatasource", files: [schema], configDir: path.dirname(schema.path) }));
}

/**
 * SQL from the datamodel `from` (null: an empty database) to the provider's
 * schema.prisma, without reading any database. PostgreSQL uses this: the
 * WebAssembly engine cannot describe a live PostgreSQL schema through the
 * adapter ("Column type 'char' could not be deserialized"), though it still
 * needs a reachable server at `url`.
 */
export function diffDatamodelToSchema(url: string, from: string | null): Promise<string> {
  return diffToSchema(url, (schema) =>
    from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: schema.path, content: from }] },
  );
}
