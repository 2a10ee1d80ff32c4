import { describe, expect, it } from "vitest";
import { pairScore, prepare, sameStory } from "./pair";
import { report } from "./test-reports";

const verdict = (a: ReturnType<typeof report>, b: ReturnType<typeof report>) => pairScore(prepare(a), prepare(b));

describe("pairScore: the issue's hard negatives stay apart", () => {
  it("宁德时代 vs 比亚迪, one template (股东减持不超过1%): other companies", () => {
    const catl = report("a", "宁德时代：股东拟减持不超过1%公司股份", "2021-12-08 10:00", { titleCompanies: ["sz300750"] });
    const byd = report("b", "比亚迪：股东拟减持不超过1%公司股份", "2021-12-08 10:05", { titleCompanies: ["sz002594"] });
    expect(verdict(catl, byd)).toMatchObject({ same: false, reason: "titles name different companies" });
    // Without recognised companies the subjects before ： still differ.
    const [bare1, bare2] = [
      { ...catl, titleCompanies: [], companies: [] },
      { ...byd, titleCompanies: [], companies: [] },
    ];
    expect(verdict(bare1, bare2)).toMatchObject({ same: false, reason: "different subjects (宁德时代 / 比亚迪)" });
  });

  it("回购10亿 by one company vs 回购20亿 by another: other subject, other value", () => {
    const a = report("a", "宁德时代拟回购不超过10亿元公司股份", "2021-12-08 10:00");
    const b = report("b", "比亚迪拟回购不超过20亿元公司股份", "2021-12-08 10:05");
    expect(verdict(a, b)).toMatchObject({ same: false, reason: "different figures" });
    const named = [
      { ...a, titleCompanies: ["sz300750"] },
      { ...b, titleCompanies: ["sz002594"] },
    ];
    expect(sameStory(named[0], named[1])).toBe(false);
  });

  it("增持 vs 减持 of one company: opposite directions", () => {
    const a = report("a", "贵州茅台：控股股东拟增持公司股份", "2021-12-08 10:00", { titleCompanies: ["sh600519"] });
    const b = report("b", "贵州茅台：控股股东拟减持公司股份", "2021-12-08 10:30", { titleCompanies: ["sh600519"] });
    expect(verdict(a, b)).toMatchObject({ same: false, reason: "opposite directions (holding)" });
  });

  it.each([
    ["上调", "下调", "rating"],
    ["涨停", "跌停", "limit"],
    ["扭亏为盈", "由盈转亏", "profit"],
    ["净流入", "净流出", "trade"],
    ["在岸人民币", "离岸人民币", "yuan"],
  ])("%s vs %s: opposite directions (%s)", (up, down, axis) => {
    const a = report("a", `某某：${up}相关事项`, "2021-12-08 10:00");
    const b = report("b", `某某：${down}相关事项`, "2021-12-08 10:01");
    expect(verdict(a, b)).toMatchObject({ same: false, reason: `opposite directions (${axis})` });
  });

  it("瑞士信贷's notes on 长城汽车 and on Sunoco (2021-12-08) are two stories", () => {
    const gwm = report("a", "瑞士信贷(CS.N)：维持长城汽车目标价41港元 11月表现疲弱主因哈弗品牌销量跌32%", "2021-12-08 11:40", {
      titleCompanies: ["uscs", "sh601633"],
    });
    const sunoco = report("b", "瑞士信贷(CS.N)：将Sunoco Lp（SUN.N）目标价从37美元上调至39美元", "2021-12-08 13:10", {
      titleCompanies: ["uscs", "ussun"],
    });
    expect(verdict(gwm, sunoco)).toMatchObject({ same: false, reason: "titles name different companies" });
  });

  it("one broker, same template, two companies the directory does not know: different figures", () => {
    const a = report("a", "瑞士信贷：将甲公司目标价上调至39美元", "2021-12-08 13:10");
    const b = report("b", "瑞士信贷：将乙公司目标价上调至45美元", "2021-12-08 13:12");
    expect(verdict(a, b).same).toBe(false);
  });

  it("港股午评 of different days are two stories, even with near-identical words", () => {
    const monday = report("a", "港股午评：恒指涨1.2% 科技股走强", "2021-12-06 12:00");
    const tuesday = report("b", "港股午评：恒指涨1.2% 科技股走强", "2021-12-07 12:00");
    expect(verdict(monday, tuesday)).toMatchObject({ same: false, reason: "column 港股午评 of different days" });
  });

  it("one daily figure on different days is two stories", () => {
    const a = report("a", "北向资金净流入超40亿", "2021-12-08 10:48");
    const b = report("b", "北向资金净流入超40亿", "2021-12-09 10:48");
    expect(verdict(a, b)).toMatchObject({ same: false, reason: "one daily figure on different days" });
  });

  it("different columns are different stories (港股午评 vs 港股收评)", () => {
    const a = report("a", "港股午评：恒指涨1.2%", "2021-12-08 12:00");
    const b = report("b", "港股收评：恒指涨1.2%", "2021-12-08 16:10");
    expect(verdict(a, b)).toMatchObject({ same: false, reason: "different columns (港股午评 / 港股收评)" });
  });

  it("reports more than 48 h apart are never one story", () => {
    const a = report("a", "昇兴股份：2021年净利同比预增1117%-1233%", "2022-01-21 18:05");
    const b = report("b", "昇兴股份：2021年净利同比预增1117%-1233%", "2022-01-23 18:06");
    expect(verdict(a, b)).toMatchObject({ same: false, reason: "more than 48 h apart" });
  });
});

