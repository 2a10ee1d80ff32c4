import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArticle, type ParsedArticle } from "../content/parse-article";
import { buildDirectory, loadDirectory, type CompanyDirectory } from "./directory";
import { recognizeCompanies } from "./recognize";
import { findStockCodes, listingIdFromCode } from "./stock-codes";

const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const { directory } = loadDirectory(contentDir);

function parseSeed(prefix: string): ParsedArticle {
  const fileName = readdirSync(contentDir).find((name) => name.startsWith(`${prefix}_`))!;
  const result = parseArticle(fileName, readFileSync(path.join(contentDir, fileName)));
  if (!result.ok) throw new Error(`${fileName} was rejected: ${result.reason}`);
  return result.article;
}

function links(title: string, plainText = "", chartIds: (string | null)[] = [], dir: CompanyDirectory = directory) {
  return recognizeCompanies({ title, plainText, charts: chartIds.map((listingId) => ({ listingId })) }, dir).links;
}
const ids = (title: string, plainText = "") => links(title, plainText).map((l) => l.companyId);

/** A directory of a few test companies (no shipped data). */
function smallDirectory(yamlEntries: string): CompanyDirectory {
  return buildDirectory({ aSharesTsv: "", curatedYaml: yamlEntries });
}

describe("the shipped directory", () => {
  it("knows every A-share and the seed companies", () => {
    expect(directory.companies.length).toBeGreaterThan(5000);
    for (const id of ["hk01024", "hk03690", "hk00700", "hk00493", "hk09618", "sz000725", "hk01810", "sh600519", "sz300750"]) {
      expect(directory.byListing.has(id), id).toBe(true);
    }
  });

  it("makes dual listings one company", () => {
    for (const [a, b] of [
      ["sh601600", "hk02600"],
      ["sz002594", "hk01211"],
      ["sz002460", "hk01772"],
      ["sh600600", "hk00168"],
      ["hk09988", "usbaba"],
    ]) {
      expect(directory.byListing.get(a), `${a} + ${b}`).toBe(directory.byListing.get(b));
    }
  });
});

describe("recognizeCompanies: names", () => {
  it("the longest name wins: 比亚迪电子 is not 比亚迪, 腾讯音乐 is not 腾讯", () => {
    expect(ids("港股午评：比亚迪电子涨逾5%")).toEqual(["hk00285"]);
    expect(ids("比亚迪发布新车")).toEqual([directory.byListing.get("sz002594")!.id]);
    expect(ids("腾讯音乐发布第一季度财报")).toEqual([directory.byListing.get("ustme")!.id]);
  });

  it("京东方面板 is 京东方, 京东方面表示 is 京东", () => {
    expect(ids("京东方面板出货量")).toEqual(["sz000725"]);
    expect(ids("京东方面表示，将继续投入")).toEqual(["hk09618"]);
  });

  it("a listed non-mention silences the name inside it: 徐小米 is a person", () => {
    expect(ids("徐小米江南印象品牌主理人")).toEqual([]);
    expect(ids("小米发布新手机")).toEqual(["hk01810"]);
  });

  it("ordinary-word names count only with market context", () => {
    expect(ids("太阳能发电装机容量创新高")).toEqual([]);
    expect(ids("农产品价格上涨")).toEqual([]);
    expect(ids("农产品：拟回购股份")).toEqual(["sz000061"]);
    expect(ids("港股收盘", "太阳能涨停，农产品股价大涨")).toEqual(["sz000591", "sz000061"]);
    expect(ids("新闻", "农产品(000061)公告")).toEqual(["sz000061"]);
  });

  it("an ST name is a name even when its bare form is a word", () => {
    expect(ids("ST宏图等个股跳水")).toContain("sh600122");
  });

  it("does not match Latin names inside longer words", () => {
    const dir = smallDirectory("- {name: 蔚来, aliases: [NIO], listings: [usnio], origin: knowledge}\n");
    expect(links("NIO 交付", "", [], dir).map((l) => l.companyId)).toEqual(["usnio"]);
    expect(links("UNION NIOX", "", [], dir)).toEqual([]);
  });

  it("ignores the outlet credit that closes a rolling-news post", () => {
    expect(ids("国债中标结果", "财政部2年期续发国债中标利率为2.4576%。(东方财富Choice数据)")).toEqual([]);
  });
});

