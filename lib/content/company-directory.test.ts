import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { linkCompanies, parseCompanyDirectory, type CompanyDirectory } from "./company-directory";
import { parseArticle, type ParsedArticle } from "./parse-article";

const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const directory = parseCompanyDirectory(readFileSync(path.join(contentDir, "companies.yaml"), "utf8"));

function parseSeed(prefix: string): ParsedArticle {
  const fileName = readdirSync(contentDir).find((name) => name.startsWith(`${prefix}_`));
  if (!fileName) throw new Error(`no seed ${prefix}_* in ${contentDir}`);
  const result = parseArticle(fileName, readFileSync(path.join(contentDir, fileName)));
  if (!result.ok) throw new Error(`${fileName} was rejected: ${result.reason}`);
  return result.article;
}

/** Links for a bare title/body, with optional chart listing ids. */
function links(title: string, plainText = "", chartIds: (string | null)[] = [], dir: CompanyDirectory = directory) {
  return linkCompanies({ title, plainText, charts: chartIds.map((listingId) => ({ listingId })) }, dir);
}
const ids = (title: string, plainText = "") => links(title, plainText).map((l) => l.companyId);

describe("parseCompanyDirectory on content/companies.yaml", () => {
  it("has at least 50 companies, each with a valid primary id", () => {
    expect(directory.companies.length).toBeGreaterThanOrEqual(50);
    for (const company of directory.companies) {
      expect(company.id).toBe(company.listings[0]);
      expect(directory.byListing.get(company.id)).toBe(company);
    }
  });

  it("lists 阿里巴巴 as hk09988, with usbaba mapping to the same company", () => {
    const alibaba = directory.companies.find((c) => c.name === "阿里巴巴");
    expect(alibaba).toBeDefined();
    expect(alibaba!.id).toBe("hk09988");
    expect(directory.byListing.get("hk09988")).toBe(alibaba);
    expect(directory.byListing.get("usbaba")).toBe(alibaba);
  });

  it("knows the seed companies", () => {
    for (const id of ["hk01024", "hk03690", "hk00700", "hk00493", "hk09618", "sz000725", "hk01810"]) {
      expect(directory.byListing.has(id), id).toBe(true);
    }
  });

  it("defaults aliases and notMentions to empty lists", () => {
    const dir = parseCompanyDirectory("- name: 测试公司\n  fullName: 测试公司股份有限公司\n  listings: [sh600000]\n");
    expect(dir.companies[0]).toMatchObject({ aliases: [], notMentions: [], id: "sh600000" });
  });
});

