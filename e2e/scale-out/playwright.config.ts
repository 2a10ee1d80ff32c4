import { defineConfig, devices } from "@playwright/test";
import { launchOptions } from "../browser";
import { NGINX_PORT } from "./cluster-info";

// Scale-out: two instances on PostgreSQL behind nginx (cluster.ts).
//   TEST_POSTGRES_URL=postgresql://… npx playwright test -c e2e/scale-out
// .ci/run starts PostgreSQL and runs it after the normal suite.

export default defineConfig({
  testDir: ".",
  outputDir: "../.artifacts/scale-out-results",
  timeout: 60_000,
  expect: { timeout: 5_000 },
  // One cluster, and the last spec stops an instance: run in order.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${NGINX_PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    ...devices["Desktop Chrome"],
    launchOptions,
  },
  webServer: {
    command: "node --import tsx e2e/scale-out/cluster.ts",
    cwd: "../..",
    url: `http://127.0.0.1:${NGINX_PORT}/robots.txt`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM (not the default SIGKILL): cluster.ts stops the instances and nginx and drops its database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
  },
});