describe("recognizeCompanies: codes", () => {
  it("links a code in the text to its listing, and names an unknown one by the text beside it", () => {
    const result = recognizeCompanies({ title: "快讯", plainText: "测试新药(09999.HK)、甲乙科技（301999.SZ）公告", charts: [] }, directory);
    expect(result.links.map((l) => l.companyId)).toEqual(["hk09999", "sz301999"]);
    expect(result.discovered).toEqual([{ listingId: "sz301999", name: "甲乙科技" }]);
  });

  it("a title that opens with a name makes it the subject, before companies merely mentioned", () => {
    const result = links("苏州银行：获准发行二级资本债", "与宁德时代、宁德时代合作");
    expect(result[0]).toMatchObject({ companyId: "sz002966", via: "title" });
    expect(result[1].companyId).toBe("sz300750");
  });

  it("a subject named by code in the body opens the title too", () => {
    const result = recognizeCompanies({ title: "甲乙科技：获得专利", plainText: "甲乙科技(301999)公告称", charts: [] }, directory);
    expect(result.links[0]).toMatchObject({ companyId: "sz301999" });
    expect(result.discovered).toEqual([{ listingId: "sz301999", name: "甲乙科技" }]);
  });

  it("orders charts, then title subjects, then title, then body by mentions", () => {
    const dir = smallDirectory(
      ["甲", "乙", "丙", "丁", "戊"].map((n, i) => `- {name: ${n}公司, listings: [sh60000${i + 1}], origin: knowledge}`).join("\n"),
    );
    const result = links("丙公司与丁公司", "戊公司 戊公司 戊公司 戊公司 丁公司 丁公司 乙公司 甲公司", ["sh600002", "sh600001"], dir);
    expect(result.map((l) => [l.companyId, l.via])).toEqual([
      ["sh600002", "chart"],
      ["sh600001", "chart"],
      ["sh600004", "title"],
      ["sh600003", "title"],
      ["sh600005", "body"],
    ]);
  });

  it("links a chart on a secondary listing to the company's primary id", () => {
    expect(links("无关标题", "", ["usbaba"])).toEqual([{ companyId: "hk09988", via: "chart", mentions: 0, role: "subject" }]);
  });

  it("seed 003 links 国美零售 by chart and 腾讯控股 by title", () => {
    const result = recognizeCompanies(parseSeed("003"), directory).links;
    expect(result.slice(0, 2).map((l) => [l.companyId, l.via])).toEqual([
      ["hk00493", "chart"],
      ["hk00700", "title"],
    ]);
  });
});

describe("stock codes", () => {
  it.each([
    ["1652.HK", "hk01652"],
    ["01797.HK", "hk01797"],
    ["002007.SZ", "sz002007"],
    ["601633.SH", "sh601633"],
    ["600519.SS", "sh600519"],
    ["000901", "sz000901"],
    ["688981", "sh688981"],
    ["INTC.O", "usintc"],
    ["BABA.N", "usbaba"],
    ["NASDAQ:AAPL", "usaapl"],
    ["HK:00700", "hk00700"],
  ])("%s → %s", (code, id) => expect(listingIdFromCode(code)).toBe(id));

  it.each([["2021"], ["12-08"], ["830799"], ["600519.SZ"], ["图"]])("%s is not a code", (text) =>
    expect(listingIdFromCode(text)).toBeNull(),
  );

  it("needs a name beside a bare number", () => {
    expect(findStockCodes("（2021年）和（000901）")).toEqual([]);
    expect(findStockCodes("航天科技(000901)涨停").map((c) => [c.listingId, c.name])).toEqual([["sz000901", "航天科技"]]);
    expect(findStockCodes("公告称，华兰生物（002007.SZ）").map((c) => c.name)).toEqual(["华兰生物"]);
  });
});

