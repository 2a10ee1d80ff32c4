import { expect, test, type Page } from "@playwright/test";
import { SEED, abortRemote, entries } from "./helpers";

// Keyboard shortcuts are for readers with a keyboard: desktop only.
test.skip(({ isMobile }) => isMobile, "keyboard shortcuts are a desktop feature");

test.beforeEach(async ({ page }) => {
  await abortRemote(page);
});

/**
 * The shortcuts listen once the page has hydrated, which can be just after
 * `load`: the first key is pressed again until it takes effect.
 */
async function pressFirst(page: Page, key: string, effect: () => Promise<void>) {
  await expect(async () => {
    await page.keyboard.press(key);
    await effect();
  }).toPass({ timeout: 10_000 });
}

test("j and k move between timeline entries", async ({ page }) => {
  await page.goto("/");
  const current = page.locator('[data-entry][data-current-entry="true"]');
  await expect(current).toHaveCount(0);

  await pressFirst(page, "j", () => expect(current).toHaveCount(1, { timeout: 500 }));
  await expect(entries(page).nth(0)).toHaveAttribute("data-current-entry", "true");
  await expect(entries(page).nth(0).locator("[data-entry-link]")).toBeFocused();

  await page.keyboard.press("j");
  await expect(entries(page).nth(1)).toHaveAttribute("data-current-entry", "true");
  await expect(entries(page).nth(1).locator("[data-entry-link]")).toBeFocused();
  await expect(current).toHaveCount(1);

  await page.keyboard.press("k");
  await expect(entries(page).nth(0)).toHaveAttribute("data-current-entry", "true");
  await expect(entries(page).nth(0).locator("[data-entry-link]")).toBeFocused();
  await expect(current).toHaveCount(1);

  // k at the top stays on the first entry.
  await page.keyboard.press("k");
  await expect(entries(page).nth(0)).toHaveAttribute("data-current-entry", "true");
});

test("Enter opens the current entry", async ({ page }) => {
  await page.goto("/");
  await pressFirst(page, "j", () => expect(entries(page).nth(0).locator("[data-entry-link]")).toBeFocused({ timeout: 500 }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/articles/${SEED.dateOnly.slug}`);
});

test("/ focuses the search box, c the company search, and typing there is not a shortcut", async ({ page }) => {
  await page.goto("/");
  await pressFirst(page, "/", () => expect(page.locator("#site-search")).toBeFocused({ timeout: 500 }));
  await page.keyboard.type("jk/");
  await expect(page.locator("#site-search")).toHaveValue("jk/");
  await page.locator("#site-search").blur();
  await page.keyboard.press("c");
  await expect(page.locator("#company-search")).toBeFocused();
  await page.keyboard.type("jkc");
  await expect(page.locator("#company-search")).toHaveValue("jkc");
  await expect(page.locator('[data-entry][data-current-entry="true"]')).toHaveCount(0);
});

test("? opens the shortcuts dialog and Escape closes it", async ({ page }) => {
  await page.goto("/");
  const dialog = page.getByRole("dialog", { name: "键盘快捷键" });
  await expect(dialog).toBeHidden();
  await pressFirst(page, "?", () => expect(dialog).toBeVisible({ timeout: 500 }));
  await expect(dialog.getByRole("heading", { name: "键盘快捷键" })).toBeVisible();
  await expect(dialog).toContainText("下一篇");
  await expect(dialog).toContainText("搜索公司");
  // The desk's keys (e2e/desk.spec.ts tests what they do).
  for (const [key, label] of [
    ["f", "关注/取消关注当前文章的公司（自选）"],
    ["s", "收藏/取消收藏当前文章"],
    ["m", "标为已读/未读"],
  ]) {
    await expect(dialog.getByRole("term").filter({ hasText: new RegExp(`^${key}$`) })).toBeVisible();
    await expect(dialog.getByRole("definition").filter({ hasText: label })).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // ? toggles, and the 关闭 button closes too.
  await page.keyboard.press("?");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "关闭" }).click();
  await expect(dialog).toBeHidden();
});

test("the first Tab reaches the 跳到正文 skip link, which jumps to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到正文" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await expect(skip).toHaveAttribute("href", "#main");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  // The next Tab continues inside the main content, not in the site header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
});
