// The reader's desk: 自选 (followed companies), read marks, the "since your last
// visit" divider and 收藏, all kept in the browser (lib/desk/, components/desk/).
// Every spec runs at desktop and phone widths.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { parseOpml } from "../lib/desk/opml";
import { SEED, abortRemote, entries, openFilters } from "./helpers";

const KEYS = {
  follows: "finews.desk.follows",
  read: "finews.desk.read",
  saved: "finews.desk.saved",
  visit: "finews.desk.visit",
};

/** The newest entries on / (fixture content): slug, Beijing time, first company. */
const NEWEST = { slug: SEED.dateOnly.slug, company: { id: "hk01024", name: "快手" } };
const SECOND = { slug: "NW202206142412311033", published: "2022-06-14T17:56:07+08:00" };
/** Two copies of one eastmoney article: one story, two reports. */
const STORY = ["NW202205312398034850", "2022-05-31-202205312398034850"];

type DeskState = Partial<Record<keyof typeof KEYS, unknown>>;

/** Puts `state` in localStorage before the first page of the context loads (once: later pages keep what the reader did). */
async function seedDesk(context: BrowserContext, state: DeskState) {
  const values = Object.fromEntries(Object.entries(state).map(([key, value]) => [KEYS[key as keyof typeof KEYS], JSON.stringify(value)]));
  await context.addInitScript((values) => {
    if (localStorage.getItem("test.seeded")) return;
    for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
    localStorage.setItem("test.seeded", "1");
  }, values);
}

async function stored<T>(page: Page, key: keyof typeof KEYS): Promise<T> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), KEYS[key]);
}

/**
 * The island has applied the desk to the page (it marks <html> first, then
 * decorates in the same task). It runs once the page has hydrated, which on a
 * busy machine can take longer than an assertion's usual wait.
 */
async function deskReady(page: Page) {
  await expect(page.locator("html")).toHaveClass(/\bdesk-on\b/, { timeout: 20_000 });
}

function entry(page: Page, slug: string): Locator {
  return page.locator(`main article[data-entry][data-slug="${slug}"]`);
}

function chipToggle(scope: Locator | Page, name: string): Locator {
  return scope.getByRole("button", { name: `自选：${name}` });
}

const toast = (page: Page) => page.locator(".desk-toast");

test.beforeEach(async ({ page }) => {
  await abortRemote(page);
});

