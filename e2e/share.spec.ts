import { expect, test } from "@playwright/test";
import { SEED, abortRemote } from "./helpers";

const ARTICLE = `/articles/${SEED.meituan.slug}`;

test.beforeEach(async ({ page }) => {
  await abortRemote(page);
});

test("without Web Share, 分享 copies the article link and says so", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true });
    Object.defineProperty(navigator, "share", { value: undefined, configurable: true });
  });
  await page.goto(ARTICLE);
  expect(await page.evaluate(() => typeof navigator.share)).toBe("undefined");
  const status = page.locator("main article > header").getByRole("status");
  await expect(status).toHaveText("");

  await page.getByRole("button", { name: "分享" }).click();
  await expect(status).toHaveText("链接已复制");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${ARTICLE}`);
});

test("with Web Share, 分享 hands the title and URL to the share sheet", async ({ page, baseURL }) => {
  await page.addInitScript(() => {
    const calls: ShareData[] = [];
    (window as unknown as { shareCalls: ShareData[] }).shareCalls = calls;
    Object.defineProperty(navigator, "share", {
      configurable: true,
      value: async (data: ShareData) => {
        calls.push(data);
      },
    });
  });
  await page.goto(ARTICLE);
  await page.getByRole("button", { name: "分享" }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shareCalls: ShareData[] }).shareCalls))
    .toEqual([{ title: SEED.meituan.title, url: `${baseURL}${ARTICLE}` }]);
  // The share sheet handled it: nothing was copied, so nothing is announced.
  await expect(page.locator("main article > header").getByRole("status")).toHaveText("");
});

test("cancelling the share sheet neither copies nor complains", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "share", {
      configurable: true,
      value: async () => {
        (window as unknown as { shareCalls: number }).shareCalls = ((window as unknown as { shareCalls?: number }).shareCalls ?? 0) + 1;
        throw new DOMException("Share canceled", "AbortError");
      },
    });
  });
  await page.goto(ARTICLE);
  await page.evaluate(() => navigator.clipboard.writeText("before"));
  await page.getByRole("button", { name: "分享" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { shareCalls?: number }).shareCalls)).toBe(1);
  await expect(page.locator("main article > header").getByRole("status")).toHaveText("");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("before");
});
