import { defineConfig, devices } from "@playwright/test";
import { launchOptions } from "./e2e/browser";

// Browser tests run against the production build (`npm run build`), served
// with a database seeded from a fixture copy of content/ (e2e/serve.ts).
const PORT = Number(process.env.E2E_PORT || 3100);

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/.artifacts/test-results",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["html", { outputFolder: "e2e/.artifacts/report", open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "desktop",
      testIgnore: /freshness|hostile|scale-out/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, launchOptions },
    },
    { name: "phone", testIgnore: /freshness|hostile|scale-out/, use: { ...devices["Pixel 7"], launchOptions } },
    // Re-seeds the shared server's database, so it runs after everything else.
    { name: "freshness", testMatch: /freshness/, dependencies: ["desktop", "phone"], use: { ...devices["Desktop Chrome"], launchOptions } },
    // Re-seeds with hostile files (and removes them after), so it runs after freshness.
    { name: "hostile", testMatch: /hostile/, dependencies: ["freshness"], use: { ...devices["Desktop Chrome"], launchOptions } },
  ],
  webServer: {
    command: "npx tsx e2e/serve.ts",
    url: `http://localhost:${PORT}/robots.txt`,
    env: { E2E_PORT: String(PORT) },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
  },
});
