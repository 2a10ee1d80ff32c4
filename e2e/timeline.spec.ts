import { expect, test, type Page } from "@playwright/test";
import { NEWEST_DAY, TOTAL_ARTICLES, entries, entrySource, entryTitles, params, resultCount, SEED, ROLLING_NEWS } from "./helpers";

/** Day headings (YYYY-MM-DD) and, per day, the entry times (ISO with +08:00) in page order. */
async function daysAndTimes(page: Page) {
  return page.locator("main section[aria-labelledby^='day-']").evaluateAll((sections) =>
    sections.map((section) => ({
      day: section.querySelector("h2 time")!.getAttribute("datetime")!,
      heading: section.querySelector("h2")!.textContent!.trim(),
      times: Array.from(section.querySelectorAll("[data-entry] time[datetime]")).map((t) => t.getAttribute("datetime")!),
      entries: section.querySelectorAll("[data-entry]").length,
    })),
  );
}

function expectNewestFirst(days: Awaited<ReturnType<typeof daysAndTimes>>) {
  const dayList = days.map((d) => d.day);
  // Day headings strictly descending: each Beijing day appears once, newest first.
  expect(dayList).toEqual([...new Set(dayList)].sort().reverse());
  for (const { day, times } of days) {
    // Every timed entry belongs to its heading's Beijing day, newest first within it.
    for (const time of times) expect(time.slice(0, 10), `entry ${time} under ${day}`).toBe(day);
    expect(times).toEqual([...times].sort().reverse());
  }
}

test("the home page shows the newest articles first, grouped by Beijing day", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("财经新闻时间线");
  await expect(resultCount(page)).toHaveText(`第 1–20 篇，共 ${TOTAL_ARTICLES} 篇`);
  await expect(entries(page)).toHaveCount(20);

  const days = await daysAndTimes(page);
  expect(days[0].day).toBe(NEWEST_DAY);
  expect(days[0].heading).toBe("2022年6月27日 星期一");
  expect(days.reduce((n, d) => n + d.entries, 0)).toBe(20);
  expectNewestFirst(days);
  for (const { day, heading } of days) {
    const [y, m, d] = day.split("-").map(Number);
    expect(heading).toMatch(new RegExp(`^${y}年${m}月${d}日 星期[一二三四五六日]$`));
  }
  // The date-only seed (2022-06-27) is the newest article; it has no clock time.
  await expect(entries(page).first().locator("[data-entry-link]")).toHaveAttribute("href", `/articles/${SEED.dateOnly.slug}`);
  await expect(page.getByRole("heading", { name: "2022年5月20日 星期五" })).toBeVisible();
});

test("older/newer links page through the timeline 20 at a time", async ({ page }) => {
  await page.goto("/");
  const firstPage = await entryTitles(page);
  const lastTimeOnFirstPage = await entries(page).last().locator("time").getAttribute("datetime");

  await page.getByRole("link", { name: "较旧 →" }).click();
  await expect(resultCount(page)).toHaveText(`第 21–40 篇，共 ${TOTAL_ARTICLES} 篇`);
  expect(params(page).get("before")).toBeTruthy();
  await expect(entries(page)).toHaveCount(20);
  const secondPage = await entryTitles(page);
  const secondHrefs = await entries(page)
    .locator("[data-entry-link]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(new Set(secondHrefs).size).toBe(20);
  // Still newest first, and continuing where page 1 stopped.
  expectNewestFirst(await daysAndTimes(page));
  const firstTimeOnSecondPage = await entries(page).first().locator("time").getAttribute("datetime");
  expect(firstTimeOnSecondPage! <= lastTimeOnFirstPage!).toBe(true);
  expect(secondPage).not.toEqual(firstPage);

  await page.getByRole("link", { name: "← 较新" }).click();
  await expect(resultCount(page)).toHaveText(`第 1–20 篇，共 ${TOTAL_ARTICLES} 篇`);
  expect(await entryTitles(page)).toEqual(firstPage);
  await expect(page.getByRole("link", { name: "← 较新" })).toHaveCount(0);
});

test("paging keeps the filters: every page of 东财滚动 shows only that source", async ({ page }) => {
  await page.goto(`/?source=${encodeURIComponent("东财滚动")}`);
  await expect(resultCount(page)).toHaveText(`第 1–20 篇，共 ${ROLLING_NEWS} 篇`);
  const seen = new Set<string>();
  const pages = Math.ceil(ROLLING_NEWS / 20);
  const expected = Array.from({ length: pages }, (_, i) => `第 ${i * 20 + 1}–${Math.min(ROLLING_NEWS, i * 20 + 20)} 篇`);
  for (const [index, label] of expected.entries()) {
    await expect(resultCount(page)).toHaveText(`${label}，共 ${ROLLING_NEWS} 篇`);
    expect(params(page).get("source")).toBe("东财滚动");
    await expect(entrySource(entries(page))).toHaveText(Array(index === pages - 1 ? ROLLING_NEWS - index * 20 : 20).fill("东财滚动"));
    for (const href of await entries(page)
      .locator("[data-entry-link]")
      .evaluateAll((l) => l.map((a) => a.getAttribute("href")!))) {
      expect(seen.has(href), `${href} shown twice`).toBe(false);
      seen.add(href);
    }
    if (index < expected.length - 1) await page.getByRole("link", { name: "较旧 →" }).click();
  }
  expect(seen.size).toBe(ROLLING_NEWS);
  await expect(page.getByRole("link", { name: "较旧 →" })).toHaveCount(0);
  // And back: the newer link keeps the source too.
  await page.getByRole("link", { name: "← 较新" }).click();
  await expect(resultCount(page)).toHaveText(`${expected[pages - 2]}，共 ${ROLLING_NEWS} 篇`);
  expect(params(page).get("source")).toBe("东财滚动");
});

test("an entry links to its article, its source and its companies", async ({ page }) => {
  await page.goto(`/?to=${SEED.meituan.day}`);
  const entry = entries(page).first();
  await expect(entry.locator("[data-entry-link]")).toHaveText(SEED.meituan.title);
  await expect(entry.locator("time")).toHaveText("17:29");
  await expect(entry.locator("time")).toHaveAttribute("datetime", "2021-12-27T17:29:23+08:00");
  await expect(entrySource(entry)).toHaveText("上游新闻");
  await expect(entry.getByRole("list", { name: "相关公司" }).getByRole("link")).toHaveText(["美团", "快手"]);
  await expect(entry).toContainText("约 3 分钟读完");
  await entry.locator("[data-entry-link]").click();
  await expect(page).toHaveURL(`/articles/${SEED.meituan.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED.meituan.title);
});
