import { describe, expect, it } from "vitest";
import { parseQuery } from "./query";
import {
  compareRanked,
  HALF_LIFE_DAYS,
  isStrong,
  PASSING_WEIGHT,
  rankFeatures,
  rankKey,
  rankScore,
  relevance,
  strongGroupBoostDays,
  type RankFeatures,
} from "./rank";

const NOW = new Date("2022-06-26T16:00:00Z");
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const titleHit = (daysOld: number): RankFeatures => ({
  groups: [{ inTitle: true, bodyHits: 1 }],
  bodyLength: 40,
  publishedAt: daysBefore(daysOld),
});
const passing = (daysOld: number): RankFeatures => ({
  groups: [{ inTitle: false, bodyHits: 1 }],
  bodyLength: 2000,
  publishedAt: daysBefore(daysOld),
});
const best = (...articles: RankFeatures[]) => articles.toSorted(compareRanked())[0];

describe("rankFeatures", () => {
  it("records per group whether a word is in the title and how often the group's words occur in the body", () => {
    const features = rankFeatures(
      parseQuery("茅台 北向资金 OR 北上资金"),
      "茅台重回2000元",
      "北上资金扫货,北向资金净流入,北向资金",
      daysBefore(0),
    );
    expect(features.groups).toEqual([
      { inTitle: true, bodyHits: 0 },
      { inTitle: false, bodyHits: 3 },
    ]);
    expect(features.bodyLength).toBe(19);
  });

  it("counts non-overlapping occurrences and code points, as SQL replace() and length() do", () => {
    const features = rankFeatures(parseQuery("aa"), "", "aaa 𠀀", daysBefore(0));
    expect(features.groups[0].bodyHits).toBe(1);
    expect(features.bodyLength).toBe(5);
  });
});

describe("relevance", () => {
  it("is 1 for a title hit and PASSING_WEIGHT for a word met once in a long body", () => {
    expect(relevance(titleHit(0))).toBe(1);
    expect(relevance(passing(0))).toBe(PASSING_WEIGHT);
  });

  it("counts a body that keeps returning to the word (≥ 5 times, ≥ 1 per 100 characters) as strong as a title hit", () => {
    expect(isStrong({ inTitle: false, bodyHits: 5 }, 500)).toBe(true);
    expect(isStrong({ inTitle: false, bodyHits: 5 }, 501)).toBe(false);
    expect(isStrong({ inTitle: false, bodyHits: 4 }, 100)).toBe(false);
  });

  it("averages over AND-ed groups", () => {
    const halfInTitle: RankFeatures = {
      groups: [
        { inTitle: true, bodyHits: 1 },
        { inTitle: false, bodyHits: 1 },
      ],
      bodyLength: 1000,
      publishedAt: NOW,
    };
    expect(relevance(halfInTitle)).toBe((1 + PASSING_WEIGHT) / 2);
  });
});

describe("order", () => {
  it("puts the newer first among equally relevant articles, minutes or a year apart", () => {
    expect(best(titleHit(0.2), titleHit(0.1))).toEqual(titleHit(0.1));
    expect(best(titleHit(365), titleHit(0))).toEqual(titleHit(0));
    expect(best(passing(3), passing(2))).toEqual(passing(2));
  });

  it("keeps an article about the query above passing mentions up to about a year newer", () => {
    expect(best(passing(0), titleHit(300))).toEqual(titleHit(300));
    expect(best(passing(0), titleHit(400))).toEqual(passing(0));
  });

  it("breaks exact ties with the caller's tie-break (id DESC in SQL)", () => {
    const a = { ...titleHit(1), id: 1 };
    const b = { ...titleHit(1), id: 2 };
    expect([a, b].sort(compareRanked<typeof a>((x, y) => y.id - x.id)).map((x) => x.id)).toEqual([2, 1]);
  });

  it("sorts by rankKey exactly as by rankScore, whatever `now` is", () => {
    const articles = [titleHit(0), titleHit(30), passing(1), passing(500), titleHit(400), passing(200), titleHit(0.01)];
    const byKey = articles.toSorted((a, b) => rankKey(b) - rankKey(a));
    for (const now of [NOW, new Date(NOW.getTime() + 1000 * 86_400_000)]) {
      expect(articles.toSorted((a, b) => rankScore(b, now) - rankScore(a, now))).toEqual(byKey);
    }
  });

  it("gives the SQL one shift per number of strong groups", () => {
    expect(strongGroupBoostDays(1)).toEqual([-2 * HALF_LIFE_DAYS, 0]);
    const [none, one, both] = strongGroupBoostDays(2);
    expect(none).toBe(-2 * HALF_LIFE_DAYS);
    expect(one).toBeCloseTo(HALF_LIFE_DAYS * Math.log2(5 / 8), 9);
    expect(both).toBe(0);
  });
});
