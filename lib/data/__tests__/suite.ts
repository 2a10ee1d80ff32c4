// Test support: the data layer against a fixture database (content/ seeded),
// queried the way pages and feeds query it. One suite, run on SQLite
// (../data.test.ts) and on PostgreSQL (../data.postgresql.test.ts, when
// TEST_POSTGRES_URL is set).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "../../../prisma/postgres-scratch";
import { applyMigrations } from "../../../prisma/schema-engine";
import { seedContent } from "../../../prisma/seed-content";
import { getPrisma } from "../../db/client";
import type { Provider } from "../../db/provider";
import { effectiveSort, parseCursor, parseFilters, type SearchParams } from "../../filters";
import { normalize } from "../../search/normalize";
import { getArticle } from "../articles";
import { publishedAttribute } from "../../desk/published";
import { companiesNamedIn, getCompany, getCompanyIndex, resolveCompanies, searchCompanies } from "../companies";
import { articleStatuses, resolveCompanyTerms } from "../desk";
import { articleSitemapCount, articleSitemapEntries } from "../sitemap";
import { chooseArticles, getTimeline, searchTuning, type Scope } from "../timeline";
import type { TimelinePage } from "../types";

const contentDir = fileURLToPath(new URL("../../../content", import.meta.url));

/** A fresh database of `provider` with content/ loaded; DATABASE_URL points at it. Returns its teardown. */
async function fixtureDatabase(provider: Provider): Promise<() => Promise<void>> {
  if (provider === "postgresql") {
    const scratch = await createScratchDatabase(process.env.TEST_POSTGRES_URL!, "finews_data_test");
    process.env.DATABASE_URL = scratch.url;
    await applyMigrations(scratch.url);
    await seedContent(scratch.url, contentDir);
    return () => scratch.drop();
  }
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), "finews-data-test-"));
  const url = `file:${path.join(tmpDir, "data.db")}`;
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  await seedContent(url, contentDir);
  return async () => rmSync(tmpDir, { recursive: true, force: true });
}

