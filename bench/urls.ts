// URLs to request, taken from the bench database (read-only): slugs, timeline
// cursors, company ids, sources, and search terms cut from article text.
import Database from "better-sqlite3";
import { config } from "./config";
import { rng, type Rng } from "./corpus";

const BJ = 8 * 3_600_000;
const day = (ms: number) => new Date(ms + BJ).toISOString().slice(0, 10);
const toMs = (v: unknown) => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : Date.parse(String(v).replace(" ", "T")));
const enc = encodeURIComponent;

export type UrlSets = Record<string, string[]>;

export class UrlSource {
  private db: Database.Database;
  readonly r: Rng;
  readonly articleCount: number;
  private minMs: number;
  private maxMs: number;
  readonly companies: { id: string; n: number }[];
  readonly sources: string[];

  constructor(dbFile: string, seed = config.seed) {
    this.db = new Database(dbFile, { readonly: true, fileMustExist: true });
    this.r = rng(seed ^ 0x5eed);
    this.articleCount = (this.db.prepare(`SELECT COUNT(*) AS n FROM "Article"`).get() as { n: number }).n;
    const span = this.db.prepare(`SELECT MIN("publishedAt") AS lo, MAX("publishedAt") AS hi FROM "Article"`).get() as {
      lo: unknown;
      hi: unknown;
    };
    this.minMs = toMs(span.lo);
    this.maxMs = toMs(span.hi);
    this.companies = this.db
      .prepare(`SELECT "id", "articleCount" AS n FROM "Company" WHERE "articleCount" > 0 ORDER BY "articleCount" DESC, "id"`)
      .all() as { id: string; n: number }[];
    this.sources = (
      this.db
        .prepare(`SELECT s."name" FROM "Source" s ORDER BY (SELECT COUNT(*) FROM "Article" a WHERE a."sourceId" = s."id") DESC`)
        .all() as { name: string }[]
    ).map((s) => s.name);
    if (!this.articleCount || !this.companies.length) throw new Error(`${dbFile}: no articles or companies to build URLs from`);
  }

  close() {
    this.db.close();
  }

  /** The newest article of the database (for "does the change show" checks). */
  newest(): { slug: string; title: string } {
    return this.db.prepare(`SELECT "slug", "title" FROM "Article" ORDER BY "publishedAt" DESC, "id" DESC LIMIT 1`).get() as {
      slug: string;
      title: string;
    };
  }

