import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as yaml from "js-yaml";
import {
  DATA_DIR,
  buildCompanyData,
  findConflicts,
  loadCompanyData,
  parseCuratedYaml,
  type CompanyEntry,
} from "./load-data";
import { LISTING_ID_RE } from "../ids";

const companies = loadCompanyData();
const byListing = new Map<string, CompanyEntry>();
for (const c of companies) for (const l of c.listings) byListing.set(l, c);
const byName = new Map<string, CompanyEntry>();
for (const c of companies) for (const n of [c.name, ...c.aliases]) byName.set(n, c);

const CORPUS_DIR = join(DATA_DIR, "..", "..", "..", "..", "shared", "corpus");
const CONTENT_DIR = join(DATA_DIR, "..", "..", "..", "content");

/** Aliases that are prefixes of another company's name, each kept on purpose (longest match wins). */
const ALLOWED_ALIAS_PREFIXES = new Set([
  "国美 < 国美通讯", // carried over from content/companies.yaml (checked against the corpus)
  "腾讯 < 腾讯音乐",
  "腾讯 < 腾讯音乐娱乐",
  "腾讯 < 腾讯音乐娱乐集团",
  "京东方面 < 京东方面板", // a deliberate pair: "JD's side" vs "BOE panels"
  "京东方 < 京东方面",
  "京东方 < 京东方精电", // BOE's HK-listed subsidiary
  "阿里 < 阿里健康", // Alibaba's HK-listed subsidiaries
  "阿里 < 阿里影业",
]);

