import { expect, test } from "@playwright/test";

const missing = [
  { what: "an unknown article", url: "/articles/nope" },
  { what: "an unknown company", url: "/companies/zz999" },
  { what: "an unknown listing id in a valid format", url: "/companies/hk99999" },
  { what: "an unknown source", url: `/sources/${encodeURIComponent("不存在")}` },
  { what: "an unknown path", url: "/no-such-page" },
];

for (const { what, url } of missing) {
  test(`${what} is a 404 page`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
    await expect(page.getByRole("link", { name: "回到时间线" })).toHaveAttribute("href", "/");
    // The site around it still works.
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  });
}

// A malformed percent-encoding in the path is a 404, not a server error.
for (const url of ["/articles/%E0%A4%A", "/companies/%E0%A4%A", "/sources/%E0%A4%A", "/sources/%"]) {
  test(`a malformed path ${url} is a 404 page, not a server error`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
  });
}

test("the 404 page leads back to the timeline", async ({ page }) => {
  await page.goto("/articles/nope");
  await page.getByRole("link", { name: "回到时间线" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("财经新闻时间线");
});