  count(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM "Article"`).get() as { n: number }).n;
  }

  /** `n` rows spread evenly over the timeline (newest first): slug, cursor, text. */
  private rowsAt(offsets: number[]) {
    const stmt = this.db.prepare(
      `SELECT "id", "slug", "publishedAt", "plainText" FROM "Article" ORDER BY "publishedAt" DESC, "id" DESC LIMIT 1 OFFSET ?`,
    );
    return offsets.map((o) => {
      const row = stmt.get(o) as { id: number; slug: string; publishedAt: unknown; plainText: string };
      return { ...row, cursor: `${toMs(row.publishedAt)}-${row.id}` };
    });
  }

  private randomRows(n: number) {
    const stmt = this.db.prepare(`SELECT "id", "slug", "plainText" FROM "Article" WHERE "id" >= ? ORDER BY "id" LIMIT 1`);
    const max = (this.db.prepare(`SELECT MAX("id") AS m FROM "Article"`).get() as { m: number }).m;
    return Array.from(
      { length: n },
      () => stmt.get(this.r.int(1, max)) as { id: number; slug: string; plainText: string } | undefined,
    ).filter(Boolean) as {
      id: number;
      slug: string;
      plainText: string;
    }[];
  }

  /** A company drawn by popularity (weighted by article count, so popular ones recur, the tail shows up). */
  company(): string {
    return this.r.chance(0.5)
      ? this.companies[Math.floor(Math.pow(this.r.next(), 3) * this.companies.length)].id
      : this.r.pick(this.companies).id;
  }

  range(): { from: string; to: string } {
    const a = this.minMs + this.r.next() * (this.maxMs - this.minMs);
    const days = this.r.pick([1, 1, 3, 7, 30, 90, 365]);
    return { from: day(a), to: day(Math.min(this.maxMs, a + (days - 1) * 86_400_000)) };
  }

  /** A CJK substring of `len` characters from a random article (or a two-word query when words > 1). */
  term(text: string, len: number): string | null {
    const runs = text.match(/[\u4e00-\u9fff]+/g)?.filter((run) => run.length >= len) ?? [];
    if (!runs.length) return null;
    const run = this.r.pick(runs);
    const at = this.r.int(0, run.length - len);
    return run.slice(at, at + len);
  }

  private distinct(n: number, make: () => string | null, tries = n * 20): string[] {
    const out = new Set<string>();
    for (let i = 0; i < tries && out.size < n; i++) {
      const url = make();
      if (url) out.add(url);
    }
    return [...out];
  }

  /** Distinct-URL sets per page type (each URL once → cache misses). */
  pageSets(many = config.urls, few = config.fewUrls): UrlSets {
    const n = this.articleCount;
    const offsets = (k: number) => Array.from({ length: Math.min(k, n) }, (_, i) => Math.floor((i * n) / Math.min(k, n)));
    const timeline = this.rowsAt(offsets(many)).map((row) => `/?before=${row.cursor}`);
    const cursors = this.rowsAt(offsets(few).map((o) => Math.min(n - 1, o + 7))).map((row) => row.cursor);
    const filterMakers: (() => string)[] = [
      () => `/?company=${this.company()}`,
      () => `/?company=${[this.company(), this.company()].sort().join(",")}`,
      () => {
        const { from, to } = this.range();
        return `/?from=${from}&to=${to}`;
      },
      () => `/?source=${enc(this.r.pick(this.sources))}`,
      () => {
        const { from, to } = this.range();
        return `/?company=${this.company()}&from=${from}&to=${to}`;
      },
      () => `/?company=${this.company()}&source=${enc(this.r.pick(this.sources))}`,
      () => `/?from=${this.range().from}&source=${enc(this.r.pick(this.sources))}`,
    ];
    const feedQuery = () =>
      this.r.pick([
        () => `?company=${this.company()}`,
        () => `?source=${enc(this.r.pick(this.sources))}`,
        () => `?before=${this.r.pick(cursors)}`,
        () => {
          const { from, to } = this.range();
          return `?from=${from}&to=${to}`;
        },
      ])();
    const companies = this.companies.slice(0, many).map((c) => c.id);
    return {
      timeline,
      filter: this.distinct(many, () => this.r.pick(filterMakers)()),
      company: companies.map((id) => `/companies/${id}`),
      article: [...new Set(this.randomRows(few * 2).map((a) => `/articles/${a.slug}`))].slice(0, few),
      "feed.json": this.distinct(few, () => `/feed.json${feedQuery()}`),
      "feed.xml": this.distinct(few, () => `/feed.xml${feedQuery()}`),
    };
  }

  /**
   * A few URLs of each page type that `measured` does not contain, to warm a
   * freshly started server (JIT, module loading) before the uncached runs:
   * every measured URL stays a cache miss.
   */
  warmUpUrls(measured: UrlSets, perType = 10): string[] {
    const taken = new Set(Object.values(measured).flat());
    const n = this.articleCount;
    // Offsets beside the evenly spread ones pageSets uses.
    const offsets = Array.from({ length: Math.min(perType, n) }, (_, i) => Math.min(n - 1, Math.floor((i * n) / perType) + 5));
    const timeline = this.rowsAt(offsets).map((row) => `/?before=${row.cursor}`);
    const companies = this.companies.slice(-perType).map((c) => `/companies/${c.id}`);
    const others = Object.entries(this.pageSets(perType * 3, perType * 3))
      .filter(([type]) => type !== "timeline" && type !== "company")
      .map(([, urls]) => urls.filter((u) => !taken.has(u)).slice(0, perType));
    return [timeline, companies, ...others].flat().filter((u) => !taken.has(u));
  }

  /** Searches of 1, 2, 4 characters and two words, alone and with a company the article is linked to. */
  searchSets(few = config.fewUrls): UrlSets {
    const rows = this.randomRows(few * 6);
    const linked = this.db.prepare(`SELECT "companyId" FROM "ArticleCompany" WHERE "articleId" = ? ORDER BY "rank" LIMIT 1`);
    const kinds: Record<string, (text: string) => string | null> = {
      "1 char": (t) => this.term(t, 1),
      "2 chars": (t) => this.term(t, 2),
      "4 chars": (t) => this.term(t, 4),
      "two words": (t) => {
        const a = this.term(t, 2);
        const b = this.term(t, this.r.int(2, 3));
        return a && b && a !== b ? `${a} ${b}` : null;
      },
    };
    const sets: UrlSets = {};
    for (const [name, make] of Object.entries(kinds)) {
      for (const withCompany of [false, true]) {
        let i = 0;
        sets[`search ${name}${withCompany ? " +company" : ""}`] = this.distinct(few, () => {
          const row = rows[i++ % rows.length];
          const q = make(row.plainText);
          if (!q) return null;
          if (!withCompany) return `/?q=${enc(q)}`;
          const company = (linked.get(row.id) as { companyId: string } | undefined)?.companyId ?? this.company();
          return `/?company=${company}&q=${enc(q)}`;
        });
      }
    }
    return sets;
  }

  /**
   * An endless supply of distinct URLs (mostly cache misses) for soak and
   * reseed: article pages, timeline cursors, filters, feeds and searches.
   */
  stream(): () => string {
    const seen = new Set<string>();
    // Loaded once: per-request OFFSET queries would load the bench's own event loop.
    const all = (
      this.db.prepare(`SELECT "id", "slug", "publishedAt" FROM "Article" ORDER BY "publishedAt" DESC, "id" DESC`).all() as {
        id: number;
        slug: string;
        publishedAt: unknown;
      }[]
    ).map((a) => ({ slug: a.slug, cursor: `${toMs(a.publishedAt)}-${a.id}` }));
    const text = this.db.prepare(`SELECT "plainText" FROM "Article" WHERE "slug" = ?`);
    const any = () => this.r.pick(all);
    const makers: [number, () => string | null][] = [
      [30, () => `/articles/${any().slug}`],
      [20, () => `/?before=${any().cursor}`],
      [
        20,
        () => {
          const { from, to } = this.range();
          return this.r.chance(0.5)
            ? `/?company=${this.company()}&from=${from}&to=${to}`
            : `/?from=${from}&to=${to}&source=${enc(this.r.pick(this.sources))}`;
        },
      ],
      [10, () => `/feed.json?company=${this.company()}&from=${this.range().from}`],
      [5, () => `/?company=${this.company()}&before=${any().cursor}`],
      [
        15,
        () => {
          const row = text.get(any().slug) as { plainText: string } | undefined;
          const q = row && this.term(row.plainText, this.r.pick([2, 2, 3, 4]));
          return q ? `/?q=${enc(q)}` : null;
        },
      ],
    ];
    const total = makers.reduce((s, [w]) => s + w, 0);
    return () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        let x = this.r.next() * total;
        const make = makers.find(([w]) => (x -= w) < 0)![1];
        const url = make();
        if (url && !seen.has(url)) {
          seen.add(url);
          return url;
        }
      }
      return `/articles/${any().slug}`; // a repeat: fine, rare
    };
  }
}
