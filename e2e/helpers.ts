// Shared facts about the fixture content and small page helpers for the specs.
import { expect, type Locator, type Page } from "@playwright/test";

/** The five seed articles (content/000–004) and what the reader should make of them. */
export const SEED = {
  meituan: {
    slug: "NW202112272227360312",
    title: "快手战略合作美团：互联互通共创高品质本地生活“新样态”",
    source: "上游新闻",
    day: "2021-12-27",
    dateText: "2021年12月27日 17:29",
  },
  xinshijing: { slug: "NW202205202386756268", title: "定位“新市井电商”平台 快手如何突围？", source: "中国经营网" },
  dateOnly: { slug: "002_7a805ac37c551664", source: "娱乐资本论", dateText: "2022年6月27日" },
  gome: { slug: "NW202205062370784575", title: "国美与腾讯宣布达成战略合作 共同打造数实融合的全零售样板", source: "经济网" },
  serviceProviders: { slug: "NW202112302231746483", title: "快手电商发布服务商体系2.0", source: "中国新闻网" },
} as const;

export const TOTAL_ARTICLES = 121;
/** Posts whose source is 东财滚动 (eastmoney rolling news that names no other outlet). */
export const ROLLING_NEWS = 74;
export const NEWEST_DAY = "2022-06-27";

/** The reader's timeline entries (cards) in the main column. */
export function entries(page: Page): Locator {
  return page.locator("main [data-entry]");
}

export function resultCount(page: Page): Locator {
  return page.getByTestId("result-count");
}

export async function entryTitles(page: Page): Promise<string[]> {
  return (await entries(page).locator("[data-entry-link]").allTextContents()).map((t) => t.trim());
}

/** The source link inside one timeline entry. */
export function entrySource(entry: Locator): Locator {
  return entry.locator('a[href^="/sources/"]');
}

/** The company chips of one timeline entry. */
export function entryCompanies(entry: Locator): Locator {
  return entry.getByRole("list", { name: "相关公司" }).getByRole("link");
}

/** The notice listing ignored (invalid) filter values. */
export function invalidNotice(page: Page): Locator {
  return page.getByRole("status").filter({ hasText: "以下筛选条件" });
}

/**
 * On narrow screens the filter form sits in a collapsed <details>; wide screens
 * show it beside the timeline. Opens it when a reader would have to.
 */
export async function openFilters(page: Page): Promise<void> {
  const summary = page.locator("#filters summary");
  if (await summary.isVisible()) {
    const open = await page.locator("#filters details").evaluate((d) => (d as HTMLDetailsElement).open);
    if (!open) await summary.click();
  }
  await expect(page.getByRole("button", { name: "应用筛选" })).toBeVisible();
}

const isLocal = (url: string) => ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);

/** Remote images (eastmoney charts, dfcfw photos) fail the way they do offline: the request is aborted. */
export async function abortRemote(page: Page): Promise<void> {
  await page.route(
    (url) => !isLocal(url.toString()),
    (route) => route.abort(),
  );
}

/** A valid 1×1 PNG, for answering remote image requests. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export async function fulfillRemoteImages(page: Page): Promise<void> {
  await page.route(
    (url) => !isLocal(url.toString()),
    (route) => route.fulfill({ status: 200, contentType: "image/png", body: TINY_PNG }),
  );
}

/** URL search params of the page, decoded. */
export function params(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

/** Waits until every image in the viewport has loaded or failed (and been marked data-failed). */
export async function imagesSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.images)
      .filter((img) => {
        const box = img.getBoundingClientRect();
        return box.width > 0 && box.bottom > 0 && box.top < innerHeight;
      })
      .every((img) => img.complete && (img.naturalWidth > 0 || img.hasAttribute("data-failed"))),
  );
}
