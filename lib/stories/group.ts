// Reports → stories. Reports are compared only with earlier ones at most 48 h
// before them that share a company or title bigrams (an inverted index over a
// sliding window, so the work grows with the reports and their neighbours, not
// with all pairs); pairs pairScore calls one story are merged with union-find,
// unless the merged story would grow past a size cap or hold two reports that a
// veto keeps apart (single link for similarity, complete link for vetoes).
import { pairScore, prepare, STORY_WINDOW_MS, TITLE_SUPPORT, vetoOf, type Prepared, type StoryArticle } from "./pair";

/** Most reports one story may hold: a cap on runaway chains, far above real updates (北向资金: 6). */
export const MAX_STORY_SIZE = 40;
/** Title bigrams two reports must share, at least, to be compared when they share no company or column. */
const MIN_SHARED_BIGRAMS = 2;
/** A bigram in more titles than this inside one window says nothing about a story (公司, 中国): not indexed. */
const STOP_POSTINGS = 200;
/** Companies of a report used to find candidates: the primary ones, not every name in a market round-up. */
const BLOCKING_COMPANIES = 4;

export type GroupOptions = {
  /** Story id each report already has (from an earlier seed): reports of one id stay together. */
  existing?: ReadonlyMap<string, string>;
  /** How many reports each existing story holds in all (counted against the size cap). */
  existingSizes?: ReadonlyMap<string, number>;
  /** Compare only pairs with at least one of these keys (the new or changed reports); default: all. */
  compareOnly?: ReadonlySet<string>;
  maxStorySize?: number;
};

export type Grouping = {
  /** Story id of every report given: the key of its first report, or the story's existing id. */
  storyOf: Map<string, string>;
  /** Existing story ids that were merged into another story: old id → surviving id. */
  renamed: Map<string, string>;
};

const byTimeThenKey = (a: Prepared, b: Prepared) =>
  a.time - b.time || (a.article.key < b.article.key ? -1 : a.article.key > b.article.key ? 1 : 0);

/** Reports → story ids. Deterministic: the same reports in any order give the same stories. */
export function groupStories(articles: readonly StoryArticle[], options: GroupOptions = {}): Grouping {
  const seen = new Set<string>();
  for (const article of articles) {
    if (seen.has(article.key)) throw new Error(`groupStories: the key "${article.key}" is given twice`);
    if (!(article.publishedAt instanceof Date) || Number.isNaN(article.publishedAt.getTime()))
      throw new Error(`groupStories: "${article.key}" has no valid publishedAt`);
    seen.add(article.key);
  }
  const reports = articles.map(prepare).sort(byTimeThenKey);
  const cap = options.maxStorySize ?? MAX_STORY_SIZE;
  const stories = new Stories(reports, cap);
  stories.joinExisting(options.existing ?? new Map(), options.existingSizes ?? new Map());

  const compare = options.compareOnly;
  forEachCandidate(reports, compare, (i, j) => {
    if (stories.find(i) === stories.find(j)) return;
    if (pairScore(reports[j], reports[i]).same) stories.merge(j, i);
  });
  return stories.result(options.existing ?? new Map());
}

type Posting = { items: number[]; start: number };

/**
 * Calls visit(i, j) for each earlier report j (j < i) within the window that
 * shares a company (named in the title, or else in the text) or the title column with report i, or enough title bigrams
 * for a title overlap of TITLE_SUPPORT (at least MIN_SHARED_BIGRAMS): no rule of
 * pairScore joins reports with less in common. Titles that both name companies
 * are compared only through a shared company (else a veto parts them anyway), so
 * "甲：拟回购…" is not compared with every "乙：拟回购…". With `compare`, only
 * pairs where one side is in it.
 */
