import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { SEED, abortRemote, imagesSettled } from "./helpers";

const PAGES = [
  { name: "home", url: "/" },
  { name: "filtered home", url: "/?company=hk01024" },
  { name: "article", url: `/articles/${SEED.meituan.slug}` },
  { name: "companies index", url: "/companies" },
  { name: "company", url: "/companies/hk01024" },
  { name: "source", url: `/sources/${encodeURIComponent("上游新闻")}` },
  { name: "404", url: "/articles/nope" },
  // The reader's desk (an empty one here; e2e/desk.spec.ts scans them with a desk).
  { name: "watchlist", url: "/watchlist" },
  { name: "saved", url: "/saved" },
];

type Violations = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"];

function describeViolations(violations: Violations): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ")}`).join("\n")}`,
    )
    .join("\n");
}

async function settle(page: Page, url: string) {
  await page.goto(url);
  // Let failed images be marked (and hidden) before scanning.
  await imagesSettled(page);
}

test.beforeEach(async ({ page }) => {
  await abortRemote(page);
});

for (const { name, url } of PAGES) {
  test(`${name} page has no axe violations`, async ({ page }) => {
    await settle(page, url);
    // Remote images fail here (as offline), so the scan covers their placeholders too.
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test(`${name} page: language, one h1, landmarks`, async ({ page }) => {
    await settle(page, url);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.locator("h1")).toHaveCount(1);
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toHaveCount(1);
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
    // The h1 is inside main.
    await expect(page.getByRole("main").locator("h1")).toHaveCount(1);
  });

  test(`${name} page reflows on a phone without sideways scrolling`, async ({ page, isMobile }) => {
    test.skip(!isMobile, "phone layout");
    await settle(page, url);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });
}

// Placeholders (shown where a remote chart or photo failed) are small text: keep them at WCAG AA contrast.
// One test per page: seven pages in one test outran the timeout on a loaded CI machine.
for (const { name, url } of PAGES) {
  test(`${name} page: image placeholders have enough colour contrast`, async ({ page }) => {
    await settle(page, url);
    const { violations } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
    expect(violations, `${name} ${url}\n${describeViolations(violations)}`).toEqual([]);
  });
}
