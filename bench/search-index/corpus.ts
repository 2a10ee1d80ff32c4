// The synthetic corpus of the search benchmarks (sqlite.ts for SQLite,
// postgres.ts for PostgreSQL): the real posts' titles and sentences
// recombined to feed-like lengths, digits varied, published in id order.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArticle } from "../../lib/content/parse-article";
import { normalize } from "../../lib/search/normalize";
import { mulberry32 } from "../../lib/search/__tests__/corpus";
import { percentile as percentileOfSorted } from "../load";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type BenchRow = { id: number; title: string; plainText: string; publishedAt: string };
type Row = BenchRow;

/** Every draw of a benchmark from one seeded PRNG, so a run is reproducible. */
export function benchCorpus(seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];

  function realPosts(): { title: string; plainText: string }[] {
    const dirs = ["/work/shared/corpus/finews", path.join(ROOT, "content")];
    const posts: { title: string; plainText: string }[] = [];
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (!statSync(file).isFile() || !/\.(md|txt)$/.test(name)) continue;
        const result = parseArticle(name, readFileSync(file));
        if (result.ok) posts.push({ title: result.article.title, plainText: result.article.plainText });
      }
    }
    return posts;
  }

  const varyDigits = (s: string) => s.replace(/\d/g, (d) => (random() < 0.3 ? String(Math.floor(random() * 10)) : d));

  /** Body lengths like the feed: mostly terse, a long tail to ~3,000 characters. */
  function bodyLength(): number {
    const r = random();
    if (r < 0.55) return 100 + random() * 250;
    if (r < 0.9) return 350 + random() * 900;
    return 1250 + random() * 1750;
  }

  function syntheticArticles(count: number): Row[] {
    const posts = realPosts();
    const sentences = posts.flatMap((p) =>
      p.plainText
        .split(/(?<=[。！？\n])/)
        .map((s) => s.trim())
        .filter((s) => s.length > 4),
    );
    const rows: Row[] = [];
    const start = Date.parse("2021-12-01T00:00:00Z");
    for (let id = 1; id <= count; id++) {
      const target = bodyLength();
      let body = "";
      while (body.length < target) body += varyDigits(pick(sentences));
      // Published roughly in id order (the seed inserts in file order) with jitter of up to two days.
      const t = start + id * 6 * 60_000 + Math.floor((random() - 0.5) * 4 * 86_400_000);
      rows.push({
        id,
        title: varyDigits(pick(posts).title),
        plainText: body,
        publishedAt: new Date(t).toISOString().replace("Z", "+00:00"),
      });
    }
    return rows;
  }

  /** Query samples: substrings of random articles (so they hit), plus fixed favourites. */
  function querySets(rows: Row[]) {
    const substrings = (len: number, n: number) => {
      const out: string[] = [];
      while (out.length < n) {
        const text = normalize(pick(rows).plainText);
        const at = Math.floor(random() * Math.max(1, text.length - len));
        const s = text.slice(at, at + len);
        if (s.length === len && !/\s/.test(s)) out.push(s);
      }
      return out;
    };
    return {
      "1 char": ["美", "股", "的", "茅", "宁", ...substrings(1, 45)],
      "2 chars": ["茅台", "美团", "快手", "基金", "利润", "2022", ...substrings(2, 44)],
      "4 chars": ["宁德时代", "贵州茅台", "净利润率", "人民币兑", ...substrings(4, 46)],
      "two words": [
        "美团 快手",
        "茅台 利润",
        "tsla model",
        "宁德时代 电池",
        ...Array.from({ length: 46 }, () => `${substrings(2, 1)[0]} ${substrings(2, 1)[0]}`),
      ],
      "latin/number": ["tsla", "model y", "618", "2022", "etf", "a股", "5g", '"model y"'],
    };
  }

  return { random, pick, syntheticArticles, querySets };
}

/** The p-th percentile of unsorted samples (bench/load.ts's rule). */
export function percentile(xs: number[], p: number): number {
  return (
    percentileOfSorted(
      [...xs].sort((a, b) => a - b),
      p,
    ) ?? NaN
  );
}
