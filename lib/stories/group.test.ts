import { describe, expect, it } from "vitest";
import { groupStories } from "./group";
import { report } from "./test-reports";
import { neighbourRanges, updateStories } from "./update";

const northbound = [
  report("nb30", "北向资金净流入达30亿元", "2021-12-08 10:40"),
  report("nb40", "北向资金净流入超40亿元", "2021-12-08 10:47"),
  report("nb40b", "北向资金净流入超40亿", "2021-12-08 10:48"),
  report("nb50", "北向资金净流入超50亿", "2021-12-08 10:59"),
  report("nb80", "北向资金净流入达80亿", "2021-12-08 13:50"),
  report("nb100", "A股三大指数集体走强 北向资金净买入近百亿元", "2021-12-08 15:00"),
];
const others = [
  report("south", "提前抄底？南向资金连续第10日净流入！来看看都买了哪些股？（附名单）", "2021-12-08 15:19"),
  report("forecast", "华西证券李立峰：预计2022年净流入A股的资金约6550亿元", "2021-12-08 12:39", { titleCompanies: ["sz002926"] }),
  report("nextday", "北向资金净流入超40亿", "2021-12-09 10:48"),
  report("hk-noon-a", "港股午评：恒指涨1.21% 科技股领涨", "2021-12-08 12:01"),
  report("hk-noon-b", "港股午评｜恒指半日涨1.2% 内房股走强", "2021-12-08 12:05"),
  report("hk-noon-next", "港股午评：恒指跌0.5% 科技股回落", "2021-12-09 12:02"),
];

const partition = (storyOf: Map<string, string>) => {
  const groups = new Map<string, string[]>();
  for (const [key, id] of storyOf) groups.set(id, [...(groups.get(id) ?? []), key].sort());
  return [...groups.values()].filter((g) => g.length > 1).sort((a, b) => a[0].localeCompare(b[0]));
};