function forEachCandidate(reports: Prepared[], compare: ReadonlySet<string> | undefined, visit: (i: number, j: number) => void) {
  // Bigram postings of every report, and of the reports whose titles name no company.
  const everyTitle = new Map<number, Posting>();
  const anonymousTitles = new Map<number, Posting>();
  const keyPostings = new Map<string, Posting>();
  const shared = new Int32Array(reports.length);
  const linked = new Uint8Array(reports.length);
  const touched: number[] = [];
  const live = (list: Posting, time: number) => {
    while (list.start < list.items.length && reports[list.items[list.start]].time < time - STORY_WINDOW_MS) list.start++;
    return list.items.length - list.start;
  };
  const add = <K>(postings: Map<K, Posting>, key: K, i: number) => {
    let list = postings.get(key);
    if (!list) postings.set(key, (list = { items: [], start: 0 }));
    list.items.push(i);
    // Drop what has left every future window, so memory follows the window.
    if (list.start > 64 && list.start * 2 > list.items.length) {
      list.items = list.items.slice(list.start);
      list.start = 0;
    }
  };
  // A title's companies, else the text's first ones: two titles naming no company in common are vetoed anyway.
  const keysOf = (report: Prepared) => [
    ...(report.titleCompanies.length ? report.titleCompanies : report.article.companies.slice(0, BLOCKING_COMPANIES)).map(
      (id) => `c:${id}`,
    ),
    ...(report.column ? [`k:${report.column}`] : []),
  ];

  for (let i = 0; i < reports.length; i++) {
    const report = reports[i];
    const keys = keysOf(report);
    for (const key of keys) {
      const list = keyPostings.get(key);
      if (!list) continue;
      live(list, report.time);
      for (let p = list.start; p < list.items.length; p++) {
        const j = list.items[p];
        if (shared[j] === 0 && linked[j] === 0) touched.push(j);
        linked[j] = 1;
      }
    }
    const named = report.titleCompanies.length > 0;
    const index = named ? anonymousTitles : everyTitle;
    for (const bigram of report.titleBigrams) {
      const list = index.get(bigram);
      if (!list || live(list, report.time) > STOP_POSTINGS) continue;
      for (let p = list.start; p < list.items.length; p++) {
        const j = list.items[p];
        if (shared[j] === 0 && linked[j] === 0) touched.push(j);
        shared[j]++;
      }
    }
    const mayCompare = !compare || compare.has(report.article.key);
    touched.sort((a, b) => a - b);
    for (const j of touched) {
      const needed = Math.max(
        MIN_SHARED_BIGRAMS,
        Math.ceil(TITLE_SUPPORT * Math.min(report.titleBigrams.length, reports[j].titleBigrams.length)),
      );
      if ((linked[j] || shared[j] >= needed) && (mayCompare || compare!.has(reports[j].article.key))) visit(i, j);
      shared[j] = 0;
      linked[j] = 0;
    }
    touched.length = 0;
    for (const key of keys) add(keyPostings, key, i);
    for (const bigram of report.titleBigrams) {
      add(everyTitle, bigram, i);
      if (!named) add(anonymousTitles, bigram, i);
    }
  }
}

/** Union-find over report indexes, with each story's members, size and existing ids. */
class Stories {
  private readonly parent: Int32Array;
  /** Members of each root that has more than itself, in time order. */
  private readonly members = new Map<number, number[]>();
  private readonly size: Int32Array;

  constructor(
    private readonly reports: Prepared[],
    private readonly cap: number,
  ) {
    this.parent = Int32Array.from(reports.keys());
    this.size = new Int32Array(reports.length).fill(1);
  }

  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  /** Reports that already share a story stay in it: no comparison, no cap. */
  joinExisting(existing: ReadonlyMap<string, string>, sizes: ReadonlyMap<string, number>) {
    const first = new Map<string, number>();
    this.reports.forEach((report, i) => {
      const id = existing.get(report.article.key);
      if (id === undefined) return;
      const root = first.get(id);
      if (root === undefined) first.set(id, i);
      else this.union(root, i);
    });
    for (const [id, i] of first) {
      const root = this.find(i);
      this.size[root] = Math.max(this.size[root], sizes.get(id) ?? 0);
    }
  }

  /** Merges the stories of i and j unless that passes the cap or joins two reports a veto separates. */
  merge(i: number, j: number): boolean {
    const [a, b] = [this.find(i), this.find(j)];
    if (a === b) return true;
    if (this.size[a] + this.size[b] > this.cap) return false;
    for (const x of this.membersOf(a)) for (const y of this.membersOf(b)) if (vetoOf(this.reports[x], this.reports[y])) return false;
    this.union(a, b);
    return true;
  }

  private union(i: number, j: number) {
    let [a, b] = [this.find(i), this.find(j)];
    if (a === b) return;
    // The root is the earlier report, so members stay in time order when concatenated and sorted.
    if (b < a) [a, b] = [b, a];
    this.parent[b] = a;
    this.members.set(a, mergeSorted(this.membersOf(a), this.membersOf(b)));
    this.members.delete(b);
    this.size[a] += this.size[b];
  }

  private membersOf(root: number): number[] {
    return this.members.get(root) ?? [root];
  }

  result(existing: ReadonlyMap<string, string>): Grouping {
    const storyOf = new Map<string, string>();
    const renamed = new Map<string, string>();
    this.reports.forEach((_, i) => {
      if (this.find(i) !== i) return;
      const group = this.membersOf(i);
      // The id: the existing id whose earliest report here is earliest (members are in time order), else the first report's key.
      let id: string | null = null;
      for (const m of group) {
        const old = existing.get(this.reports[m].article.key);
        if (old !== undefined) {
          id = old;
          break;
        }
      }
      id ??= this.reports[group[0]].article.key;
      for (const m of group) {
        const key = this.reports[m].article.key;
        storyOf.set(key, id);
        const old = existing.get(key);
        if (old !== undefined && old !== id) renamed.set(old, id);
      }
    });
    return { storyOf, renamed };
  }
}

function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++]);
  return out;
}