/** Every data-layer test, against a fixture database of `provider`. Call once per test file. */
export function dataLayerSuite(provider: Provider): void {
  let total: number;
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await fixtureDatabase(provider);
    total = await getPrisma().article.count();
  }, 120_000);

  afterAll(async () => {
    await getPrisma().$disconnect();
    await teardown?.();
  });

  async function page(params: SearchParams, scope: Scope = {}): Promise<TimelinePage> {
    const { filters } = parseFilters(params);
    const { cursor } = parseCursor(params);
    return getTimeline(await chooseArticles(filters, scope), effectiveSort(filters), cursor);
  }

  /** Every item of a filter, following the older links. */
  async function walk(params: SearchParams, scope: Scope = {}) {
    const items = [];
    let current = await page(params, scope);
    for (;;) {
      items.push(...current.items);
      if (!current.older) return { items, first: current };
      current = await page({ ...params, ...current.older }, scope);
    }
  }

  describe("timeline", () => {
    it("pages through every article newest first, 20 at a time, with positions", async () => {
      const first = await page({});
      expect(first.total).toBe(total);
      expect(first.items).toHaveLength(20);
      expect(first.firstPosition).toBe(1);
      expect(first.newer).toBeNull();
      const { items } = await walk({});
      expect(items).toHaveLength(total);
      expect(new Set(items.map((i) => i.id)).size).toBe(total);
      const keys = items.map((i) => [i.publishedAt.getTime(), i.id]);
      const sorted = [...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
      expect(keys).toEqual(sorted);
    });

    it("steps back with the newer link to the same page", async () => {
      const first = await page({});
      const second = await page(first.older!);
      expect(second.firstPosition).toBe(21);
      const back = await page(second.newer!);
      expect(back.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    });

    it("filters by company through any listing, any of several companies", async () => {
      const kuaishou = await walk({ company: "hk01024" });
      expect(kuaishou.items.length).toBeGreaterThan(0);
      for (const item of kuaishou.items) expect(item.companies.map((c) => c.id)).toContain("hk01024");
      const baba = await page({ company: "usbaba" });
      expect(baba.items.map((i) => i.id)).toEqual((await page({ company: "hk09988" })).items.map((i) => i.id));
      const either = await page({ company: "hk01024,hk00700" });
      const tencent = await page({ company: "hk00700" });
      expect(either.total).toBeGreaterThanOrEqual(Math.max(kuaishou.first.total, tencent.total));
      expect(either.total).toBeLessThanOrEqual(kuaishou.first.total + tencent.total);
    });

    it("never widens: unknown companies, unknown sources and unusable values give nothing", async () => {
      expect((await page({ company: "hk99999" })).total).toBe(0);
      expect((await page({ company: "bad!" })).total).toBe(0);
      expect((await page({ from: "2022-13-40" })).total).toBe(0);
      expect((await page({ source: "不存在的来源" })).total).toBe(0);
      expect((await page({ company: "hk01024,hk99999" })).total).toBe((await page({ company: "hk01024" })).total);
    });

    it("counts Beijing days inclusively", async () => {
      const day = await walk({ from: "2021-12-08", to: "2021-12-08" });
      expect(day.items.length).toBeGreaterThan(50);
      for (const item of day.items) {
        const beijing = new Date(item.publishedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        expect(beijing).toBe("2021-12-08");
      }
    });

    it("combines companies, a source and dates as the intersection of each alone", async () => {
      const ids = async (params: SearchParams, scope?: Scope) => (await walk(params, scope)).items.map((i) => i.id);
      const companies = "hk01024,hk00700";
      const [linked, fromSource, inDays] = [
        new Set(await ids({ company: companies })),
        new Set(await ids({ source: "东财滚动" })),
        new Set(await ids({ from: "2021-12-08", to: "2021-12-09" })),
      ];
      const cases: [SearchParams, Set<number>[], Scope?][] = [
        [{ company: companies, source: "东财滚动" }, [linked, fromSource]],
        [{ company: companies, from: "2021-12-08", to: "2021-12-09" }, [linked, inDays]],
        [{ company: companies, source: "东财滚动", from: "2021-12-08", to: "2021-12-09" }, [linked, fromSource, inDays]],
        [{ company: companies, from: "2021-12-08", to: "2021-12-09" }, [linked, fromSource, inDays], { source: "东财滚动" }],
      ];
      for (const [params, sets, scope] of cases) {
        const expected = [...sets[0]].filter((id) => sets.every((set) => set.has(id)));
        expect(expected.length, JSON.stringify(params)).toBeGreaterThan(0);
        expect(await ids(params, scope), JSON.stringify(params)).toEqual(expected);
        expect((await page(params, scope)).total).toBe(expected.length);
      }
    });

    it("scopes company and source pages", async () => {
      const scoped = await page({}, { companies: ["hk01024"] });
      expect(scoped.total).toBe((await page({ company: "hk01024" })).total);
      expect((await page({ company: "hk00700" }, { companies: ["hk01024"] })).total).toBe(0);
      const source = await page({}, { source: "东财滚动" });
      expect(source.items.every((i) => i.source === "东财滚动")).toBe(true);
    });
  });

  describe("market", () => {
    /** Article id → the markets its companies are listed on, from the tables themselves. */
    async function marketsByArticle(): Promise<Map<number, Set<string>>> {
      const links = await getPrisma().articleCompany.findMany({ select: { articleId: true, company: { select: { listings: { select: { market: true } } } } } });
      const byArticle = new Map<number, Set<string>>();
      for (const link of links) {
        const markets = byArticle.get(link.articleId) ?? new Set<string>();
        for (const listing of link.company.listings) markets.add(listing.market);
        byArticle.set(link.articleId, markets);
      }
      return byArticle;
    }
    const ids = async (params: SearchParams, scope?: Scope) => (await walk(params, scope)).items.map((i) => i.id);

    it("matches an article through any of its companies' listings, a dual listing in each market", async () => {
      const listed = await marketsByArticle();
      for (const market of ["hk", "sh", "sz", "us"]) {
        const expected = [...listed].filter(([, markets]) => markets.has(market)).map(([id]) => id);
        expect(expected.length, market).toBeGreaterThan(0);
        expect((await ids({ market })).sort(), market).toEqual(expected.sort());
      }
      // 阿里巴巴 is hk09988 and usbaba: its articles are in both markets.
      const alibaba = await ids({ company: "hk09988" });
      expect(alibaba.length).toBeGreaterThan(0);
      for (const market of ["hk", "us"]) expect(await ids({ market }), market).toEqual(expect.arrayContaining(alibaba));
    });

    it("takes several markets as any of them (A股 = sh,sz), in any order and case", async () => {
      const union = [...new Set([...(await ids({ market: "sh" })), ...(await ids({ market: "sz" }))])].sort();
      expect((await ids({ market: "sh,sz" })).sort()).toEqual(union);
      expect(await ids({ market: "SZ, sh" })).toEqual(await ids({ market: "sh,sz" }));
      expect(await ids({ market: ["sz", "sh"] })).toEqual(await ids({ market: "sh,sz" }));
    });

    it("never widens: an unknown market gives nothing, next to a known one it is ignored", async () => {
      expect((await page({ market: "jp" })).total).toBe(0);
      expect((await page({ market: "hk,jp" })).total).toBe((await page({ market: "hk" })).total);
    });

    it("combines with companies, a source, dates and a search as the intersection of each alone", async () => {
      const hk = new Set(await ids({ market: "hk" }));
      const cases: [SearchParams, Scope?][] = [
        [{ company: "hk01024,sh600519" }],
        [{ company: "hk01024,sh600519", from: "2021-12-08", to: "2021-12-31" }],
        [{ source: "东财滚动" }],
        [{ from: "2021-12-08", to: "2021-12-09" }],
        [{ q: "公司", sort: "time" }],
        [{ q: "公司", company: "hk01024,hk00700", sort: "time" }],
        [{}, { companies: ["hk01024"] }],
        [{}, { source: "东财滚动" }],
      ];
      for (const [params, scope] of cases) {
        const alone = await ids(params, scope);
        const expected = alone.filter((id) => hk.has(id));
        const label = JSON.stringify([params, scope]);
        expect(await ids({ ...params, market: "hk" }, scope), label).toEqual(expected);
        expect((await page({ ...params, market: "hk" }, scope)).total, label).toBe(expected.length);
      }
      // Relevance order: the same set.
      const relevance = await walk({ q: "公司", market: "hk" });
      expect(relevance.items.map((i) => i.id).sort()).toEqual((await ids({ q: "公司", sort: "time" })).filter((id) => hk.has(id)).sort());
    });

    it("the company index filters by market on either database", async () => {
      const { companies, perMarket } = await getCompanyIndex({ markets: ["hk"] });
      expect(companies.length).toBe(Math.min(perMarket.hk, 500));
      expect(companies.every((c) => c.listings.some((id) => id.startsWith("hk")))).toBe(true);
    });
  });

  describe("search", () => {
    it("returns exactly the articles whose title or text contains the words", async () => {
      const rows = await getPrisma().article.findMany({ select: { id: true, title: true, plainText: true } });
      for (const q of ["快手", "美", "茅台 白酒", "%", "TSLA"]) {
        const words = q.split(" ").map(normalize);
        const expected = rows.filter((r) => words.every((w) => normalize(r.title).includes(w) || normalize(r.plainText).includes(w)));
        const found = await walk({ q, sort: "time" });
        expect(found.items.map((i) => i.id).sort(), q).toEqual(expected.map((r) => r.id).sort());
        expect((await page({ q })).total, q).toBe(expected.length);
      }
    });

    it("ranks by relevance, pages by number and marks the words", async () => {
      const first = await page({ q: "的" });
      expect(first.older).toEqual({ page: "2" });
      const second = await page({ q: "的", page: "2" });
      expect(second.firstPosition).toBe(21);
      expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(40);
      const kuaishou = await page({ q: "快手" });
      expect(kuaishou.items[0].title).toContain("快手");
      for (const item of kuaishou.items) {
        const marked = [...item.highlight!.title, ...item.highlight!.snippet].filter((s) => s.hit).map((s) => s.text);
        expect(marked.length, item.title).toBeGreaterThan(0);
        expect(marked.every((text) => normalize(text) === "快手")).toBe(true);
      }
    });

    it("combines with other filters", async () => {
      const both = await walk({ q: "快手", company: "hk01024", sort: "time" });
      for (const item of both.items) expect(item.companies.map((c) => c.id)).toContain("hk01024");
    });

    it("counts a common term with other filters the same way whichever strategy runs", async () => {
      // Intersecting id lists (used above searchTuning.intersectMatches) against plain SQL counts.
      const cases: SearchParams[] = [
        { q: "的", company: "hk01024" },
        { q: "的", company: "hk01024,hk00700", sort: "time" },
        { q: "公司", from: "2021-12-08", to: "2021-12-08", sort: "time" },
        { q: "公司", from: "2021-12-08", to: "2021-12-08" },
        { q: "的 -快手", source: "东财滚动", sort: "time" },
      ];
      const pages = async (params: SearchParams) => {
        const result: TimelinePage[] = [];
        for (let current: TimelinePage | null = await page(params); current; ) {
          result.push(current);
          current = current.older ? await page({ ...params, ...current.older }) : null;
        }
        return result.map((p) => ({ ids: p.items.map((i) => i.id), total: p.total, first: p.firstPosition, older: p.older, newer: p.newer }));
      };
      const saved = searchTuning.intersectMatches;
      try {
        for (const params of cases) {
          searchTuning.intersectMatches = Infinity;
          const plain = await pages(params);
          searchTuning.intersectMatches = 0;
          const intersected = await pages(params);
          expect(plain[0].total, JSON.stringify(params)).toBeGreaterThan(1);
          expect(intersected, JSON.stringify(params)).toEqual(plain);
        }
      } finally {
        searchTuning.intersectMatches = saved;
      }
    });
  });

  describe("articles", () => {
    it("links to its neighbours in timeline order and to related articles", async () => {
      const { items } = await walk({});
      const middle = items[10];
      const article = await getArticle(middle.slug);
      expect(article!.next!.slug).toBe(items[9].slug);
      expect(article!.previous!.slug).toBe(items[11].slug);
      const withCompanies = items.find((i) => i.companies.length > 0 && i.companies[0].id === "hk01024")!;
      const detail = await getArticle(withCompanies.slug);
      expect(detail!.related.length).toBeGreaterThan(0);
      for (const related of detail!.related) {
        expect(related.id).not.toBe(detail!.id);
        expect(related.companies.some((c) => detail!.companies.slice(0, 3).some((d) => d.id === c.id))).toBe(true);
      }
    });
  });

  describe("companies", () => {
    it("resolves any listing to its company and reports unknown ids", async () => {
      expect(await resolveCompanies(["usbaba", "hk99999"])).toEqual({
        found: [{ listingId: "usbaba", id: "hk09988", name: "阿里巴巴" }],
        unknown: ["hk99999"],
      });
    });

    it("a company page's coverage adds up to its article count", async () => {
      const company = await getCompany("hk01024");
      expect(company!.name).toBe("快手");
      expect(company!.coverage.reduce((n, bar) => n + bar.count, 0)).toBe(company!.articleCount);
    });

    it("finds companies by name, alias or code for the picker, and in a search query", async () => {
      expect((await searchCompanies("茅台")).map((c) => c.id)).toContain("sh600519");
      expect((await searchCompanies("01024")).map((c) => c.id)).toContain("hk01024");
      expect((await companiesNamedIn(["茅台"])).map((c) => c.id)).toEqual(["sh600519"]);
      expect(await companiesNamedIn(["白酒"])).toEqual([]);
    });
  });

  describe("the reader's desk", () => {
    it("resolves imported codes and names as readers write them, and offers choices for vague ones", async () => {
      const terms = ["600519", "00700.HK", "700.HK", "AAPL", "usbaba", "腾讯", "贵州茅台", "证券", "不存在的公司"];
      const results = await resolveCompanyTerms(terms);
      expect(results.map((r) => [r.term, r.company?.id ?? null])).toEqual([
        ["600519", "sh600519"],
        ["00700.HK", "hk00700"],
        ["700.HK", "hk00700"],
        ["AAPL", "usaapl"],
        ["usbaba", "hk09988"],
        ["腾讯", "hk00700"],
        ["贵州茅台", "sh600519"],
        ["证券", null],
        ["不存在的公司", null],
      ]);
      expect(results.find((r) => r.term === "证券")!.candidates.map((c) => c.name)).toContain("中信证券");
      expect(results.find((r) => r.term === "不存在的公司")!.candidates).toEqual([]);
    });

    it("tells which saved articles still exist, with their current title", async () => {
      const { items } = await page({});
      const statuses = await articleStatuses([items[0].slug, "no-such-article"]);
      expect(statuses).toEqual([
        { slug: items[0].slug, title: items[0].title, source: items[0].source, published: publishedAttribute(items[0].publishedAt, items[0].hasTime) },
      ]);
    });
  });

  describe("sitemap", () => {
    it("lists every article once", async () => {
      expect(await articleSitemapCount()).toBe(1);
      expect((await articleSitemapEntries(0)).length).toBe(total);
    });
  });
}
