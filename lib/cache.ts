// Between seeds the content never changes, so query results are cached in
// process, keyed by the normalized query. Every seed bumps ContentVersion; the
// first request after that (checked at most once a second) drops the cache, so
// new content shows up within about a second without a rebuild or restart.
import { connection } from "next/server";
import { openContentVersionReader } from "./db/content-version";
import { databaseFile } from "./db/database-url";

const VERSION_CHECK_MS = 1000;
const MAX_ENTRIES = 5000;

type State = { version: number; checkedAt: number; entries: Map<string, Promise<unknown>>; readVersion: () => number };
const globalState = globalThis as unknown as { finewsCache?: State };
const state: State = (globalState.finewsCache ??= {
  version: -1,
  checkedAt: 0,
  entries: new Map(),
  readVersion: openContentVersionReader(databaseFile()),
});

function refreshVersion() {
  if (Date.now() - state.checkedAt < VERSION_CHECK_MS) return;
  state.checkedAt = Date.now();
  const version = state.readVersion();
  if (version !== state.version) state.entries.clear();
  state.version = version;
}

/** Returns the cached result for `key`, computing it once per content version. */
export async function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
  // Content is read at request time, never frozen into the build.
  await connection();
  refreshVersion();
  const hit = state.entries.get(key);
  if (hit) {
    // Refresh recency: Map iteration order is insertion order, which makes this an LRU.
    state.entries.delete(key);
    state.entries.set(key, hit);
    return hit as Promise<T>;
  }
  const value = compute();
  state.entries.set(key, value);
  value.catch(() => state.entries.delete(key));
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  return value;
}