describe("pairScore: one story", () => {
  it("港股午评：… and 港股午评｜… of one day, from two desks in other words", () => {
    const a = report("a", "港股午评：恒指涨1.21% 科技股领涨", "2021-12-08 12:01");
    const b = report("b", "港股午评｜恒指半日涨1.2% 内房股走强", "2021-12-08 12:05");
    expect(verdict(a, b)).toMatchObject({ same: true, reason: "one session's 港股午评" });
  });

  it("北向资金 30 亿 → 近百亿: updates of one figure, whichever words (净流入 / 净买入, 北上 / 北向)", () => {
    const first = report("a", "北向资金净流入达30亿元", "2021-12-08 10:40");
    for (const later of [
      "北向资金净流入超40亿",
      "北上资金净流入超50亿元",
      "北向资金净流入达80亿",
      "A股三大指数集体走强 北向资金净买入近百亿元",
    ]) {
      expect(verdict(first, report("b", later, "2021-12-08 15:00")), later).toMatchObject({ same: true, reason: "update of one figure" });
    }
  });

  it("海伦司 涨超10% → 续升超9%: one company's move through the day", () => {
    const a = report("a", "海伦司(09869.HK)涨超10%", "2021-12-08 10:41", { titleCompanies: ["hk09869"] });
    const b = report("b", "海伦司(9869.HK)续升超9% 2日涨幅达15% 投行唱好", "2021-12-08 11:18", { titleCompanies: ["hk09869"] });
    expect(verdict(a, b)).toMatchObject({ same: true, reason: "update of one figure" });
  });

  it("twins and copies with one title are one story", () => {
    const a = report("a", "佩斯科夫：克宫不支持无差别对“不友好国家”公司资产进行国有化", "2022-04-21 18:31");
    const b = report("b", "佩斯科夫：克宫不支持无差别对“不友好国家”公司资产进行国有化", "2022-04-21 18:31");
    expect(verdict(a, b)).toMatchObject({ same: true, reason: "same title" });
  });

  it("a rewrite by another outlet: similar titles", () => {
    const a = report("a", "广州期货交易所未来两年计划研发16个品种 涉及4大板块", "2021-12-08 11:33");
    const b = report("b", "广期所未来两年计划研发16个品种 碳排放权期货等绿色发展类产品是核心战略板块", "2021-12-08 11:36");
    expect(verdict(a, b)).toMatchObject({ same: true, reason: "similar titles" });
  });

  it("one company, other headline words, the same lead: similar title and lead", () => {
    const lead = "Faraday Future (FF)于今日举办的线上投资者沟通交流会上，首次披露公司IPO后的财务状况。公司预计总资产约为11亿美元。";
    const a = report("a", "FF：有充足的现金支持到FF 91完成投产", "2021-12-08 10:18", { titleCompanies: ["usffie"], lead });
    const b = report("b", "FF首次披露IPO后财务状况 预计总资产约为11亿美元", "2021-12-08 10:20", { titleCompanies: ["usffie"], lead });
    expect(verdict(a, b)).toMatchObject({ same: true, reason: "similar title and lead" });
    // The same lead under two companies' names is not enough.
    expect(verdict(a, { ...b, titleCompanies: ["ustsla"], companies: ["ustsla"] }).same).toBe(false);
  });

  it("one company and one figure in other words: 茅台 back at 2000元", () => {
    const a = report("a", "白酒及消费股悄然崛起 贵州茅台股价重回2000元", "2021-12-08 10:39", { titleCompanies: ["sh600519"] });
    const b = report("b", "“股王”茅台重回2000元关口！酿酒板块多股大涨", "2021-12-08 12:41", { titleCompanies: ["sh600519"] });
    expect(verdict(a, b)).toMatchObject({ same: true, reason: "one company, one figure" });
  });

  it("one company's two unrelated answers on one day are two stories", () => {
    const a = report("a", "中国铝业：公司拟通过协议方式以现金收购金属镓资产", "2021-12-08 14:27", { titleCompanies: ["sh601600"] });
    const b = report("b", "中国铝业：公司没有铝深加工产品 并不直接向大飞机生产供货", "2021-12-08 14:42", { titleCompanies: ["sh601600"] });
    expect(verdict(a, b)).toMatchObject({ same: false, reason: "not similar enough" });
  });
});