test.describe("自选", () => {
  test("follow and unfollow from a card's company, the company page and the picker; 自选 in the header opens their timeline", async ({
    page,
  }) => {
    await page.goto("/");
    await deskReady(page);
    const header = page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "自选" });
    await expect(header).toHaveAttribute("href", "/watchlist");

    const toggle = chipToggle(entry(page, NEWEST.slug), NEWEST.company.name);
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(toast(page)).toContainText("已将 快手 加入自选");
    expect(await stored(page, "follows")).toEqual([NEWEST.company]);
    // Every chip of the same company shows it.
    for (const other of await page.locator('main li[data-company="hk01024"] [data-desk-action="follow"]').all())
      await expect(other).toHaveAttribute("aria-pressed", "true");
    await expect(header).toHaveAttribute("href", "/?company=hk01024");

    await page.goto("/companies/hk00700");
    await deskReady(page);
    const pageToggle = page.getByRole("button", { name: "+ 自选" });
    await pageToggle.click();
    await expect(page.getByRole("button", { name: "✓ 已自选" })).toHaveAttribute("aria-pressed", "true");

    await page.goto("/");
    await deskReady(page);
    await openFilters(page);
    const picker = page.getByRole("list", { name: "公司列表" });
    await chipToggle(picker, "贵州茅台").click();
    await expect(chipToggle(picker, "贵州茅台")).toHaveAttribute("aria-pressed", "true");
    await expect(header).toHaveAttribute("href", "/?company=hk00700,hk01024,sh600519");

    await header.click();
    await expect(page).toHaveURL("/?company=hk00700,hk01024,sh600519");
    await expect(header).toHaveAttribute("aria-current", "page");
    const banner = page.locator("[data-desk-banner]");
    await expect(banner).toContainText("我的自选：3 家公司的新闻");
    await expect(banner.getByRole("link", { name: "Atom 订阅" })).toHaveAttribute("href", "/feed.xml?company=hk00700,hk01024,sh600519");
    await expect(banner.getByRole("link", { name: "JSON Feed" })).toHaveAttribute("href", "/feed.json?company=hk00700,hk01024,sh600519");
    // Each entry of the 自选 view is about a followed company.
    for (const card of await entries(page).all()) {
      await expect(
        card.locator('li[data-company="hk00700"], li[data-company="hk01024"], li[data-company="sh600519"]').first(),
      ).toBeAttached();
    }

    // Unfollowing on a card: the banner goes (this is no longer the whole watchlist).
    await chipToggle(entries(page).first(), NEWEST.company.name).click();
    await expect(chipToggle(entries(page).first(), NEWEST.company.name)).toHaveAttribute("aria-pressed", "false");
    await expect(banner).toHaveCount(0);
    expect((await stored<{ id: string }[]>(page, "follows")).map((c) => c.id)).toEqual(["hk00700", "sh600519"]);
  });

  test("a follow in one tab shows in the others", async ({ context }) => {
    const [one, two] = [await context.newPage(), await context.newPage()];
    for (const page of [one, two]) {
      await abortRemote(page);
      await page.goto("/");
      await deskReady(page);
    }
    await chipToggle(entry(one, NEWEST.slug), NEWEST.company.name).click();
    await expect(chipToggle(entry(two, NEWEST.slug), NEWEST.company.name)).toHaveAttribute("aria-pressed", "true");
    await expect(two.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "自选" })).toHaveAttribute(
      "href",
      "/?company=hk01024",
    );
    await entry(two, NEWEST.slug).getByRole("button", { name: "收藏" }).click();
    await expect(entry(one, NEWEST.slug).getByRole("button", { name: "收藏" })).toHaveAttribute("aria-pressed", "true");
  });

  test("import codes and names, export as text, a share link and OPML, and read each back", async ({ page, browser }) => {
    await page.goto("/watchlist");
    await deskReady(page);
    await page.getByLabel(/粘贴股票代码/).fill("600519 00700.HK, AAPL\n证券 不存在的公司");
    await page.getByRole("button", { name: "导入", exact: true }).click();
    const result = page.getByTestId("import-result");
    await expect(result).toContainText("已加入 3 家：贵州茅台、腾讯控股、苹果");
    await expect(result).toContainText("没有找到：不存在的公司");
    await expect(result).toContainText("“证券”可能是：");
    await result.getByRole("button", { name: "中信证券" }).click();
    await expect(result).toContainText("中信证券");
    const list = page.getByRole("list", { name: "自选公司" });
    await expect(list.getByRole("listitem")).toHaveCount(4);
    await expect(page.getByRole("heading", { name: "我关注的公司（4/50）" })).toBeVisible();

    const text = await page.getByLabel("代码列表").inputValue();
    expect(text.split("\n")).toEqual(["sh600519 贵州茅台", "hk00700 腾讯控股", "usaapl 苹果", "sh600030 中信证券"]);
    const share = await page.getByLabel("分享链接").inputValue();
    expect(new URL(share).pathname + new URL(share).hash).toBe("/watchlist#follow=hk00700,sh600030,sh600519,usaapl");
    const opmlHref = await page.getByRole("link", { name: "下载 OPML" }).getAttribute("href");
    const opml = decodeURIComponent(opmlHref!.replace(/^data:[^,]*,/, ""));
    const parsed = parseOpml(opml);
    expect(parsed.ids).toEqual(["sh600519", "hk00700", "usaapl", "sh600030"]);
    expect(parsed.names.hk00700).toBe("腾讯控股");
    expect(opml).toContain(`xmlUrl="${new URL(share).origin}/feed.xml?company=hk00700"`);

    // Each export, read by another reader (a fresh browser context).
    for (const how of ["text", "share", "opml"] as const) {
      const other = await browser.newContext();
      const reader = await other.newPage();
      await abortRemote(reader);
      if (how === "share") {
        await reader.goto(share);
        await deskReady(reader);
        const offer = reader.getByRole("region", { name: "链接分享了 4 家公司" });
        await expect(offer).toContainText("腾讯控股、中信证券、贵州茅台、苹果");
        await offer.getByRole("button", { name: "加入我的自选" }).click();
        await expect(reader).toHaveURL("/watchlist");
      } else {
        await reader.goto("/watchlist");
        await deskReady(reader);
        if (how === "text") {
          await reader.getByLabel(/粘贴股票代码/).fill(text);
          await reader.getByRole("button", { name: "导入", exact: true }).click();
        } else {
          await reader
            .getByLabel(/或选择文件/)
            .setInputFiles({ name: "finews-watchlist.opml", mimeType: "text/x-opml", buffer: Buffer.from(opml) });
        }
        await expect(reader.getByTestId("import-result")).toContainText("已加入 4 家");
      }
      await expect(reader.getByRole("list", { name: "自选公司" }).getByRole("listitem")).toHaveCount(4);
      await other.close();
    }

    // 打开自选时间线 is the company filter, one URL for the list, with the feeds beside it.
    await page.getByRole("link", { name: "打开自选时间线 →" }).click();
    await expect(page).toHaveURL("/?company=hk00700,sh600030,sh600519,usaapl");
    const feed = await page.request.get("/feed.json?company=hk00700,sh600030,sh600519,usaapl");
    expect(feed.ok()).toBe(true);
    expect((await feed.json()).items.length).toBeGreaterThan(0);
  });

  test("a full watchlist (50) refuses one more, in a card and in an import, and says so", async ({ page, context }) => {
    // Fifty listed companies from the shipped directory.
    const fifty = readFileSync("lib/companies/data/a-shares.tsv", "utf8")
      .split("\n")
      .filter((line) => /^sh\d{6}\t/.test(line))
      .slice(0, 50)
      .map((line) => ({ id: line.split("\t")[0], name: line.split("\t")[1] }));
    await seedDesk(context, { follows: fifty });
    await page.goto("/");
    await deskReady(page);
    await chipToggle(entry(page, NEWEST.slug), NEWEST.company.name).click();
    await expect(toast(page)).toContainText("自选最多 50 家公司");
    await expect(chipToggle(entry(page, NEWEST.slug), NEWEST.company.name)).toHaveAttribute("aria-pressed", "false");
    // The full list is still one filter URL: all 50, no notice.
    const header = page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "自选" });
    await header.click();
    await expect(page.locator("[data-desk-banner]")).toContainText("50 家公司");
    await expect(page.getByRole("status").filter({ hasText: "以下筛选条件" })).toHaveCount(0);

    await page.goto("/watchlist");
    await page.getByLabel(/粘贴股票代码/).fill("00700");
    await page.getByRole("button", { name: "导入", exact: true }).click();
    await expect(page.getByTestId("import-result")).toContainText("自选最多 50 家，未加入：腾讯控股");
  });
});

