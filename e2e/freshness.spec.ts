// Runs last (project "freshness"): it changes the shared fixture content and
// re-seeds the database the running server reads, as `npm run db:setup` would.
// Contract: a change is visible on the site within 2 s of db:setup finishing,
// without a rebuild or restart.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import * as cheerio from "cheerio/slim";
import { FIXTURE_CONTENT, fixtureEnv } from "./fixture";
import { TOTAL_ARTICLES, abortRemote } from "./helpers";

const FILE = path.join(FIXTURE_CONTENT, "zz-fresh-article.md");
const SLUG = "zz-fresh-article";
const TITLE = "测试新文章：快手发布新功能";
const CHANGED_TITLE = "测试新文章：快手发布新功能（更正版）";

function article(title: string): string {
  return [
    "---",
    "layout: post",
    `title: "${title}"`,
    "date: 2022-07-01 09:00:00 +0800",
    "categories: ceshi",
    "tags: 测试新闻",
    "---",
    "<p>7月1日，快手宣布发布新功能，用于端到端测试。</p><p>这是一篇只在测试中出现的文章。</p>",
    "",
  ].join("\n");
}

function seed() {
  try {
    execFileSync(process.execPath, ["--import", "tsx", "prisma/setup.ts"], {
      env: { ...process.env, ...fixtureEnv },
      stdio: "pipe",
      timeout: 60_000,
    });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`db:setup failed:\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`);
  }
}

/**
 * Polls `probe` every 100 ms until it returns `expected`, for at most 2 s; on
 * failure shows the last value seen. Probes use plain HTTP requests: loading
 * three pages in the browser took over a second a round on a busy CI machine,
 * so the last round finished before the 2 s were up was too early to count.
 */
async function expectWithin2s(what: string, probe: () => Promise<unknown>, expected: unknown) {
  let last: unknown;
  try {
    await expect.poll(async () => (last = await probe()), { timeout: 2_000, intervals: [100] }).toEqual(expected);
  } catch (error) {
    expect(last, `${what}: 2 s after db:setup finished`).toEqual(expected);
    throw error;
  }
}

/** A page's status and HTML, as a browser gets them. */
async function fetchPage(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  return { status: response.status(), $: cheerio.load(await response.text()) };
}

async function firstTimelineTitle(request: APIRequestContext, url: string): Promise<string> {
  const { $ } = await fetchPage(request, url);
  return $("main [data-entry] [data-entry-link]").first().text();
}

async function firstFeedTitle(request: APIRequestContext): Promise<string> {
  const feed = await (await request.get("/feed.json")).json();
  return feed.items[0]?.title;
}

test.describe.configure({ mode: "serial" });

test.afterAll(() => {
  if (existsSync(FILE)) {
    rmSync(FILE);
    seed();
  }
});

test("a new, changed and deleted article shows up within 2 s of db:setup", async ({ page, request }) => {
  test.setTimeout(120_000);
  await abortRemote(page);
  expect(existsSync(FILE)).toBe(false);
  // The server is up and warm before the content changes (as in production).
  expect(await firstTimelineTitle(request, "/")).not.toBe(TITLE);
  expect(await firstFeedTitle(request)).not.toBe(TITLE);
  expect(await firstTimelineTitle(request, "/companies/hk01024")).not.toBe(TITLE);
  expect((await request.get(`/articles/${SLUG}`)).status()).toBe(404);
  await page.goto("/");
  await page.getByRole("link", { name: "较旧 →" }).click();
  await expect(page.getByTestId("result-count")).toHaveText(`第 21–40 篇，共 ${TOTAL_ARTICLES} 篇`);
  const secondPage = page.url();
  const secondPageTitles = await page.locator("main [data-entry] [data-entry-link]").allTextContents();

  // New article: newest on the timeline, first in the feed, on the company page.
  writeFileSync(FILE, article(TITLE));
  seed();
  await expectWithin2s(
    "new article",
    async () => ({
      home: await firstTimelineTitle(request, "/"),
      feed: await firstFeedTitle(request),
      company: await firstTimelineTitle(request, "/companies/hk01024"),
    }),
    { home: TITLE, feed: TITLE, company: TITLE },
  );
  await page.goto("/companies/hk01024");
  await expect(page.getByTestId("result-count")).toHaveText("第 1–5 篇，共 5 篇");
  await page.goto("/");
  await expect(page.getByTestId("result-count")).toHaveText(`第 1–20 篇，共 ${TOTAL_ARTICLES + 1} 篇`);
  // A page reached with a cursor keeps its entries when a newer article arrives; only its position moves.
  await page.goto(secondPage);
  expect(await page.locator("main [data-entry] [data-entry-link]").allTextContents()).toEqual(secondPageTitles);
  await expect(page.getByTestId("result-count")).toHaveText(`第 22–41 篇，共 ${TOTAL_ARTICLES + 1} 篇`);
  await expect
    .poll(async () => (await request.get("/sitemaps/articles-0.xml")).text(), { timeout: 2000 })
    .toContain(`/articles/${SLUG}</loc>`);
  await page.goto(`/articles/${SLUG}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.locator("main article > header time")).toHaveText("2022年7月1日 09:00");
  await expect(page.locator(".article-body")).toContainText("7月1日，快手宣布发布新功能");

  // Changed title: same URL, new title everywhere.
  writeFileSync(FILE, article(CHANGED_TITLE));
  seed();
  await expectWithin2s(
    "changed title",
    async () => {
      const { status, $ } = await fetchPage(request, `/articles/${SLUG}`);
      return {
        status,
        heading: $("h1").text(),
        home: await firstTimelineTitle(request, "/"),
        feed: await firstFeedTitle(request),
      };
    },
    { status: 200, heading: CHANGED_TITLE, home: CHANGED_TITLE, feed: CHANGED_TITLE },
  );

  // Deleted: the article is gone and the timeline is back to the fixture content.
  rmSync(FILE);
  seed();
  await expectWithin2s(
    "deleted article",
    async () => {
      const { $ } = await fetchPage(request, "/");
      return {
        status: (await request.get(`/articles/${SLUG}`)).status(),
        feed: await firstFeedTitle(request),
        count: $('[data-testid="result-count"]').text(),
      };
    },
    { status: 404, feed: expect.not.stringContaining("测试新文章"), count: `第 1–20 篇，共 ${TOTAL_ARTICLES} 篇` },
  );
  await page.goto("/");
  await expect(page.getByText("测试新文章")).toHaveCount(0);
  await page.goto(`/articles/${SLUG}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
});
