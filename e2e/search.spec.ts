// Search: the header box on every page, highlights, relevance and time order,
// paging, the query language, company suggestions and search feeds.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { entries, resultCount, SEED } from "./helpers";

const q = encodeURIComponent;

async function feedItems(request: APIRequestContext, query: string) {
  const response = await request.get(`/feed.json?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()).items as { title: string; content_html: string; date_published: string }[];
}

const plain = (html: string) => html.replace(/<[^>]+>/g, "");

test("the header search box works from any page and marks what matched", async ({ page }) => {
  await page.goto(`/articles/${SEED.gome.slug}`);
  await page.getByRole("searchbox", { name: /搜索文章/ }).fill("快手");
  await page.getByRole("searchbox", { name: /搜索文章/ }).press("Enter");
  await expect(page).toHaveURL(/\/\?q=%E5%BF%AB%E6%89%8B$/);
  await expect(resultCount(page)).toContainText("共");
  const first = entries(page).first();
  await expect(first.locator("mark").first()).toHaveText("快手");
  // Every result shows the word in its title or its snippet.
  for (const entry of await entries(page).all()) await expect(entry.locator("mark").first()).toHaveText("快手");
});

test("/ focuses the search box", async ({ page, isMobile }) => {
  test.skip(isMobile, "keyboard shortcuts are for keyboards");
  await page.goto("/");
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: /搜索文章/ })).toBeFocused();
});

test("the help popover states the query language", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "搜索语法说明" }).click();
  await expect(page.getByRole("heading", { name: "搜索语法" })).toBeVisible();
  await expect(page.locator("#search-help")).toContainText("排除");
});

test("results come by relevance, or by time on request", async ({ page }) => {
  await page.goto(`/?q=${q("快手")}`);
  await expect(page.getByRole("navigation", { name: "排序" }).getByRole("link", { name: "按相关度" })).toHaveAttribute(
    "aria-current",
    "true",
  );
  const byRelevance = await entries(page).locator("[data-entry-link]").allTextContents();
  await page.getByRole("navigation", { name: "排序" }).getByRole("link", { name: "按时间" }).click();
  await expect(page).toHaveURL(/sort=time/);
  const times = await entries(page)
    .locator("time")
    .evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
  expect(times.length).toBeGreaterThan(1);
  expect([...times].sort().reverse()).toEqual(times);
  const byTime = await entries(page).locator("[data-entry-link]").allTextContents();
  expect(new Set(byTime)).toEqual(new Set(byRelevance));
});

test("relevance results page 20 at a time", async ({ page }) => {
  await page.goto(`/?q=${q("的")}`);
  await expect(resultCount(page)).toHaveText(/^第 1–20 篇，共 \d+ 篇$/);
  await page.getByRole("link", { name: "下一页 →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(resultCount(page)).toHaveText(/^第 21–40 篇/);
  await page.getByRole("link", { name: "← 上一页" }).click();
  await expect(resultCount(page)).toHaveText(/^第 1–20 篇/);
});

test("words must all match, -word excludes, OR widens, and odd input is just text", async ({ request }) => {
  const both = await feedItems(request, `q=${q("快手 直播")}`);
  expect(both.length).toBeGreaterThan(0);
  for (const item of both) expect(plain(item.title + item.content_html)).toMatch(/快手[\s\S]*直播|直播[\s\S]*快手/);
  const without = await feedItems(request, `q=${q("快手 -直播")}`);
  for (const item of without) expect(plain(item.title + item.content_html)).not.toContain("直播");
  const either = await feedItems(request, `q=${q("茅台 OR 宁德时代")}`);
  const maotai = await feedItems(request, `q=${q("茅台")}`);
  expect(either.length).toBeGreaterThanOrEqual(maotai.length);
  for (const odd of ["%", "_", '"', "NEAR(", "AND", "*", "-"]) {
    const response = await request.get(`/?q=${q(odd)}`);
    expect(response.status(), odd).toBe(200);
  }
});

test("a query naming a company offers its filter, one click away", async ({ page }) => {
  await page.goto(`/?q=${q("茅台")}`);
  const suggestion = page.getByTestId("company-suggestion");
  await expect(suggestion).toContainText("按公司筛选");
  await suggestion.getByRole("link", { name: /贵州茅台/ }).click();
  await expect(page).toHaveURL("/?company=sh600519");
});

test("search feeds carry the same matches, newest first", async ({ request }) => {
  const items = await feedItems(request, `q=${q("腾讯")}`);
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect(plain(item.title + item.content_html)).toContain("腾讯");
  const dates = items.map((i) => i.date_published);
  expect([...dates].sort().reverse()).toEqual(dates);
  const atom = await request.get(`/feed.xml?q=${q("腾讯")}`);
  expect(atom.status()).toBe(200);
  expect((await atom.text()).match(/<entry>/g)?.length).toBe(items.length);
});