test.describe("read marks", () => {
  test("an opened article looks read in every list, 标为未读 undoes it, 全部标为已读 marks the page", async ({ page }) => {
    await page.goto("/");
    await deskReady(page);
    const card = entry(page, SEED.gome.slug);
    await expect(card).not.toHaveClass(/desk-read/);
    await card.locator("[data-entry-link]").click();
    await expect(page).toHaveURL(`/articles/${SEED.gome.slug}`);
    await deskReady(page);
    await expect(page.getByRole("button", { name: "标为未读" })).toBeVisible();

    await page.goto("/");
    await expect(card).toHaveClass(/desk-read/);
    await expect(card.getByRole("heading")).toContainText("（已读）");
    // The same article in another list: a company page.
    await page.goto("/companies/hk00700");
    await expect(entry(page, SEED.gome.slug)).toHaveClass(/desk-read/);

    await page.goto(`/articles/${SEED.gome.slug}`);
    await page.getByRole("button", { name: "标为未读" }).click();
    await expect(page.getByRole("button", { name: "标为已读" })).toBeVisible();
    await page.goto("/");
    await expect(card).not.toHaveClass(/desk-read/);

    await page.getByRole("button", { name: "全部标为已读" }).click();
    await expect(toast(page)).toContainText("已将本页 20 篇标为已读");
    await expect(page.locator("main article[data-entry].desk-read")).toHaveCount(20);
  });

  test("a story looks read once any of its reports was opened (data-story)", async ({ page }) => {
    await page.goto("/");
    await deskReady(page);
    // The stories work will emit data-story; here two reports of one article get it by hand.
    await page.evaluate((slugs) => {
      for (const slug of slugs) document.querySelector(`article[data-slug="${slug}"]`)!.setAttribute("data-story", "s-20220531");
      // Keep the click from navigating: the desk still sees it.
      document.addEventListener("click", (event) => event.preventDefault(), { capture: true, once: true });
    }, STORY);
    await entry(page, STORY[0]).locator("[data-entry-link]").click();
    await expect(entry(page, STORY[0])).toHaveClass(/desk-read/);
    await expect(entry(page, STORY[1])).toHaveClass(/desk-read/);
    expect(await stored(page, "read")).toEqual([STORY[0], "story:s-20220531"]);
  });

  test("past 3000 marks the oldest is forgotten", async ({ page, context }) => {
    // The newest entry holds the oldest of 3000 marks.
    await seedDesk(context, { read: [NEWEST.slug, ...Array.from({ length: 2999 }, (_, i) => `old-${i}`)] });
    await page.goto("/");
    await deskReady(page);
    await expect(entry(page, NEWEST.slug)).toHaveClass(/desk-read/);
    await entry(page, SECOND.slug).locator("[data-entry-link]").click();
    await expect(page).toHaveURL(`/articles/${SECOND.slug}`);
    await page.goto("/");
    await deskReady(page);
    await expect(entry(page, SECOND.slug)).toHaveClass(/desk-read/);
    await expect(entry(page, NEWEST.slug)).not.toHaveClass(/desk-read/);
    const read = await stored<string[]>(page, "read");
    expect(read).toHaveLength(3000);
    expect(read.at(-1)).toBe(SECOND.slug);
  });

  test("the divider marks what was published since the last visit (a visit ends after 30 minutes away)", async ({ page, context }) => {
    const lastActive = Date.parse("2022-06-10T12:00:00+08:00");
    await seedDesk(context, { visit: { since: null, lastActive } });
    await page.goto("/");
    await deskReady(page);
    const divider = page.locator("[data-desk-divider]");
    await expect(divider).toHaveText("以上是上次访问（6月10日 12:00）以来的 2 篇新文章");
    // It sits above the first older entry's day (the entry opens its day).
    await expect(divider.locator("xpath=following-sibling::*[1]")).toHaveAttribute("aria-labelledby", "day-2022-05-31");
    expect(await stored<{ since: number }>(page, "visit")).toMatchObject({ since: lastActive });
    // Within the same visit, the divider stays where it was.
    await page.reload();
    await deskReady(page);
    await expect(divider).toHaveText("以上是上次访问（6月10日 12:00）以来的 2 篇新文章");
  });

  test("a first visit has no divider", async ({ page }) => {
    await page.goto("/");
    await deskReady(page);
    await expect(page.locator("[data-desk-divider]")).toHaveCount(0);
    expect(await stored<{ since: number | null }>(page, "visit")).toMatchObject({ since: null });
  });
});