describe("company directory data files", () => {
  it("has about 5,000 imported A-shares", () => {
    const aShares = companies.flatMap((c) => c.listings).filter((l) => /^s[hz]/.test(l));
    expect(aShares.length).toBeGreaterThan(4900);
    expect(byListing.get("sh600519")?.name).toBe("贵州茅台");
    expect(byListing.get("sz300750")?.name).toBe("宁德时代");
    expect(byListing.get("sz000002")?.name).toBe("万科A");
    expect(companies.some((c) => c.listings.some((l) => l.startsWith("bj")))).toBe(false);
  });

  it("uses only valid ids, and each company's id is its first listing", () => {
    for (const c of companies) {
      for (const l of c.listings) expect(l, c.name).toMatch(LISTING_ID_RE);
      expect(c.id).toBe(c.listings[0]);
    }
  });

  it("has no listing, name or alias owned by two companies", () => {
    expect(findConflicts(companies)).toEqual([]);
  });

  it("keeps aliases from being prefixes of other companies' names, except the known cases", () => {
    const found: string[] = [];
    const all = companies.map((c) => ({ id: c.id, names: [c.name, ...c.aliases] }));
    for (const c of companies)
      for (const a of c.aliases)
        for (const o of all)
          if (o.id !== c.id) for (const n of o.names) if (n !== a && n.startsWith(a)) found.push(`${a} < ${n}`);
    expect(found.filter((f) => !ALLOWED_ALIAS_PREFIXES.has(f))).toEqual([]);
  });

  it("merges dual listings into one company", () => {
    const pairs: [string, string, string][] = [
      ["中国铝业", "sh601600", "hk02600"],
      ["比亚迪", "sz002594", "hk01211"],
      ["赣锋锂业", "sz002460", "hk01772"],
      ["青岛啤酒", "sh600600", "hk00168"],
      ["潍柴动力", "sz000338", "hk02338"],
      ["中国平安", "sh601318", "hk02318"],
      ["招商银行", "sh600036", "hk03968"],
      ["工商银行", "sh601398", "hk01398"],
      ["中国石油", "sh601857", "hk00857"],
      ["中国人寿", "sh601628", "hk02628"],
      ["阿里巴巴", "hk09988", "usbaba"],
      ["蔚来", "usnio", "hk09866"],
      ["新东方", "usedu", "hk09901"],
    ];
    for (const [name, a, b] of pairs) {
      expect(byListing.get(a)?.name, a).toBe(name);
      expect(byListing.get(b), b).toBe(byListing.get(a));
    }
    const dual = companies.filter((c) => new Set(c.listings.map((l) => l.slice(0, 2).replace("sz", "sh"))).size > 1);
    expect(dual.length).toBeGreaterThan(120);
  });

  it("keeps distinct companies apart", () => {
    expect(byListing.get("hk00285")?.name).toBe("比亚迪电子");
    expect(byListing.get("hk00285")).not.toBe(byListing.get("hk01211"));
    expect(byName.get("东方甄选")?.id).toBe("hk01797");
    expect(byName.get("腾讯")?.id).toBe("hk00700");
    expect(byName.get("京东方")?.id).toBe("sz000725");
  });

  it("carries over every entry of content/companies.yaml with its aliases and notMentions", () => {
    const file = join(CONTENT_DIR, "companies.yaml");
    if (!existsSync(file)) return;
    const entries = yaml.load(readFileSync(file, "utf8"), { schema: yaml.FAILSAFE_SCHEMA }) as {
      name: string;
      aliases?: string[];
      notMentions?: string[];
      listings: string[];
    }[];
    for (const e of entries) {
      const c = byListing.get(e.listings[0]!);
      expect(c?.name, e.name).toBe(e.name);
      expect(c!.origin).toBe("corpus");
      for (const l of e.listings) expect(c!.listings).toContain(l);
      for (const a of e.aliases ?? []) expect(c!.aliases, e.name).toContain(a);
      for (const n of e.notMentions ?? []) expect(c!.notMentions, e.name).toContain(n);
    }
  });

  it("gives every curated entry an origin", () => {
    const entries = parseCuratedYaml(readFileSync(join(DATA_DIR, "curated.yaml"), "utf8"));
    for (const e of entries) expect(e.origin, e.name).toBeDefined();
  });

  it("flags common-word names as ambiguous, and not real company names", () => {
    for (const id of ["sz000061", "sz000591", "sz300024"]) expect(byListing.get(id)?.ambiguous, id).toBe(true);
    for (const id of ["sz000858", "sh600519", "sz300059"]) expect(byListing.get(id)?.ambiguous, id).toBe(false);
  });

  it("contains every HK/US listing the corpus names by code", () => {
    const dirs = [join(CORPUS_DIR, "finews"), CONTENT_DIR].filter((d) => existsSync(d));
    if (!existsSync(join(CORPUS_DIR, "finews"))) return;
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => {
        const p = join(d, f);
        return statSync(p).isDirectory() ? walk(p) : /\.(md|txt)$/.test(f) ? [p] : [];
      });
    const files = dirs.flatMap((d) => walk(d));
    const ids = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/data-code="(?:K )?([0-9A-Z.]+)\|(116|105|106|107)\|/g))
        ids.add((m[2] === "116" ? "hk" : "us") + m[1]!.toLowerCase());
      for (const m of text.matchAll(/(?:data-code="|unify\/r\/|stock_)(116|105|106|107)[.,]([0-9A-Z.]+?)(?=["&\s<])/g))
        ids.add((m[1] === "116" ? "hk" : "us") + m[2]!.toLowerCase());
      for (const m of text.matchAll(/[（(](\d{4,5})\.HK[)）]/g)) ids.add("hk" + m[1]!.padStart(5, "0"));
      for (const m of text.matchAll(/[\p{Script=Han}][（(](0\d{4})[)）]/gu)) ids.add("hk" + m[1]);
      for (const m of text.matchAll(/[（(]([A-Z]{1,5}(?:\.[A-Z])?)\.(?:O|N|OQ|A)[)）]/g)) ids.add("us" + m[1]!.toLowerCase());
    }
    expect(ids.size).toBeGreaterThan(10);
    const missing = [...ids].filter((id) => !byListing.has(id));
    expect(missing).toEqual([]);
  });

  it("reports bad entries with the file, entry and reason", () => {
    const bad = "- name: 坏\n  listings: [hk1]\n  origin: knowledge\n";
    expect(() => buildCompanyData({ aSharesTsv: "", curatedYaml: bad })).toThrow(/curated\.yaml: entry 1 \(坏\): listings/);
    const dup = "- {name: A, listings: [hk00001], origin: corpus}\n- {name: B, listings: [hk00001], origin: corpus}\n";
    expect(() => buildCompanyData({ aSharesTsv: "", curatedYaml: dup })).toThrow(/entry 2 \(B\).*hk00001/);
    expect(() => buildCompanyData({ aSharesTsv: "sh600000\t浦发银行\n", curatedYaml: "- {name: X, listings: [sh600000]}\n" })).toThrow(
      /origin is required/,
    );
  });

  it("adds English names by listing, checked against the company's Chinese name", () => {
    const base = { aSharesTsv: "sh600519\t贵州茅台\n", curatedYaml: "" };
    const list = buildCompanyData({ ...base, englishNamesTsv: "sh600519\t贵州茅台\tKweichow Moutai | Moutai\tknowledge\n" });
    expect(list[0]!.englishNames).toEqual(["Kweichow Moutai", "Moutai"]);
    expect(() => buildCompanyData({ ...base, englishNamesTsv: "sh600518\t贵州茅台\tMoutai\tknowledge\n" })).toThrow(
      /english-names\.tsv: line 1: no company has listing sh600518/,
    );
    expect(() => buildCompanyData({ ...base, englishNamesTsv: "sh600519\t五粮液\tWuliangye\tknowledge\n" })).toThrow(
      /english-names\.tsv: line 1: sh600519 is 贵州茅台, not 五粮液/,
    );
    expect(() => buildCompanyData({ ...base, englishNamesTsv: "sh600519\t贵州茅台\tMoutai\tguess\n" })).toThrow(/origin must be knowledge or corpus/);
  });

  it("lets an extension layer override and extend a company by overlapping listings", () => {
    const list = buildCompanyData({
      aSharesTsv: "sz002594\t比亚迪\n",
      curatedYaml: "- {name: 比亚迪, aliases: [BYD], listings: [sz002594, hk01211], origin: knowledge}\n",
      extraYaml: [{ file: "content/companies.yaml", text: "- {name: 比亚迪股份, aliases: [比亚迪汽车], listings: [hk01211]}\n" }],
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: "hk01211",
      name: "比亚迪股份",
      listings: ["hk01211", "sz002594"],
      origin: "corpus",
    });
    expect(list[0]!.aliases).toEqual(expect.arrayContaining(["比亚迪汽车", "BYD", "比亚迪"]));
  });
});
