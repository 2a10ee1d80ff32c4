import { expect, test } from "@playwright/test";
import { SEED, abortRemote, entryCompanies, entryTitles } from "./helpers";

const ARTICLE = `/articles/${SEED.meituan.slug}`;

test.beforeEach(async ({ page }) => {
  await abortRemote(page);
});

test("the article header: title, Beijing time, source, reading time, companies", async ({ page }) => {
  const response = await page.goto(ARTICLE);
  expect(response?.status()).toBe(200);
  const header = page.locator("main article > header");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED.meituan.title);
  await expect(header.locator("time")).toHaveText(SEED.meituan.dateText);
  await expect(header.locator("time")).toHaveAttribute("datetime", "2021-12-27T17:29:23+08:00");
  await expect(header.getByRole("link", { name: "上游新闻", exact: true })).toHaveAttribute(
    "href",
    `/sources/${encodeURIComponent("上游新闻")}`,
  );
  await expect(header).toContainText(/\d+ 字 · 约 \d+ 分钟/);
  const companies = header.getByRole("list", { name: "相关公司" }).getByRole("link");
  await expect(companies).toHaveText(["美团", "快手"]);
  await expect(companies.nth(0)).toHaveAttribute("href", "/companies/hk03690");
  await expect(companies.nth(1)).toHaveAttribute("href", "/companies/hk01024");
  await companies.nth(1).click();
  await expect(page).toHaveURL("/companies/hk01024");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("快手");
});

test("the source link in the header opens the source page", async ({ page }) => {
  await page.goto(ARTICLE);
  await page.locator("main article > header").getByRole("link", { name: "上游新闻", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("上游新闻");
  expect(decodeURIComponent(new URL(page.url()).pathname)).toBe("/sources/上游新闻");
});

test("chart thumbnails open a popover with the big chart and a quote link", async ({ page }) => {
  await page.goto(ARTICLE);
  const charts = page.getByRole("region", { name: "相关股价走势" });
  const thumbs = charts.getByRole("button", { name: /^查看 .+ 大图$/ });
  await expect(thumbs).toHaveCount(2);
  await expect(thumbs.nth(0)).toHaveAccessibleName("查看 美团 03690 大图");
  await expect(thumbs.nth(1)).toHaveAccessibleName("查看 快手 01024 大图");
  await expect(charts.getByRole("link", { name: "美团 03690 行情 ↗" })).toHaveAttribute(
    "href",
    "https://quote.eastmoney.com/unify/r/116.03690",
  );

  const popover = page.locator("#chart-0");
  await expect(popover).toBeHidden();
  await thumbs.nth(0).click();
  await expect(popover).toBeVisible();
  expect(await popover.evaluate((el) => el.matches(":popover-open"))).toBe(true);
  const big = popover.locator("img");
  await expect(big).toHaveAttribute("width", "578");
  await expect(big).toHaveAttribute("src", /nid=116\.03690/);
  const box = await popover.locator(".chart-frame").boundingBox();
  const thumbBox = await thumbs.nth(0).locator(".chart-frame").boundingBox();
  expect(box!.width).toBeGreaterThan(thumbBox!.width);
  const quote = popover.getByRole("link", { name: /行情页/ });
  await expect(quote).toHaveAttribute("href", /^https:\/\/quote\.eastmoney\.com\/.*116\.03690$/);
  await expect(quote).toHaveAttribute("target", "_blank");

  await popover.getByRole("button", { name: "关闭" }).click();
  await expect(popover).toBeHidden();
  await thumbs.nth(1).click();
  await expect(page.locator("#chart-1")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator("#chart-1")).toBeHidden();
});

test("the body is the cleaned article text", async ({ page }) => {
  await page.goto(ARTICLE);
  const body = page.locator(".article-body");
  await expect(body).toContainText("12月27日，快手与美团宣布达成互联互通战略合作");
  await expect(body).toContainText("业内人士分析");
  // The source site's navigation and attribution lines are gone.
  await expect(body).not.toContainText("返回首页");
  await expect(body).not.toContainText("文章来源");
  // Chart images were lifted out of the body into the chart gallery.
  await expect(body.locator('img[src*="webquoteklinepic"]')).toHaveCount(0);
  const original = page.getByRole("link", { name: /阅读原文/ });
  await expect(original).toHaveAttribute("href", /infoCode=NW202112272227360312/);
  await expect(original).toHaveAttribute("rel", /noopener/);
});

test("previous/next links go to the adjacent articles in the timeline", async ({ page }) => {
  // The timeline up to the seed's day: the seed first, then the article just before it.
  await page.goto(`/?to=${SEED.meituan.day}`);
  const [seed, older] = await entryTitles(page);
  expect(seed).toBe(SEED.meituan.title);

  await page.goto(ARTICLE);
  const nav = page.getByRole("navigation", { name: "前后文章" });
  await expect(nav.locator('a[rel="prev"]')).toContainText(older);
  await expect(nav.locator('a[rel="next"]')).toContainText(SEED.serviceProviders.title);

  await nav.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(`/articles/${SEED.serviceProviders.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED.serviceProviders.title);
  // …and back again.
  await page.getByRole("navigation", { name: "前后文章" }).locator('a[rel="prev"]').click();
  await expect(page).toHaveURL(ARTICLE);

  await page.getByRole("navigation", { name: "前后文章" }).locator('a[rel="prev"]').click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(older);
});

test("related articles share a company with the article", async ({ page }) => {
  await page.goto(ARTICLE);
  const related = page.getByRole("region", { name: "相关文章" });
  await expect(related.locator("[data-entry]").first()).toBeVisible();
  const titles = await related.locator("[data-entry-link]").allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  expect(titles.length).toBeLessThanOrEqual(5);
  expect(titles).not.toContain(SEED.meituan.title);
  expect(titles).toContain(SEED.serviceProviders.title);
  for (const item of await related.locator("[data-entry]").all()) {
    await expect(
      entryCompanies(item)
        .filter({ hasText: /^(美团|快手)$/ })
        .first(),
    ).toBeVisible();
  }
});

test("metadata: title, description, Open Graph, Twitter card and canonical URL", async ({ page }) => {
  await page.goto(ARTICLE);
  await expect(page).toHaveTitle(new RegExp(SEED.meituan.title));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /^12月27日，快手与美团宣布达成互联互通战略合作/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", SEED.meituan.title);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute("content", /快手与美团/);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", /^summary/);
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/articles\/NW202112272227360312$/);
});

test("a date-only article shows the day without a clock time", async ({ page }) => {
  await page.goto(`/articles/${SEED.dateOnly.slug}`);
  const time = page.locator("main article > header time");
  await expect(time).toHaveText(SEED.dateOnly.dateText);
  await expect(page.locator("main article > header")).toContainText(SEED.dateOnly.source);
  // Linked to 快手 by name (no chart).
  await expect(page.locator("main article > header").getByRole("link", { name: "快手", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "相关股价走势" })).toHaveCount(0);
});