test.describe("收藏", () => {
  test("save from a card and an article; the 收藏 page lists them, follows renames, marks what no longer exists", async ({
    page,
    context,
  }) => {
    await seedDesk(context, {
      saved: [
        { slug: "deleted-article", title: "一篇已删除的文章", source: "东财滚动", published: "2022-01-07", savedAt: 1 },
        { slug: "renamed-article", title: "旧标题", source: "旧来源", published: "2022-01-07", savedAt: 2 },
      ],
    });
    // A renamed article answers with a permanent redirect to its new address.
    await page.route("**/articles/renamed-article", (route) =>
      route.fulfill({ status: 308, headers: { location: `/articles/${SEED.xinshijing.slug}` } }),
    );
    await page.goto("/");
    await deskReady(page);
    const star = entry(page, SEED.gome.slug).getByRole("button", { name: "收藏" });
    await star.click();
    await expect(star).toHaveAttribute("aria-pressed", "true");
    await page.goto(`/articles/${SEED.serviceProviders.slug}`);
    await deskReady(page);
    await page.getByRole("button", { name: "☆ 收藏" }).click();
    await expect(page.getByRole("button", { name: "★ 已收藏" })).toHaveAttribute("aria-pressed", "true");

    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "收藏" }).click();
    await expect(page).toHaveURL("/saved");
    const list = page.getByRole("list", { name: "收藏的文章" });
    await expect(list.getByRole("listitem")).toHaveCount(4);
    await expect(list.getByRole("listitem").nth(0)).toContainText("快手电商发布服务商体系2.0");
    await expect(list.getByRole("listitem").nth(1)).toContainText(SEED.gome.title);
    await expect(list.getByRole("listitem").nth(1)).toContainText("2022年5月6日 17:13");
    await expect(list.getByRole("listitem").nth(1)).toContainText(SEED.gome.source);
    // Renamed: shown under its current slug and title.
    await expect(list.getByRole("link", { name: SEED.xinshijing.title })).toHaveAttribute("href", `/articles/${SEED.xinshijing.slug}`);
    await expect(list.getByRole("listitem").filter({ hasText: "一篇已删除的文章" })).toContainText("已不存在");
    await expect(list.getByRole("link", { name: "一篇已删除的文章" })).toHaveCount(0);

    await page.getByRole("button", { name: `取消收藏：${SEED.gome.title}` }).click();
    await expect(list.getByRole("listitem")).toHaveCount(3);
    expect((await stored<{ slug: string }[]>(page, "saved")).map((a) => a.slug)).toEqual([
      SEED.serviceProviders.slug,
      "deleted-article",
      SEED.xinshijing.slug,
    ]);
  });

  test("500 saved articles refuse one more, and say so", async ({ page, context }) => {
    const saved = Array.from({ length: 500 }, (_, i) => ({
      slug: `s-${i}`,
      title: `文章${i}`,
      source: "来源",
      published: "2022-01-07",
      savedAt: i,
    }));
    await seedDesk(context, { saved });
    await page.goto("/");
    await deskReady(page);
    const star = entry(page, NEWEST.slug).getByRole("button", { name: "收藏" });
    await star.click();
    await expect(toast(page)).toContainText("收藏最多 500 篇");
    await expect(star).toHaveAttribute("aria-pressed", "false");
    expect(await stored<unknown[]>(page, "saved")).toHaveLength(500);
  });
});

