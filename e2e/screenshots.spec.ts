import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SCREENSHOTS } from "./fixture";
import { SEED, abortRemote, imagesSettled } from "./helpers";

// Full-page screenshots of every page type, as an offline reader sees them
// (remote images fail), for a human to look over: e2e/.artifacts/screenshots/.
const PAGES = [
  { name: "home", url: "/", heading: "财经新闻时间线" },
  { name: "filtered-home", url: "/?company=hk01024", heading: "财经新闻时间线" },
  { name: "article", url: `/articles/${SEED.meituan.slug}`, heading: SEED.meituan.title },
  { name: "company", url: "/companies/hk01024", heading: "快手" },
  { name: "companies", url: "/companies", heading: "公司" },
  { name: "source", url: `/sources/${encodeURIComponent("上游新闻")}`, heading: "上游新闻" },
  { name: "not-found", url: "/articles/nope", heading: "找不到这个页面" },
];

test.beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

for (const { name, url, heading } of PAGES) {
  test(`screenshot: ${name}`, async ({ page }, testInfo) => {
    await abortRemote(page);
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await page.evaluate(() => document.fonts.ready);
    await imagesSettled(page);
    const file = path.join(SCREENSHOTS, `${name}-${testInfo.project.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    await testInfo.attach(`${name}-${testInfo.project.name}`, { path: file, contentType: "image/png" });
  });
}