describe("groupStories", () => {
  it("北向资金 30 → 40 → 40 → 50 → 80亿 → 近百亿 is one story; 南向, a forecast, the next day and other columns are not in it", () => {
    const { storyOf } = groupStories([...northbound, ...others]);
    expect(partition(storyOf)).toEqual([
      ["hk-noon-a", "hk-noon-b"],
      ["nb100", "nb30", "nb40", "nb40b", "nb50", "nb80"],
    ]);
  });

  it("names a story after its first report, and gives the same stories in any input order", () => {
    const all = [...northbound, ...others];
    const { storyOf } = groupStories(all);
    expect(storyOf.get("nb80")).toBe("nb30");
    expect(storyOf.get("south")).toBe("south");
    for (const order of [[...all].reverse(), [...all].sort((a, b) => a.title.localeCompare(b.title))]) {
      expect(groupStories(order).storyOf).toEqual(storyOf);
    }
  });

  it("breaks a tie of publication times by key", () => {
    const { storyOf } = groupStories([
      report("b", "长春发布若干政策措施", "2022-04-21 18:36"),
      report("a", "长春发布若干政策措施", "2022-04-21 18:36"),
    ]);
    expect([...new Set(storyOf.values())]).toEqual(["a"]);
  });

  it("caps a story's size", () => {
    const updates = Array.from({ length: 8 }, (_, i) => report(`u${i}`, `北向资金净流入超${10 * (i + 1)}亿`, `2021-12-08 1${i}:00`));
    const { storyOf } = groupStories(updates, { maxStorySize: 5 });
    const sizes = new Map<string, number>();
    for (const id of storyOf.values()) sizes.set(id, (sizes.get(id) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBe(5);
  });

  it("does not chain two reports a veto separates into one story through a third", () => {
    // Each of a and c is similar to b, but a and c name different companies.
    const a = report("a", "瑞士信贷：维持目标价 销量跌32%", "2021-12-08 11:00", { titleCompanies: ["uscs", "sh601633"] });
    const b = report("b", "瑞士信贷：维持目标价 销量跌32%", "2021-12-08 11:05", { titleCompanies: ["uscs"] });
    const c = report("c", "瑞士信贷：维持目标价 销量跌32%", "2021-12-08 11:10", { titleCompanies: ["uscs", "ussun"] });
    const { storyOf } = groupStories([a, b, c]);
    expect(storyOf.get("a")).toBe(storyOf.get("b"));
    expect(storyOf.get("c")).toBe("c");
  });

  it("compares reports that share a company even when their titles share no words", () => {
    const lead = "Faraday Future (FF)于今日举办的线上投资者沟通交流会上，首次披露公司IPO后的财务状况。";
    const a = report("a", "FF：有充足的现金支持到FF 91完成投产", "2021-12-08 10:18", { titleCompanies: ["usffie"], lead });
    const b = report("b", "Faraday披露IPO后财务状况", "2021-12-08 10:20", { titleCompanies: ["usffie"], lead });
    expect(groupStories([a, b]).storyOf.get("b")).toBe("a");
  });

  it("keeps existing stories and their ids; a merge keeps the older id and reports the renamed one", () => {
    const existing = new Map([
      ["nb30", "nb30"],
      ["nb40", "nb30"],
      ["nb80", "nb80"],
    ]);
    const { storyOf, renamed } = groupStories([northbound[0], northbound[1], northbound[4], northbound[3]], { existing });
    expect(new Set(storyOf.values())).toEqual(new Set(["nb30"]));
    expect(renamed).toEqual(new Map([["nb80", "nb30"]]));
  });

  it("rejects a key given twice and a report without a valid date, naming it", () => {
    expect(() => groupStories([northbound[0], northbound[0]])).toThrow(/"nb30" is given twice/);
    expect(() => groupStories([{ ...northbound[0], publishedAt: new Date("x") }])).toThrow(/"nb30" has no valid publishedAt/);
  });
});

describe("updateStories", () => {
  const stored = (r: ReturnType<typeof report>, story: string) => ({ ...r, story });

  it("puts a new report into its neighbours' story under the story's id", () => {
    const { storyOf, renamed } = updateStories({
      changed: [northbound[4]],
      neighbours: [stored(northbound[0], "nb30"), stored(northbound[1], "nb30"), stored(others[0], "south")],
    });
    expect(storyOf.get("nb80")).toBe("nb30");
    expect(storyOf.get("south")).toBe("south");
    expect(renamed.size).toBe(0);
  });

  it("a new report that bridges two stories merges them under the older id", () => {
    // Stored apart (say, by an older seed); the new update joins both.
    const { storyOf, renamed } = updateStories({
      changed: [northbound[3]],
      neighbours: [stored(northbound[0], "nb30"), stored(northbound[4], "nb80")],
    });
    expect(storyOf.get("nb50")).toBe("nb30");
    expect(storyOf.get("nb80")).toBe("nb30");
    expect(renamed).toEqual(new Map([["nb80", "nb30"]]));
  });

  it("compares only the changed reports: stored neighbours apart stay apart", () => {
    const { storyOf } = updateStories({
      changed: [others[0]],
      neighbours: [stored(northbound[0], "nb30"), stored(northbound[1], "nb40")],
    });
    expect(storyOf.get("nb40")).toBe("nb40");
  });

  it("a changed report never splits its own story", () => {
    const edited = { ...northbound[1], title: "某公司发布新产品", lead: "某公司发布新产品", story: "nb30" };
    const { storyOf } = updateStories({ changed: [edited], neighbours: [stored(northbound[0], "nb30"), stored(northbound[1], "nb30")] });
    expect(storyOf.get("nb40")).toBe("nb30");
  });

  it("counts stored reports outside the window against the size cap", () => {
    const { storyOf } = updateStories({
      changed: [northbound[4]],
      neighbours: [stored(northbound[0], "nb30")],
      storySizes: new Map([["nb30", 40]]),
    });
    expect(storyOf.get("nb80")).toBe("nb80");
  });
});

describe("neighbourRanges", () => {
  it("spans 48 h either side of each time, merging ranges that overlap", () => {
    const t = (s: string) => new Date(`${s}T00:00:00Z`);
    expect(neighbourRanges([t("2021-12-10"), t("2021-12-08"), t("2022-01-07")])).toEqual([
      { from: t("2021-12-06"), to: t("2021-12-12") },
      { from: t("2022-01-05"), to: t("2022-01-09") },
    ]);
  });
});