test.describe("without localStorage (a private window that refuses it)", () => {
  test.beforeEach(async ({ context }) => {
    await context.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
  });

  test("the timeline works, the desk works for the page and says why it cannot remember", async ({ page }) => {
    await page.goto("/");
    await deskReady(page);
    await expect(entries(page)).toHaveCount(20);
    await chipToggle(entry(page, NEWEST.slug), NEWEST.company.name).click();
    await expect(chipToggle(entry(page, NEWEST.slug), NEWEST.company.name)).toHaveAttribute("aria-pressed", "true");
    await expect(toast(page)).toContainText("此浏览器不允许本站保存数据");
    await page.goto("/watchlist");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("这个浏览器不允许本站保存数据");
    await page.goto("/saved");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("这个浏览器不允许本站保存数据");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("pages are plain: the timeline reads, /watchlist and /saved say the lists live in the browser", async ({ page }) => {
    await page.goto("/");
    await expect(entries(page)).toHaveCount(20);
    await expect(page.locator("[data-desk-action]")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "自选" })).toHaveAttribute(
      "href",
      "/watchlist",
    );
    await page.goto("/watchlist");
    await expect(page.getByText("自选需要 JavaScript")).toBeVisible();
    await page.goto("/saved");
    await expect(page.getByText("收藏需要 JavaScript")).toBeVisible();
  });
});

test("with JavaScript, the no-JavaScript explanations are hidden", async ({ page }) => {
  for (const [path, text] of [
    ["/watchlist", "自选需要 JavaScript"],
    ["/saved", "收藏需要 JavaScript"],
  ]) {
    await page.goto(path);
    await deskReady(page);
    await expect(page.getByText(text)).toBeHidden();
  }
});

