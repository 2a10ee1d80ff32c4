// Goals the bench checks each figure against (first matching pattern wins).
// They are the targets for the default 200,000-article corpus: a small
// BENCH_ARTICLES run will pass most of them easily. Adjust here, in one place.
export type Goal = { op: "<=" | ">=" | "=="; target: number | boolean };

const le = (target: number): Goal => ({ op: "<=", target });
const ge = (target: number): Goal => ({ op: ">=", target });
const is = (target: number | boolean): Goal => ({ op: "==", target });

export const GOALS: [RegExp, Goal][] = [
  // db:setup (issue: fast at 200,000 articles; search index adds ≤ 30%)
  [/^seed\.coldSeconds$/, le(120)],
  [/^seed\.unchangedSeconds$/, le(2)],
  [/^seed\.(newArticle|changedArticle)LatencyMs$/, le(2000)],
  // each URL once (cache misses), 8 clients
  [/^search\..*\.p99Ms$/, le(50)],
  [/^uncached\.article\.p99Ms$/, le(50)],
  [/^uncached\..*\.p99Ms$/, le(100)],
  [/^(uncached|search)\..*\.(errors|non2xx)$/, is(0)],
  [/^(uncached|search)\..*\.eventLoopMaxMs$/, le(50)],
  // one URL, 32 connections
  [/^cached\..*\.p99Ms$/, le(20)],
  [/^cached\..*\.(errors|non2xx)$/, is(0)],
  [/^cached\..*\.pctOfStatic$/, ge(30)],
  [/^afterSeed\.p99Ms$/, le(20)],
  [/^afterSeed\.renders$/, le(1)],
  [/^afterSeed\.(errors|non2xx)$/, is(0)],
  // memory, bytes shipped
  [/^server\.rssMiB(End)?$/, le(400)],
  [/^firstLoadJs\..*KiB$/, le(120)],
  [/^sitemap\.indexWithSmallFiles$/, is(true)],
  // soak, reseed, crash: no errors; memory flat
  [/^soak\.(errors|non2xx)$/, is(0)],
  [/^soak\.rss(Peak|End)MiB$/, le(400)],
  [/^soak\.cachedP99Ratio$/, le(2)],
  [/^soak\.cachedHitPct$/, ge(99)],
  [/^reseed\.(errors|status5xx)$/, is(0)],
  [/^crash\.(failedChecks|errors)$/, is(0)],
  [/^crash\.totalsMatch$/, is(true)],
];

export function goalFor(key: string): Goal | null {
  return GOALS.find(([re]) => re.test(key))?.[1] ?? null;
}

export function meets(value: unknown, goal: Goal): boolean | null {
  if (value === null || value === undefined) return null;
  if (goal.op === "==") return value === goal.target;
  if (typeof value !== "number" || typeof goal.target !== "number") return null;
  return goal.op === "<=" ? value <= goal.target : value >= goal.target;
}