describe("recognizeCompanies: subjects and mentions", () => {
  const roles = (title: string, plainText = "", chartIds: (string | null)[] = []) =>
    Object.fromEntries(links(title, plainText, chartIds).map((l) => [directory.byListing.get(l.companyId)?.name ?? l.companyId, l.role]));

  it("a chart, a name or code in the title, a code in the text make a subject; a name in passing is a mention", () => {
    expect(roles("无关标题", "", ["sh600519"])).toEqual({ 贵州茅台: "subject" });
    expect(roles("宁德时代发布新电池", "与比亚迪竞争")).toEqual({ 宁德时代: "subject", 比亚迪: "mention" });
    expect(roles("电池板块走强", "宁德时代(300750)涨5%，比亚迪跟涨")).toEqual({ 宁德时代: "subject", 比亚迪: "mention" });
  });

  it("a broker cited for a view is a mention: 指出, 认为, 研报称, 据…研报, 分析师", () => {
    expect(roles("消费电子板块大涨", "中信证券指出，行业景气回升；歌尔股份(002241)涨停")).toEqual({
      歌尔股份: "subject",
      中信证券: "mention",
    });
    expect(roles("白酒股走强 贵州茅台涨3%", "中信证券认为，白酒需求稳健。")).toEqual({ 贵州茅台: "subject", 中信证券: "mention" });
    expect(roles("贵州茅台涨3%", "据中信证券(600030)研报，白酒需求稳健。")).toEqual({ 贵州茅台: "subject", 中信证券: "mention" });
    expect(roles("贵州茅台涨3%", "华泰证券(601688)研报称，白酒需求稳健。")).toEqual({ 贵州茅台: "subject", 华泰证券: "mention" });
    expect(roles("海通证券分析师：明年看好白酒", "海通证券分析师张三表示，明年看好白酒。")).toEqual({ 海通证券: "mention" });
  });

  it("a research house speaking in the title is a mention: 大摩：, 高盛：首予…买入评级, 光大证券：人民币…", () => {
    expect(roles("大摩：升颐海国际(1579.HK)评级至增持 目标价上调至57港元")).toEqual({ 颐海国际: "subject", 摩根士丹利: "mention" });
    expect(roles("高盛：首予信义能源(03868)“买入”评级 目标价6.1港元")).toEqual({ 信义能源: "subject", 高盛: "mention" });
    expect(roles("华尔街最高！大摩上调苹果目标价至200美元")).toEqual({ 苹果: "subject", 摩根士丹利: "mention" });
    expect(roles("瑞士信贷(CS.N)：维持长城汽车目标价41港元")).toEqual({ 长城汽车: "subject", 瑞士信贷: "mention" });
    expect(roles("光大证券：人民币汇率见顶了吗？", "光大证券认为，人民币汇率进一步上行的概率已经不高。")).toEqual({ 光大证券: "mention" });
  });

  it("a research house is a subject when the story is about it: its results, its shares, its deals", () => {
    expect(roles("中信证券：2021年净利润同比增长23%", "中信证券公告，2021年净利润231亿元。")).toEqual({ 中信证券: "subject" });
    expect(roles("苏州银行：获准发行二级资本债")).toEqual({ 苏州银行: "subject" });
    expect(roles("券商股走强", "中信证券(600030)涨停。")).toEqual({ 中信证券: "subject" });
    expect(roles("高盛发布第四季度财报 净利润下降13%")).toEqual({ 高盛: "subject" });
  });

  it("each item of an announcement digest is a subject", () => {
    const text = "东瑞股份：获得广东省商务厅追加配额2000头；广生堂：与瑞泰来医药签订战略合作框架协议。";
    expect(roles("午间公告：广生堂与瑞泰来医药签订战略合作框架协议", text)).toEqual({ 广生堂: "subject", 东瑞股份: "subject" });
  });

  it("a story whose title names no company is about the company its text keeps naming, unless a sector chart says otherwise", () => {
    const text = "快手与临沂市签约。快手电商主播超1.5万名，快手基地20多家。阿里巴巴也有布局。";
    expect(roles("快赞百城走进临沂", text)).toEqual({ 快手: "subject", 阿里巴巴: "mention" });
    expect(roles("快赞百城走进临沂", text, [null])).toEqual({ 快手: "mention", 阿里巴巴: "mention" });
  });

  it("lists subjects before mentions", () => {
    const result = links("瑞银：下调博彩股目标价 首选金沙中国及银娱");
    expect(result.map((l) => l.role)).toEqual(["subject", "subject", "mention"]);
  });
});
