import { describe, expect, it } from "vitest";
import { directionBits, directionConflict } from "./directions";
import { compareFigures, extractFigures } from "./figures";
import { bigrams, comparableText, foldText, jaccard, overlapCoefficient, titleParts } from "./normalize";

describe("comparableText", () => {
  it("folds width and case, drops stock codes, datelines, dates and closing credits", () => {
    expect(foldText("ＦＦ：有充足的现金　支持")).toBe("ff:有充足的现金 支持");
    expect(comparableText("里昂：下调港交所(00388.HK)目标价至574港元")).toBe("里昂:下调港交所 目标价至574港元");
    expect(comparableText("瑞士信贷(CS.N)：将Sunoco Lp（SUN.N）目标价")).toBe("瑞士信贷 :将sunoco lp 目标价");
    expect(comparableText("财联社12月8日电，北向资金净流入达30亿元。（财联社）")).toBe("北向资金净流入达30亿元。");
    expect(comparableText("【每日经济新闻】12月7日晚间，新希望公告")).toBe(",新希望公告");
  });
});

describe("bigrams", () => {
  it("masks numbers, so one figure at other values has the same bigrams", () => {
    expect(bigrams("北向资金净流入达30亿元")).toEqual(bigrams("北向资金净流入达80亿元"));
    expect(bigrams("北向资金净流入达30亿元")).not.toEqual(bigrams("北向资金净流入超30亿元"));
  });

  it("never spans punctuation or spaces", () => {
    expect(bigrams("涨 跌")).toHaveLength(0);
    expect(bigrams("涨跌")).toHaveLength(1);
  });

  it("overlap coefficient and Jaccard of the measured pairs", () => {
    const a = bigrams(comparableText("国家知识产权局：打击非正常专利申请和商标恶意抢注行为"));
    const b = bigrams(comparableText("国家知识产权局张志成：严厉打击专利商标非正常申请行为"));
    expect(overlapCoefficient(a, b)).toBeCloseTo(0.57, 2);
    expect(jaccard(a, b)).toBeLessThan(overlapCoefficient(a, b));
    expect(overlapCoefficient(new Int32Array(0), b)).toBe(0);
  });
});

describe("titleParts", () => {
  it("tells a column from a subject", () => {
    expect(titleParts(foldText("港股午评：恒指涨1.2%"))).toMatchObject({ column: "港股午评", sessionColumn: true, subject: null });
    expect(titleParts(foldText("港股午评｜恒指涨1.2%"))).toMatchObject({ column: "港股午评", sessionColumn: true });
    expect(titleParts(foldText("午间公告：广生堂与瑞泰来医药签订战略合作框架协议"))).toMatchObject({
      column: "午间公告",
      sessionColumn: false,
    });
    expect(titleParts(foldText("瑞士信贷(CS.N)：维持长城汽车目标价41港元"))).toMatchObject({ column: null, subject: "瑞士信贷" });
    expect(titleParts(foldText("华尔街最高！大摩上调苹果目标价至200美元"))).toMatchObject({ column: null, subject: null });
  });
});

describe("extractFigures", () => {
  it("reads values with units, Chinese numerals and synonyms of one subject", () => {
    expect(extractFigures("北向资金净流入达30亿元")).toEqual([{ value: 3e9, unit: "元", metric: "净流入", subject: "北向资金" }]);
    expect(extractFigures("北上资金净买入近百亿")).toEqual([{ value: 1e10, unit: "元", metric: "净流入", subject: "北向资金" }]);
    expect(extractFigures("创业板指涨逾1.7%")).toEqual([{ value: 1.7, unit: "%", metric: "涨", subject: "创业板指" }]);
    expect(extractFigures("里昂:下调港交所 目标价至574港元", ["hk00388"])).toEqual([
      { value: 574, unit: "港元", metric: "目标价", subject: "hk00388" },
    ]);
  });

  it("skips numbers without a unit, years and ordinal Chinese numerals", () => {
    expect(extractFigures("ff:有充足的现金支持到ff 91完成投产")).toEqual([]);
    expect(extractFigures("2021年净利同比预增")).toEqual([]);
    expect(extractFigures("一季度营收增长")).toEqual([]);
  });

  it("compares two titles' figures: update, conflict, same value, none", () => {
    const f = (title: string, companies: string[] = []) => extractFigures(title, companies);
    expect(compareFigures(f("北向资金净流入达30亿元"), f("北向资金净流入超40亿"))).toBe("update");
    expect(compareFigures(f("宁德时代拟回购10亿元"), f("比亚迪拟回购20亿元"))).toBe("conflict");
    expect(compareFigures(f("贵州茅台股价重回2000元"), f("茅台重回2000元关口"))).toBe("same value");
    expect(compareFigures(f("北向资金净流入达30亿元"), f("创业板指涨逾1.7%"))).toBe("none");
  });
});

describe("direction words", () => {
  it("reads the longest word first: 地天板 vs 天地板, 涨停 is not 涨", () => {
    const up = directionBits("次新股活跃 三羊马上演地天板");
    const down = directionBits("午后st板块大幅跳水 多股上演天地板");
    expect(directionConflict(up, down)).toBe("limit");
    expect(directionConflict(directionBits("涨停"), directionBits("涨幅居前"))).toBeNull();
  });

  it("mixed directions on one axis are no conflict", () => {
    expect(directionConflict(directionBits("增持与减持并存"), directionBits("减持"))).toBeNull();
    expect(directionConflict(directionBits("北向资金净买入 个股遭卖出"), directionBits("净卖出"))).toBeNull();
  });
});
