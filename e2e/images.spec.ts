import { expect, test, type Locator } from "@playwright/test";
import { SEED, abortRemote, fulfillRemoteImages } from "./helpers";

const ARTICLE = `/articles/${SEED.meituan.slug}`;
const isLocal = (url: URL) => url.hostname === "localhost";

/** The placeholder label under a chart image ("美团 03690"). */
function placeholder(frame: Locator): Locator {
  return frame.locator(":scope > span");
}

async function expectFailedAndHidden(img: Locator) {
  await expect(img).toHaveAttribute("data-failed", "");
  await expect(img).toBeHidden();
}

test("failed chart images leave their placeholder, with no layout shift", async ({ page }) => {
  // Hold remote requests until the frames have been measured, then fail them.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route(
    (url) => !isLocal(url),
    async (route) => {
      held++;
      await gate;
      await route.abort();
    },
  );
  await page.goto(ARTICLE, { waitUntil: "domcontentloaded" });
  const frames = page.getByRole("region", { name: "相关股价走势" }).getByRole("button").locator(".chart-frame");
  await expect(frames).toHaveCount(2);
  await expect.poll(() => held).toBeGreaterThan(0);
  await expect(page.locator("img[data-failed]")).toHaveCount(0);
  const before = await Promise.all((await frames.all()).map((f) => f.boundingBox()));

  release();
  for (const [index, label] of ["美团 03690", "快手 01024"].entries()) {
    const frame = frames.nth(index);
    await expectFailedAndHidden(frame.locator("img"));
    await expect(placeholder(frame)).toHaveText(label);
    await expect(placeholder(frame)).toBeVisible();
  }
  const after = await Promise.all((await frames.all()).map((f) => f.boundingBox()));
  expect(after).toEqual(before);
  expect(before[0]!.width).toBeGreaterThan(0);
  expect(before[0]!.height).toBeGreaterThan(0);
});

test("the big chart in the popover falls back to its placeholder too", async ({ page }) => {
  await abortRemote(page);
  await page.goto(ARTICLE);
  await page.getByRole("button", { name: "查看 快手 01024 大图" }).click();
  const frame = page.locator("#chart-1 .chart-frame");
  await expectFailedAndHidden(frame.locator("img"));
  await expect(placeholder(frame)).toHaveText("快手 01024");
  await expect(placeholder(frame)).toBeVisible();
});

test("a failed photo in the article body becomes an image placeholder", async ({ page }) => {
  await abortRemote(page);
  await page.goto(ARTICLE);
  const body = page.locator(".article-body");
  const photo = body.locator('img[src*="dfcfw.com"]');
  await expectFailedAndHidden(photo);
  const box = body.locator(".image-placeholder");
  await expect(box).toHaveCount(1);
  await expect(box).toBeVisible();
  await expect(box).toHaveText(/^图片无法显示/);
  // The placeholder takes the photo's place, before the first paragraph.
  expect(await photo.evaluate((img) => img.nextElementSibling?.classList.contains("image-placeholder"))).toBe(true);
});

test("failed thumbnails on the timeline show the company and code instead", async ({ page }) => {
  await abortRemote(page);
  await page.goto("/");
  // Desktop shows the thumbnails beside each entry, phones under it: only the visible ones load.
  const frames = page.locator("main [data-entry] .chart-frame").filter({ visible: true });
  await expect(frames.first()).toBeVisible();
  for (const frame of (await frames.all()).slice(0, 3)) {
    const img = frame.locator("img");
    await expectFailedAndHidden(img);
    const alt = await img.getAttribute("alt");
    await expect(placeholder(frame)).toHaveText(alt!.replace(/ 股价走势图$/, ""));
    await expect(placeholder(frame)).toBeVisible();
  }
});

test("images that load are shown and not marked failed", async ({ page }) => {
  await fulfillRemoteImages(page);
  await page.goto(ARTICLE);
  const thumbs = page.getByRole("region", { name: "相关股价走势" }).getByRole("button").locator("img");
  await expect(thumbs).toHaveCount(2);
  const photo = page.locator('.article-body img[src*="dfcfw.com"]');
  for (const img of [thumbs.nth(0), thumbs.nth(1), photo]) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1);
    await expect(img).toBeVisible();
    await expect(img).not.toHaveAttribute("data-failed");
  }
  await expect(page.locator(".image-placeholder")).toHaveCount(0);
  await page.getByRole("button", { name: "查看 美团 03690 大图" }).click();
  const big = page.locator("#chart-0 img");
  await expect.poll(() => big.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1);
  await expect(big).toBeVisible();
  await expect(page.locator("img[data-failed]")).toHaveCount(0);
});
