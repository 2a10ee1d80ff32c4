import { expect, test } from "@playwright/test";
import { SEED, abortRemote, entries, entrySource, entryTitles, params, resultCount, ROLLING_NEWS } from "./helpers";

test.beforeEach(async ({ page }) => {
  await abortRemote(page);
});

test("a company page: name, listing, quote link and its timeline", async ({ page }) => {
  const response = await page.goto("/companies/hk01024");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("快手");
  const header = page.locator("main > header");
  const listings = header.locator(":scope > div > ul > li");
  await expect(listings).toHaveCount(1);
  const listing = listings.first();
  await expect(listing).toContainText("港股");
  await expect(listing).toContainText("01024");
  await expect(listing.getByRole("link", { name: /行情/ })).toHaveAttribute("href", "https://quote.eastmoney.com/unify/r/116.01024");
  await expect(header).toContainText("共 4 篇相关文章");
  await expect(page).toHaveTitle(/快手（港股 01024）/);

  await expect(resultCount(page)).toHaveText("第 1–4 篇，共 4 篇");
  expect(await entryTitles(page)).toEqual(expect.arrayContaining([SEED.meituan.title, SEED.xinshijing.title, SEED.serviceProviders.title]));
  // The company picker is not offered on the company's own page.
  await expect(page.locator("#company-search")).toHaveCount(0);
});

test("coverage bars link to the timeline for their range", async ({ page }) => {
  await page.goto("/companies/hk01024");
  const coverage = page.getByRole("region", { name: "报道分布" });
  const bars = coverage.getByRole("link");
  expect(await bars.count()).toBeGreaterThan(1);
  // Monthly bars from the first to the last month with coverage; their counts add up.
  const labels = await bars.evaluateAll((links) => links.map((a) => a.getAttribute("aria-label")!));
  expect(labels[0]).toBe("2021年12月：2 篇");
  expect(labels.at(-1)).toBe("2022年6月：1 篇");
  expect(labels.reduce((sum, label) => sum + Number(/(\d+) 篇$/.exec(label)![1]), 0)).toBe(4);
  for (const bar of await bars.all()) {
    const href = new URL((await bar.getAttribute("href"))!, "http://x");
    expect(href.pathname).toBe("/companies/hk01024");
    expect(href.searchParams.get("from")).toMatch(/^\d{4}-\d{2}-01$/);
    expect(href.searchParams.get("to")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }

  await coverage.getByRole("link", { name: "2021年12月：2 篇" }).click();
  await expect.poll(() => params(page).get("from")).toBe("2021-12-01");
  expect(params(page).get("to")).toBe("2021-12-31");
  await expect(resultCount(page)).toHaveText("第 1–2 篇，共 2 篇");
  expect(await entryTitles(page)).toEqual([SEED.serviceProviders.title, SEED.meituan.title]);
  await expect(page.getByRole("link", { name: "移除筛选 日期：2021-12-01 至 2021-12-31" })).toBeVisible();
});

test("a secondary listing id redirects to the company's primary page", async ({ page }) => {
  const response = await page.goto("/companies/usbaba");
  expect(response?.status()).toBe(200);
  expect(response?.request().redirectedFrom()?.url()).toMatch(/\/companies\/usbaba$/);
  await expect(page).toHaveURL("/companies/hk09988");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("阿里巴巴");
  const header = page.locator("main > header");
  // Both listings of the one company: the primary first.
  await expect(header.locator(":scope > div > ul > li")).toHaveText([/^港股\s*09988\s*行情/, /^美股\s*BABA\s*行情/]);

  // Filters survive the redirect; upper-case ids and other secondary listings redirect too.
  await page.goto("/companies/usbaba?from=2022-01-01");
  await expect(page).toHaveURL("/companies/hk09988?from=2022-01-01");
  await page.goto("/companies/HK01024");
  await expect(page).toHaveURL("/companies/hk01024");
  await page.goto("/companies/hk02338");
  await expect(page).toHaveURL("/companies/sz000338");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("潍柴动力");
});

test("the companies index lists covered companies by article count", async ({ page }) => {
  await page.goto("/companies");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("公司");
  const items = page.locator("main ul > li > a[href^='/companies/']");
  const rows = await items.evaluateAll((links) =>
    links.map((a) => ({
      href: a.getAttribute("href")!,
      text: a.textContent!.trim(),
      count: Number(/^(\d+) 篇$/.exec(a.querySelector(":scope > span:last-child")!.textContent!.trim())?.[1]),
    })),
  );
  expect(rows.length).toBeGreaterThan(10);
  await expect(page.locator("main")).toContainText(`${rows.length} 家公司有相关报道`);
  for (const row of rows) expect(row.count, row.text).toBeGreaterThan(0);
  const counts = rows.map((r) => r.count);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  // One entry per company, under its primary id, with all listings named.
  const hrefs = rows.map((r) => r.href);
  expect(new Set(hrefs).size).toBe(hrefs.length);
  expect(hrefs).not.toContain("/companies/usbaba");
  const kuaishou = rows.find((r) => r.href === "/companies/hk01024");
  expect(kuaishou?.count).toBe(4);
  expect(kuaishou?.text).toMatch(/^快手/);
  expect(rows.find((r) => r.href === "/companies/hk09988")?.text).toMatch(/阿里巴巴.*hk09988.*usbaba/);

  await items.filter({ hasText: /^快手/ }).click();
  await expect(page).toHaveURL("/companies/hk01024");
});

test("a source page lists that source's articles", async ({ page }) => {
  const response = await page.goto(`/sources/${encodeURIComponent("上游新闻")}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("上游新闻");
  await expect(page.locator("main")).toContainText("共 1 篇文章");
  expect(await entryTitles(page)).toEqual([SEED.meituan.title]);
  await expect(resultCount(page)).toHaveText("第 1–1 篇，共 1 篇");
  // The source select is not offered on the source's own page.
  await expect(page.locator("#filter-source")).toHaveCount(0);
});

test("a big source page pages and filters within the source", async ({ page }) => {
  await page.goto(`/sources/${encodeURIComponent("东财滚动")}`);
  await expect(resultCount(page)).toHaveText(`第 1–20 篇，共 ${ROLLING_NEWS} 篇`);
  await page.getByRole("link", { name: "较旧 →" }).click();
  await expect(resultCount(page)).toHaveText(`第 21–40 篇，共 ${ROLLING_NEWS} 篇`);
  expect(decodeURIComponent(new URL(page.url()).pathname)).toBe("/sources/东财滚动");
  await expect(entrySource(entries(page))).toHaveText(Array(20).fill("东财滚动"));
});