describe("parseCompanyDirectory errors", () => {
  const entry = (name: string, listing: string, extra = "") => `- name: ${name}\n  fullName: ${name}有限公司\n${extra}  listings: [${listing}]\n`;

  it("names the file and entry for a bad listing id", () => {
    const text = entry("甲公司", "hk00001") + entry("乙公司", "xx01");
    expect(() => parseCompanyDirectory(text, "dir/companies.yaml")).toThrow(/dir\/companies\.yaml: entry 2, listings\.0/);
  });

  it("names the file, entry and field for a missing field", () => {
    expect(() => parseCompanyDirectory("- name: 甲公司\n  listings: [hk00001]\n", "companies.yaml")).toThrow(/companies\.yaml: entry 1, fullName/);
  });

  it("rejects an entry without listings", () => {
    expect(() => parseCompanyDirectory("- name: 甲公司\n  fullName: 甲\n  listings: []\n", "c.yaml")).toThrow(/c\.yaml: entry 1, listings/);
  });

  it("rejects one-character aliases", () => {
    expect(() => parseCompanyDirectory(entry("甲公司", "hk00001", "  aliases: [甲]\n"), "c.yaml")).toThrow(/c\.yaml: entry 1, aliases\.0/);
  });

  it("rejects a file that is not a list", () => {
    expect(() => parseCompanyDirectory("name: 甲公司\n", "c.yaml")).toThrow(/c\.yaml: expected a list/);
  });

  it("rejects an empty file, naming the file", () => {
    expect(() => parseCompanyDirectory("", "c.yaml")).toThrow(/^c\.yaml: /);
  });

  it.each([["- name: [unclosed"], ["- [unclosed"], ["- name: 甲公司\n   fullName: 甲\n  listings: [hk00001]\n"]])(
    "wraps a YAML syntax error in an Error naming the file: %j",
    (text) => {
      let thrown: unknown;
      try {
        parseCompanyDirectory(text, "dir/companies.yaml");
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      const message = (thrown as Error).message;
      expect(message).toContain("dir/companies.yaml");
      expect(message).toContain("invalid YAML");
      expect(message.startsWith("dir/companies.yaml: invalid YAML")).toBe(true);
    },
  );

  it("rejects a name or alias used by two companies", () => {
    const text = entry("甲公司", "hk00001", "  aliases: [甲集团]\n") + entry("乙公司", "hk00002", "  aliases: [甲集团]\n");
    expect(() => parseCompanyDirectory(text, "c.yaml")).toThrow(/c\.yaml: name "甲集团" is used by hk00001 and hk00002/);
    const nameAsAlias = entry("甲公司", "hk00001") + entry("乙公司", "hk00002", "  aliases: [甲公司]\n");
    expect(() => parseCompanyDirectory(nameAsAlias, "c.yaml")).toThrow(/"甲公司"/);
  });

  it("rejects a listing used twice", () => {
    expect(() => parseCompanyDirectory(entry("甲公司", "hk00001") + entry("乙公司", "hk00001"), "c.yaml")).toThrow(/listing hk00001 appears twice/);
  });
});

describe("linkCompanies", () => {
  it("腾讯音乐 does not link 腾讯控股", () => {
    const found = ids("腾讯音乐发布第一季度财报");
    expect(found).not.toContain("hk00700");
    expect(found).toEqual([directory.byListing.get("ustme")!.id]);
  });

  it("京东方面板 links 京东方A, not 京东 (京东方面 is a 京东 alias)", () => {
    const alias = (id: string) => directory.byListing.get(id)!.aliases;
    expect(alias("sz000725")).toContain("京东方面板");
    expect(alias("hk09618")).toContain("京东方面");
    const panel = ids("京东方面板出货量");
    expect(panel).toContain("sz000725");
    expect(panel).not.toContain("hk09618");
    expect(ids("京东方面板出货量")).toEqual(["sz000725"]);
    const side = ids("京东方面表示");
    expect(side).toContain("hk09618");
    expect(side).not.toContain("sz000725");
    expect(ids("京东方面表示")).toEqual(["hk09618"]);
    // In a body, with both phrases, each goes to its own company.
    expect(links("无关标题", "京东方面板出货量增长，京东方面表示不予置评")).toEqual([
      { companyId: "sz000725", via: "body", mentions: 1 },
      { companyId: "hk09618", via: "body", mentions: 1 },
    ]);
  });

  it("京东方面表示 links 京东, not 京东方", () => {
    expect(ids("京东方面表示，将继续投入")).toEqual(["hk09618"]);
    expect(ids("京东方发布年报")).toEqual(["sz000725"]);
  });

  it("徐小米 (a person) does not link 小米", () => {
    expect(ids("徐小米江南印象品牌主理人")).toEqual([]);
    expect(ids("小米发布新手机")).toEqual(["hk01810"]);
  });

  it("counts title and body mentions, with the strongest via", () => {
    expect(links("小米发布新手机", "小米表示……小米集团-W 股价上涨")).toEqual([{ companyId: "hk01810", via: "title", mentions: 3 }]);
    expect(links("新手机发布", "小米表示")).toEqual([{ companyId: "hk01810", via: "body", mentions: 1 }]);
  });

  it("does not match Latin names inside longer words", () => {
    const dir = parseCompanyDirectory("- name: 蔚来\n  fullName: 蔚来集团\n  aliases: [NIO]\n  listings: [usnio]\n");
    expect(links("NIO 交付", "", [], dir).map((l) => l.companyId)).toEqual(["usnio"]);
    expect(links("UNION NIOX", "", [], dir)).toEqual([]);
  });

  it("links a chart for a listing outside the directory by its listing id", () => {
    expect(directory.byListing.has("sz301999")).toBe(false);
    expect(links("无关标题", "", ["sz301999", null])).toEqual([{ companyId: "sz301999", via: "chart", mentions: 0 }]);
  });

  it("links a chart on a secondary listing to the company's primary id", () => {
    expect(links("无关标题", "", ["usbaba"])).toEqual([{ companyId: "hk09988", via: "chart", mentions: 0 }]);
  });

  it("orders chart before title before body, then by mentions", () => {
    const dir = parseCompanyDirectory(
      [
        "- name: 甲公司\n  fullName: 甲\n  listings: [sh600001]",
        "- name: 乙公司\n  fullName: 乙\n  listings: [sh600002]",
        "- name: 丙公司\n  fullName: 丙\n  listings: [sh600003]",
        "- name: 丁公司\n  fullName: 丁\n  listings: [sh600004]",
        "- name: 戊公司\n  fullName: 戊\n  listings: [sh600005]",
      ].join("\n"),
    );
    const result = links("丙公司与丁公司", "戊公司 戊公司 戊公司 戊公司 丁公司 丁公司 乙公司 甲公司", ["sh600002", "sh600001"], dir);
    expect(result).toEqual([
      { companyId: "sh600002", via: "chart", mentions: 1 },
      { companyId: "sh600001", via: "chart", mentions: 1 },
      { companyId: "sh600004", via: "title", mentions: 3 },
      { companyId: "sh600003", via: "title", mentions: 1 },
      { companyId: "sh600005", via: "body", mentions: 4 },
    ]);
  });

  it("seed 000 links its two chart companies", () => {
    expect(linkCompanies(parseSeed("000"), directory).map((l) => [l.companyId, l.via])).toEqual([
      ["hk03690", "chart"],
      ["hk01024", "chart"],
    ]);
  });

  it("seed 003 links 国美零售 by chart and 腾讯控股 by title", () => {
    const result = linkCompanies(parseSeed("003"), directory);
    expect(result.map((l) => [l.companyId, l.via])).toEqual([
      ["hk00493", "chart"],
      ["hk00700", "title"],
    ]);
    expect(result[1].mentions).toBeGreaterThan(1);
  });

  it("seed 002 links only 快手, by name", () => {
    const result = linkCompanies(parseSeed("002"), directory);
    expect(result.map((l) => l.companyId)).toEqual(["hk01024"]);
    expect(["title", "body"]).toContain(result[0].via);
    expect(result[0].mentions).toBeGreaterThan(10);
  });

  it("seed 001 links 快手 by chart and 京东/阿里巴巴 in the body, never 京东方", () => {
    const result = linkCompanies(parseSeed("001"), directory);
    expect(result[0]).toMatchObject({ companyId: "hk01024", via: "chart" });
    const found = result.map((l) => l.companyId);
    expect(found).toContain("hk09618");
    expect(found).toContain("hk09988");
    expect(found).not.toContain("sz000725");
  });

  it("returns nothing for an empty directory", () => {
    const empty = parseCompanyDirectory("[]");
    expect(links("小米 腾讯", "京东", [], empty)).toEqual([]);
  });
});
