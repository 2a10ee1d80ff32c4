// Two instances on one PostgreSQL database behind nginx (cluster.ts): the
// reader works through the load balancer, both instances serve the same
// pages, a db:setup reaches both without a restart, and stopping one loses no
// request. Runs in order (workers: 1); the last test stops an instance.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SEED, TOTAL_ARTICLES, entries, entryTitles, resultCount } from "../helpers";
import { readCluster } from "./cluster-info";

const cluster = readCluster();

test.beforeAll(async ({ request }) => {
  // nginx answers as soon as one instance does: wait for both.
  for (const instance of cluster.instances) {
    await expect
      .poll(async () => (await request.get(`${instance.url}/robots.txt`).catch(() => null))?.status(), { timeout: 90_000 })
      .toBe(200);
  }
});

test("the timeline, a company filter, an article, a search and a feed work through nginx", async ({ page, request }) => {
  await page.goto("/");
  await expect(resultCount(page)).toContainText(String(TOTAL_ARTICLES));
  await expect(entries(page)).toHaveCount(20);

  await page.goto("/?company=hk01024");
  expect(await entryTitles(page)).toContain(SEED.meituan.title);

  await page.goto(`/articles/${SEED.meituan.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED.meituan.title);

  await page.goto(`/?q=${encodeURIComponent("快手 美团")}`);
  await expect(page.locator("main [data-entry] mark").first()).toBeVisible();
  expect(await entryTitles(page)).toContain(SEED.meituan.title);

  const feed = await (await request.get("/feed.json?company=hk01024")).json();
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(feed.items.map((i: { title: string }) => i.title)).toContain(SEED.meituan.title);
  expect(feed.items[0]._finews.companies.length).toBeGreaterThan(0);
});

test("both instances serve identical pages and feeds", async ({ request }) => {
  const paths = [
    "/feed.json",
    "/feed.xml?company=hk01024",
    `/feed.json?q=${encodeURIComponent("快手")}&from=2021-12-01&to=2022-06-30`,
    "/sitemap.xml",
    `/articles/${SEED.gome.slug}`,
    "/?company=hk01024,hk00700",
    "/companies/hk01024",
  ];
  for (const p of paths) {
    const [a, b] = await Promise.all(cluster.instances.map(async (i) => (await request.get(`${i.url}${p}`)).text()));
    expect(a.length, p).toBeGreaterThan(200);
    // A boolean, not toBe: a failure would print two whole pages.
    expect(a === b, `${p} differs between the instances (${a.length} vs ${b.length} characters)`).toBe(true);
  }
});

test("a db:setup shows on both instances without a restart", async ({ request }) => {
  const title = "扩容测试：快手在两台实例上同时可见";
  writeFileSync(
    path.join(cluster.contentDir, "zz-scale-out.md"),
    `---\nlayout: post\ntitle: "${title}"\ndate: 2022-07-02 09:00:00 +0800\ntags: 测试新闻\n---\n<p>快手发布新功能。</p>\n`,
  );
  const started = Date.now();
  execFileSync(process.execPath, ["--import", "tsx", "prisma/setup.ts"], {
    env: { ...process.env, DATABASE_URL: cluster.databaseUrl, CONTENT_DIR: cluster.contentDir },
    stdio: "pipe",
  });
  const seeded = Date.now();
  for (const instance of cluster.instances) {
    // The contract is 2 s; the bench measures it. Here: it arrives without a restart.
    await expect
      .poll(
        async () => ((await (await request.get(`${instance.url}/feed.json`)).json()) as { items: { title: string }[] }).items[0]?.title,
        {
          timeout: 10_000,
          intervals: [100],
        },
      )
      .toBe(title);
  }
  test.info().annotations.push({
    type: "visible on both",
    description: `${Date.now() - seeded} ms after db:setup finished (${seeded - started} ms seed)`,
  });
});

test("stopping one instance loses no request nginx can retry on the other", async ({ request }) => {
  const paths = ["/", "/feed.json", `/articles/${SEED.meituan.slug}`, "/?company=hk01024", "/companies"];
  const burst = (n: number) =>
    Promise.all(Array.from({ length: n }, (_, i) => request.get(paths[i % paths.length]).then((r) => r.status())));
  const during = burst(60);
  process.kill(cluster.instances[0].pid, "SIGTERM");
  const statuses = [...(await during), ...(await burst(40))];
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
});
