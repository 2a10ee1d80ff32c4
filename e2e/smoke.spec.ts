import { expect, test } from "@playwright/test";

test("the timeline loads with the seeds", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("财经新闻时间线");
});
