import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDirectory, loadDirectory } from "./directory";
import { companySearchKeys, searchCompanies } from "./search";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const { directory } = loadDirectory(path.join(projectRoot, "content-without-overlay"));
const top = (query: string) => searchCompanies(query, directory.companies, { limit: 5 }).map((m) => m.company.name);
const first = (query: string) => top(query)[0];

describe("searchCompanies", () => {
  it("answers pinyin initials and full pinyin, polyphones read in context", () => {
    expect(first("gzmt")).toBe("贵州茅台");
    expect(first("guizhoumaotai")).toBe("贵州茅台");
    expect(first("guizhou maotai")).toBe("贵州茅台");
    expect(first("gsyh")).toBe("工商银行");
    expect(top("zsyh")).toContain("招商银行");
    expect(first("changchengqiche")).toBe("长城汽车");
    expect(first("chongqingyinhang")).toBe("重庆银行");
  });

  it("answers English names and tickers", () => {
    expect(first("tencent")).toBe("腾讯控股");
    expect(first("Tencent Holdings")).toBe("腾讯控股");
    expect(first("AAPL")).toBe("苹果");
    expect(first("apple")).toBe("苹果");
    expect(first("moutai")).toBe("贵州茅台");
    expect(first("CATL")).toBe("宁德时代");
    expect(first("icbc")).toBe("工商银行");
  });

  it("answers codes as readers write them", () => {
    expect(first("600519")).toBe("贵州茅台");
    expect(first("00700.HK")).toBe("腾讯控股");
    expect(first("700.hk")).toBe("腾讯控股");
    expect(first("01211.HK")).toBe("比亚迪");
    expect(first("BABA")).toBe("阿里巴巴");
  });

  it("puts an exact name before names that contain it", () => {
    expect(top("比亚迪").slice(0, 2)).toEqual(["比亚迪", "比亚迪电子"]);
    expect(first("茅台")).toBe("贵州茅台");
  });

  it("orders equal matches by the caller's weight", () => {
    const weights: Record<string, number> = { sh601398: 1, sh601939: 5 };
    const banks = searchCompanies("银行", directory.companies, { weight: (c) => weights[c.id] ?? 0, limit: 2 });
    expect(banks.map((m) => m.company.id)).toEqual(["sh601939", "sh601398"]);
  });

  it("finds nothing for nothing", () => {
    expect(top("")).toEqual([]);
    expect(top("zzzzqqqq")).toEqual([]);
  });

  it("gives overlay companies pinyin keys too, and strips status markers", () => {
    const small = buildDirectory({
      aSharesTsv: "sh600122\t*ST宏图\n",
      curatedYaml: "- {name: 临沂测试, listings: [sh688999], origin: corpus}\n",
    });
    expect(searchCompanies("lycs", small.companies).map((m) => m.company.name)).toEqual(["临沂测试"]);
    expect(companySearchKeys(small.byListing.get("sh600122")!)).toMatchObject({ initials: ["stht", "ht"], pinyin: ["sthongtu", "hongtu"] });
  });
});

describe("English names in the directory", () => {
  const byListing = (id: string) => directory.byListing.get(id)!;

  it("covers every US listing, the Hang Seng (TECH) names and more than 100 A-share companies", () => {
    const missingUs = directory.companies.filter((c) => c.listings.some((l) => l.startsWith("us")) && !c.englishNames.length);
    expect(missingUs.map((c) => c.name)).toEqual([]);
    for (const id of ["hk00700", "hk09988", "hk03690", "hk01810", "hk01024", "hk00005", "hk01299", "hk00388", "hk09618", "hk02020"]) {
      expect(byListing(id).englishNames.length, id).toBeGreaterThan(0);
    }
    const aShares = directory.companies.filter((c) => c.listings.some((l) => /^s[hz]/.test(l)) && c.englishNames.length);
    expect(aShares.length).toBeGreaterThan(100);
    expect(byListing("sh600519").englishNames).toContain("Kweichow Moutai");
  });
});