test("the server keeps no reader state: same bytes for every reader, no cookies", async ({ page, context, request }) => {
  await seedDesk(context, {
    follows: [NEWEST.company],
    read: [NEWEST.slug],
    saved: [{ slug: SEED.meituan.slug, title: SEED.meituan.title, source: SEED.meituan.source, published: "", savedAt: 1 }],
    visit: { since: 1, lastActive: 2 },
  });
  for (const path of ["/", "/?company=hk01024", `/articles/${SEED.meituan.slug}`, "/companies/hk01024", "/watchlist", "/saved"]) {
    const plain = await request.get(path, { headers: { "accept-encoding": "identity" } });
    const withCookie = await request.get(path, { headers: { "accept-encoding": "identity", cookie: "finews=reader-a" } });
    const reader = await page.goto(path);
    await deskReady(page);
    const body = await plain.body();
    expect(body.equals(await withCookie.body()), `${path}: a cookie changed the page`).toBe(true);
    expect(body.equals(await reader!.body()), `${path}: a reader with a desk got different bytes`).toBe(true);
    for (const response of [plain, withCookie]) expect(response.headers()["set-cookie"], path).toBeUndefined();
    expect(await reader!.headerValue("set-cookie"), path).toBeNull();
  }
  for (const [path, data] of [
    ["/api/companies", { terms: ["600519"] }],
    ["/api/articles", { slugs: [SEED.meituan.slug] }],
  ] as const) {
    const response = await request.post(path, { data });
    expect(response.ok(), path).toBe(true);
    expect(response.headers()["set-cookie"], path).toBeUndefined();
  }
  expect(await context.cookies()).toEqual([]);
});

test.describe("keys", () => {
  test.skip(({ isMobile }) => isMobile, "keyboard shortcuts are a desktop feature");

  test("after j: f follows the entry's first company, s saves it, m marks it read and unread", async ({ page }) => {
    await page.goto("/");
    await deskReady(page);
    await expect(async () => {
      await page.keyboard.press("j");
      await expect(entries(page).first()).toHaveAttribute("data-current-entry", "true", { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    const first = entries(page).first();
    await page.keyboard.press("f");
    await expect(chipToggle(first, NEWEST.company.name)).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("s");
    await expect(first.getByRole("button", { name: "收藏" })).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("m");
    await expect(first).toHaveClass(/desk-read/);
    await page.keyboard.press("m");
    await expect(first).not.toHaveClass(/desk-read/);
    await page.keyboard.press("f");
    await expect(chipToggle(first, NEWEST.company.name)).toHaveAttribute("aria-pressed", "false");
  });
});

test.describe("phone", () => {
  test.skip(({ isMobile }) => !isMobile, "touch targets and layout at phone width");

  test("desk controls are finger-sized and nothing scrolls sideways", async ({ page, context }) => {
    await seedDesk(context, { follows: [NEWEST.company], visit: { since: null, lastActive: Date.parse("2022-06-10T12:00:00+08:00") } });
    for (const path of ["/", "/watchlist", "/saved", `/articles/${SEED.meituan.slug}`]) {
      await page.goto(path);
      await deskReady(page);
      const { scrollWidth, viewport } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(scrollWidth, path).toBeLessThanOrEqual(viewport);
    }
    await page.goto("/");
    await deskReady(page);
    const star = await entry(page, NEWEST.slug).getByRole("button", { name: "收藏" }).boundingBox();
    expect(star!.width).toBeGreaterThanOrEqual(44);
    expect(star!.height).toBeGreaterThanOrEqual(44);
    const follow = await chipToggle(entry(page, NEWEST.slug), NEWEST.company.name).boundingBox();
    expect(follow!.width).toBeGreaterThanOrEqual(36);
    expect(follow!.height).toBeGreaterThanOrEqual(36);
    await expect(page.locator("[data-desk-divider]")).toBeVisible();
  });
});

test.describe("accessibility with a desk", () => {
  const desk: DeskState = {
    follows: [NEWEST.company, { id: "hk00700", name: "腾讯控股" }],
    read: [NEWEST.slug, SECOND.slug],
    saved: [
      {
        slug: SEED.meituan.slug,
        title: SEED.meituan.title,
        source: SEED.meituan.source,
        published: "2021-12-27T17:29:00+08:00",
        savedAt: 2,
      },
      { slug: "deleted-article", title: "一篇已删除的文章", source: "东财滚动", published: "2022-01-07", savedAt: 1 },
    ],
    visit: { since: null, lastActive: Date.parse("2022-06-10T12:00:00+08:00") },
  };
  for (const path of ["/", "/?company=hk00700,hk01024", "/watchlist", "/saved", `/articles/${SEED.meituan.slug}`, "/companies/hk01024"]) {
    test(`${path} with follows, read marks, the divider and saved articles has no axe violations`, async ({ page, context }) => {
      await seedDesk(context, desk);
      await page.goto(path);
      await deskReady(page);
      if (path === "/saved") await expect(page.getByText("已不存在")).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }
});
