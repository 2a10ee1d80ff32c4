// The reader's desk: followed companies, read marks, saved articles and the
// visit clock, kept in this browser's localStorage and nowhere else: the server
// keeps no reader state and every page is the same bytes for every reader.
//
// Bounds (localStorage holds about 5 MB per site, shared by every tab):
// - follows: FOLLOW_LIMIT companies; one more is refused with a message.
// - read marks: READ_LIMIT keys; past it the oldest marks are forgotten and
//   those articles look unread again (losing one costs the reader little).
// - saved: SAVED_LIMIT articles; one more is refused, never dropped silently.
// Without localStorage (a private window, site data blocked) the same store
// works in memory for the page and says it cannot remember (`persistent`).
import { isListingId } from "../companies/ids";
import { appendBounded } from "./bounded";
import { nextVisit, type Visit } from "./visit";

/** As many as the company filter takes (MAX_COMPANIES in lib/filters.ts): the watchlist is one filter URL. */
export const FOLLOW_LIMIT = 50;
/** About 70 KB of slugs: months of reading at a hundred articles a day. */
export const READ_LIMIT = 3000;
/** Each saved article keeps its title, source and time (about 200 bytes) so the list shows without the server. */
export const SAVED_LIMIT = 500;

export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;
export type FollowedCompany = { id: string; name: string };
export type SavedArticle = {
  slug: string;
  title: string;
  source: string;
  /** The entry's `data-published`: ISO time, or a Beijing day for posts without a time. */
  published: string;
  savedAt: number;
  /** The server answered 404: the article no longer exists. */
  gone?: boolean;
};
/** Why a change was not kept: the list is at its bound, or the browser refused to store more. */
export type Outcome = { ok: true } | { ok: false; reason: "full" | "quota" };

export const DESK_KEYS = {
  follows: "finews.desk.follows",
  read: "finews.desk.read",
  saved: "finews.desk.saved",
  visit: "finews.desk.visit",
} as const;

const STORY_PREFIX = "story:";
const OK: Outcome = { ok: true };
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);

// Stored values are read defensively: another version of the site, an
// extension or a hand edit may have left anything there.
const validate = {
  [DESK_KEYS.follows]: (value: unknown): FollowedCompany[] =>
    (Array.isArray(value) ? value : [])
      .filter((c): c is Record<string, unknown> => isObject(c) && typeof c.id === "string" && isListingId(c.id))
      .map((c) => ({ id: c.id as string, name: text(c.name, c.id as string) }))
      .slice(0, FOLLOW_LIMIT),
  [DESK_KEYS.read]: (value: unknown): string[] =>
    (Array.isArray(value) ? value : []).filter((key): key is string => typeof key === "string").slice(-READ_LIMIT),
  [DESK_KEYS.saved]: (value: unknown): SavedArticle[] =>
    (Array.isArray(value) ? value : [])
      .filter((a): a is Record<string, unknown> => isObject(a) && typeof a.slug === "string" && a.slug !== "")
      .map((a) => ({
        slug: a.slug as string,
        title: text(a.title, a.slug as string),
        source: text(a.source, ""),
        published: text(a.published, ""),
        savedAt: typeof a.savedAt === "number" ? a.savedAt : 0,
        ...(a.gone === true ? { gone: true } : {}),
      }))
      .slice(0, SAVED_LIMIT),
  [DESK_KEYS.visit]: (value: unknown): Visit | null =>
    isObject(value) && typeof value.lastActive === "number" && (value.since === null || typeof value.since === "number")
      ? { since: value.since as number | null, lastActive: value.lastActive }
      : null,
};
type Key = keyof typeof validate;
type ValueOf<K extends Key> = ReturnType<(typeof validate)[K]>;

export class DeskStore {
  private cache = new Map<string, unknown>();
  private listeners = new Set<() => void>();

  /** `persistent` is false when `storage` is only memory: changes last as long as the page. */
  constructor(
    private storage: StorageLike,
    readonly persistent: boolean,
  ) {}

  /** Called after every change, in this tab or (via `changedElsewhere`) another. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another tab changed `key` (null: cleared everything): forget what was read and tell listeners. */
  changedElsewhere(key: string | null): void {
    if (key !== null && !(Object.values(DESK_KEYS) as string[]).includes(key)) return;
    if (key === null) this.cache.clear();
    else this.cache.delete(key);
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }

  private get<K extends Key>(key: K): ValueOf<K> {
    if (!this.cache.has(key)) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(this.storage.getItem(key) ?? "null");
      } catch {
        // Unreadable: treated as empty; the next change overwrites it.
      }
      this.cache.set(key, validate[key](parsed));
    }
    return this.cache.get(key) as ValueOf<K>;
  }

  private set<K extends Key>(key: K, value: ValueOf<K>, notify = true): Outcome {
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch {
      return { ok: false, reason: "quota" };
    }
    this.cache.set(key, value);
    if (notify) this.emit();
    return OK;
  }

  // Follows

  follows(): readonly FollowedCompany[] {
    return this.get(DESK_KEYS.follows);
  }

  isFollowing(id: string): boolean {
    return this.follows().some((c) => c.id === id);
  }

  follow(company: FollowedCompany): Outcome {
    const { rejected, outcome } = this.addFollows([company]);
    if (!outcome.ok) return outcome;
    return rejected.length ? { ok: false, reason: "full" } : OK;
  }

  /** Adds companies not yet followed, in order, up to FOLLOW_LIMIT; the rest come back as `rejected`. */
  addFollows(companies: readonly FollowedCompany[]): { added: FollowedCompany[]; rejected: FollowedCompany[]; outcome: Outcome } {
    const current = this.follows();
    const known = new Set(current.map((c) => c.id));
    const fresh = companies.filter((c) => {
      if (!isListingId(c.id) || known.has(c.id)) return false;
      known.add(c.id);
      return true;
    });
    const room = Math.max(0, FOLLOW_LIMIT - current.length);
    const added = fresh.slice(0, room);
    const rejected = fresh.slice(room);
    const outcome = added.length ? this.set(DESK_KEYS.follows, [...current, ...added]) : OK;
    return outcome.ok ? { added, rejected, outcome } : { added: [], rejected: fresh, outcome };
  }

  unfollow(id: string): Outcome {
    const current = this.follows();
    return current.some((c) => c.id === id)
      ? this.set(
          DESK_KEYS.follows,
          current.filter((c) => c.id !== id),
        )
      : OK;
  }

  clearFollows(): Outcome {
    return this.set(DESK_KEYS.follows, []);
  }

  // Read marks: article slugs, and `story:<id>` for a story any report of which was opened.

  private readSet(): ReadonlySet<string> {
    const list = this.get(DESK_KEYS.read);
    let set = this.cache.get("read:set") as { list: string[]; set: Set<string> } | undefined;
    if (set?.list !== list) {
      set = { list, set: new Set(list) };
      this.cache.set("read:set", set);
    }
    return set.set;
  }

  isRead(slug: string, story?: string | null): boolean {
    const set = this.readSet();
    return set.has(slug) || (!!story && set.has(STORY_PREFIX + story));
  }

  /** Marks entries read or unread; unread also forgets their story's mark, or the story would keep them read. */
  setRead(entries: readonly { slug: string; story?: string | null }[], read: boolean): Outcome {
    const keys = entries.flatMap(({ slug, story }) => (story ? [slug, STORY_PREFIX + story] : [slug]));
    const current = this.get(DESK_KEYS.read);
    if (read) {
      const set = this.readSet();
      if (keys.every((key) => set.has(key))) return OK;
      return this.set(DESK_KEYS.read, appendBounded(current, keys, READ_LIMIT));
    }
    const drop = new Set(keys);
    return current.some((key) => drop.has(key))
      ? this.set(
          DESK_KEYS.read,
          current.filter((key) => !drop.has(key)),
        )
      : OK;
  }

  // Saved articles, newest first.

  saved(): readonly SavedArticle[] {
    return this.get(DESK_KEYS.saved);
  }

  isSaved(slug: string): boolean {
    return this.saved().some((a) => a.slug === slug);
  }

  save(article: SavedArticle): Outcome {
    const current = this.saved();
    if (current.some((a) => a.slug === article.slug)) return OK;
    if (current.length >= SAVED_LIMIT) return { ok: false, reason: "full" };
    return this.set(DESK_KEYS.saved, [article, ...current]);
  }

  unsave(slug: string): Outcome {
    const current = this.saved();
    return current.some((a) => a.slug === slug)
      ? this.set(
          DESK_KEYS.saved,
          current.filter((a) => a.slug !== slug),
        )
      : OK;
  }

  /**
   * What the server says about saved articles now: changed titles, a new
   * canonical slug (renamed: merged into an existing entry of that slug), or gone.
   */
  reconcileSaved(changes: ReadonlyMap<string, Partial<Pick<SavedArticle, "slug" | "title" | "source" | "published" | "gone">>>): Outcome {
    let changed = false;
    const seen = new Set<string>();
    const next: SavedArticle[] = [];
    for (const article of this.saved()) {
      const change = changes.get(article.slug);
      const updated = change ? { ...article, ...change } : article;
      if (change && change.gone === false) delete updated.gone;
      if (change && JSON.stringify(updated) !== JSON.stringify(article)) changed = true;
      if (seen.has(updated.slug)) {
        changed = true;
        continue;
      }
      seen.add(updated.slug);
      next.push(updated);
    }
    return changed ? this.set(DESK_KEYS.saved, next) : OK;
  }

  // The visit clock (lib/desk/visit.ts).

  visit(): Visit | null {
    return this.get(DESK_KEYS.visit);
  }

  /** Records activity at `now`; other tabs are not told (a clock tick changes nothing they show). */
  touchVisit(now: number): Visit {
    const visit = nextVisit(this.visit(), now);
    this.set(DESK_KEYS.visit, visit, false);
    return visit;
  }
}

/** A Storage that forgets everything when the page goes. */
export function memoryStorage(): StorageLike {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, String(value)),
    removeItem: (key) => void values.delete(key),
  };
}

/** localStorage when the browser lets this page write to it; null in private windows that refuse and with site data blocked. */
export function probeLocalStorage(): StorageLike | null {
  try {
    const storage = window.localStorage;
    const probe = "finews.desk.probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

let shared: DeskStore | null = null;

/** The page's one store (browser only), following changes other tabs make. */
export function deskStore(): DeskStore {
  if (shared) return shared;
  const storage = probeLocalStorage();
  const store = new DeskStore(storage ?? memoryStorage(), storage !== null);
  if (storage) window.addEventListener("storage", (event) => event.storageArea === storage && store.changedElsewhere(event.key));
  shared = store;
  return store;
}
