// Every page type under the Content-Security-Policy: no violation, no console
// error, the security headers on fresh and cached responses alike.
import { expect, test } from "@playwright/test";
import { abortRemote, SEED } from "./helpers";

const PAGES = [
  "/",
  "/?company=hk01024&from=2021-12-01",
  `/?q=${encodeURIComponent("快手")}`,
  `/articles/${SEED.xinshijing.slug}`,
  "/companies",
  "/companies/hk01024",
  `/sources/${encodeURIComponent(SEED.gome.source)}`,
  "/articles/does-not-exist",
];

for (const path of PAGES) {
  test(`${path} runs under the policy without violations or console errors`, async ({ page }) => {
    await abortRemote(page);
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = violations;
      document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const errors: string[] = [];
    page.on("console", (message) => {
      // Remote chart images are unreachable offline (aborted above): not the page's fault.
      if (message.type() === "error" && !/Failed to load resource/.test(message.text())) errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    const response = await page.goto(path);
    expect(response?.headers()["content-security-policy"]).toMatch(
      /script-src 'self'( 'sha256-[^']+')+;.*object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'/,
    );
    // Next's client runtime loaded and ran (it defines window.next), so the page hydrated under the policy.
    await page.waitForFunction(() => "next" in window);
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test("security headers come with fresh and cached responses, feeds included", async ({ request }) => {
  for (const path of ["/companies/hk00700", "/companies/hk00700", "/feed.json", "/feed.xml"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("no-referrer");
    expect(headers["permissions-policy"], path).toContain("camera=()");
  }
  const cached = await request.get("/companies/hk00700");
  expect(cached.headers()["x-finews-cache"]).toBe("hit");
  expect(cached.headers()["content-security-policy"]).toContain("'sha256-");
});
