import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SEED, TOTAL_ARTICLES, ROLLING_NEWS } from "./helpers";

type JsonFeedItem = {
  id: string;
  url?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  date_published?: string;
  _finews: { companies: string[]; source: string };
};
type JsonFeed = { version: string; title: string; next_url?: string; items: JsonFeedItem[]; [key: string]: unknown };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

async function getJsonFeed(request: APIRequestContext, url: string): Promise<JsonFeed> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/feed\+json/);
  return response.json();
}

/** Checks the JSON Feed 1.1 required fields and the reader's own extension on every item. */
function expectValidJsonFeed(feed: JsonFeed) {
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(typeof feed.title).toBe("string");
  expect(feed.title.length).toBeGreaterThan(0);
  expect(Array.isArray(feed.items)).toBe(true);
  for (const item of feed.items) {
    expect(typeof item.id, JSON.stringify(item).slice(0, 80)).toBe("string");
    expect(item.id.length).toBeGreaterThan(0);
    expect(typeof item.content_html === "string" || typeof item.content_text === "string", item.id).toBe(true);
    expect(item.date_published, item.id).toMatch(RFC3339);
    expect(Number.isNaN(Date.parse(item.date_published!))).toBe(false);
    expect(Array.isArray(item._finews?.companies), item.id).toBe(true);
    for (const company of item._finews.companies) expect(typeof company).toBe("string");
    expect(typeof item._finews.source, item.id).toBe("string");
    expect(item._finews.source.length).toBeGreaterThan(0);
  }
  const times = feed.items.map((i) => Date.parse(i.date_published!));
  expect(times, "newest first").toEqual([...times].sort((a, b) => b - a));
}

/** Parses an Atom document in the browser and returns what the checks need. */
async function parseAtom(page: Page, xml: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const root = doc.documentElement;
    const child = (el: Element, name: string) => Array.from(el.children).find((c) => c.localName === name) ?? null;
    return {
      parseError: doc.getElementsByTagName("parsererror").length > 0,
      rootName: root.localName,
      rootNamespace: root.namespaceURI,
      title: child(root, "title")?.textContent ?? null,
      entries: Array.from(root.children)
        .filter((c) => c.localName === "entry")
        .map((entry) => ({
          id: child(entry, "id")?.textContent ?? null,
          title: child(entry, "title")?.textContent ?? null,
          updated: child(entry, "updated")?.textContent ?? null,
          link: child(entry, "link")?.getAttribute("href") ?? null,
        })),
    };
  }, xml);
}

test.describe("JSON Feed", () => {
  test("the unfiltered feed is valid JSON Feed 1.1, newest first, with _finews on every item", async ({ request }) => {
    const feed = await getJsonFeed(request, "/feed.json");
    expectValidJsonFeed(feed);
    expect(feed.items).toHaveLength(50);
    expect(feed.items[0].id).toMatch(new RegExp(`/articles/${SEED.dateOnly.slug}$`));
    expect(feed.items[0].date_published).toBe("2022-06-27T00:00:00+08:00");
    const seed = feed.items.filter((i) => i.id.endsWith(`/articles/${SEED.meituan.slug}`));
    expect(seed).toHaveLength(1);
    expect(seed[0]).toMatchObject({
      title: SEED.meituan.title,
      date_published: "2021-12-27T17:29:23+08:00",
      _finews: { companies: ["hk03690", "hk01024"], source: "上游新闻" },
    });
    expect(seed[0].content_html).toContain("12月27日，快手与美团宣布达成互联互通战略合作");
  });

  test("next_url pages through every article once, in order", async ({ request, baseURL }) => {
    const pages: JsonFeed[] = [];
    let url: string | undefined = "/feed.json";
    while (url && pages.length < 10) {
      const feed = await getJsonFeed(request, url);
      expectValidJsonFeed(feed);
      pages.push(feed);
      url = feed.next_url;
      if (url) expect(url.startsWith(`${baseURL}/feed.json?`)).toBe(true);
    }
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, TOTAL_ARTICLES - 100]);
    expect(pages.at(-1)!.next_url).toBeUndefined();
    const all = pages.flatMap((p) => p.items);
    expect(new Set(all.map((i) => i.id)).size).toBe(TOTAL_ARTICLES);
    const times = all.map((i) => Date.parse(i.date_published!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.at(-1)!.date_published! < all[0].date_published!).toBe(true);
  });

  test("a filtered feed has only matching items and says what it is", async ({ request }) => {
    const feed = await getJsonFeed(request, "/feed.json?company=hk01024");
    expectValidJsonFeed(feed);
    expect(feed.items).toHaveLength(4);
    for (const item of feed.items) expect(item._finews.companies).toContain("hk01024");
    expect(feed.next_url).toBeUndefined();
    expect(feed.title).toContain("快手");
    expect(feed.feed_url).toMatch(/\/feed\.json\?company=hk01024$/);
    // The secondary listing gives the same items as the primary one.
    const baba = await getJsonFeed(request, "/feed.json?company=usbaba");
    const primary = await getJsonFeed(request, "/feed.json?company=hk09988");
    expect(baba.items.map((i) => i.id)).toEqual(primary.items.map((i) => i.id));
  });

  test("a market feed has the market's items and names it in its title", async ({ request }) => {
    const hk = await getJsonFeed(request, "/feed.json?market=hk");
    expectValidJsonFeed(hk);
    expect(hk.title).toContain("市场：港股");
    expect(hk.feed_url).toMatch(/\/feed\.json\?market=hk$/);
    const kuaishou = await getJsonFeed(request, "/feed.json?market=hk&company=hk01024");
    expect(kuaishou.items).toHaveLength(4);
    // Only those that also name a US-listed company (阿里巴巴 is usbaba too).
    for (const item of (await getJsonFeed(request, "/feed.json?market=us&company=hk01024")).items)
      expect(item._finews.companies.some((id) => id.startsWith("us") || id === "hk09988")).toBe(true);
    const aShares = await getJsonFeed(request, "/feed.json?market=sz,sh");
    expect(aShares.title).toContain("市场：A股");
    expect(aShares.feed_url).toMatch(/\/feed\.json\?market=sh,sz$/);
    const atom = await request.get("/feed.xml?market=sh,sz");
    expect(atom.status()).toBe(200);
    expect(await atom.text()).toContain("市场：A股");
  });

  test("next_url of a filtered feed keeps the filter", async ({ request }) => {
    const source = "东财滚动";
    const first = await getJsonFeed(request, `/feed.json?source=${encodeURIComponent(source)}`);
    expect(first.items).toHaveLength(50);
    expect(new URL(first.next_url!).searchParams.get("source")).toBe(source);
    const second = await getJsonFeed(request, first.next_url!);
    expectValidJsonFeed(second);
    expect(second.items).toHaveLength(ROLLING_NEWS - 50);
    expect(second.next_url).toBeUndefined();
    for (const item of [...first.items, ...second.items]) expect(item._finews.source).toBe(source);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(ROLLING_NEWS);
  });

  test("a feed whose filters cannot match is empty and says why, never the whole site", async ({ request }) => {
    const feed = await getJsonFeed(request, `/feed.json?company=${encodeURIComponent("bad!")}&from=2022-13-40`);
    expectValidJsonFeed(feed);
    expect(feed.items).toHaveLength(0);
    expect(JSON.stringify(feed._finews)).toContain("from");
    const unknown = await getJsonFeed(request, "/feed.json?company=hk00700,hk99999");
    expect(unknown.items.every((item: { _finews: { companies: string[] } }) => item._finews.companies.includes("hk00700"))).toBe(true);
    expect((await getJsonFeed(request, "/feed.json?company=hk99999")).items).toHaveLength(0);
    const xml = await request.get("/feed.xml?before=garbage");
    expect(xml.status()).toBe(200);
  });
});

test.describe("Atom feed", () => {
  for (const query of ["", "?company=hk01024", `?source=${encodeURIComponent("东财滚动")}&to=2021-12-08`]) {
    test(`/feed.xml${query} is Atom with the same entries as /feed.json${query}`, async ({ request, page }) => {
      const response = await request.get(`/feed.xml${query}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
      const atom = await parseAtom(page, await response.text());
      expect(atom.parseError).toBe(false);
      expect(atom.rootName).toBe("feed");
      expect(atom.rootNamespace).toBe("http://www.w3.org/2005/Atom");
      expect(atom.title).toBeTruthy();

      const json = await getJsonFeed(request, `/feed.json${query}`);
      expect(atom.entries.length).toBeGreaterThan(0);
      expect(atom.entries).toHaveLength(json.items.length);
      expect(atom.entries.map((e) => e.id)).toEqual(json.items.map((i) => i.id));
      for (const [index, entry] of atom.entries.entries()) {
        expect(entry.id).toBeTruthy();
        expect(entry.title).toBe(json.items[index].title);
        expect(entry.updated).toMatch(RFC3339);
        expect(entry.link).toBe(json.items[index].url);
      }
    });
  }
});

test("a filtered page advertises feeds with the same filters", async ({ page }) => {
  await page.goto("/?company=hk01024");
  const atom = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
  const json = page.locator('head link[rel="alternate"][type="application/feed+json"]');
  await expect(atom).toHaveCount(1);
  await expect(json).toHaveCount(1);
  await expect(atom).toHaveAttribute("href", /\/feed\.xml\?company=hk01024$/);
  await expect(json).toHaveAttribute("href", /\/feed\.json\?company=hk01024$/);
  // The advertised feed is the filtered one.
  const feed = await (await page.request.get((await json.getAttribute("href"))!)).json();
  expect(feed.items).toHaveLength(4);

  await page.goto("/");
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("href", /\/feed\.xml$/);
});

// A company page's feeds carry its company as well as the reader's filters.
test("a company page advertises that company's feeds", async ({ page }) => {
  await page.goto("/companies/hk01024");
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    "href",
    /\/feed\.xml\?company=hk01024$/,
  );
  await expect(page.locator('head link[rel="alternate"][type="application/feed+json"]')).toHaveAttribute(
    "href",
    /\/feed\.json\?company=hk01024$/,
  );
  await page.goto("/companies/hk01024?from=2021-12-01");
  await expect(page.locator('head link[rel="alternate"][type="application/feed+json"]')).toHaveAttribute(
    "href",
    /\/feed\.json\?company=hk01024&from=2021-12-01$/,
  );
});

test("a source page advertises that source's feeds", async ({ page }) => {
  const source = encodeURIComponent("上游新闻");
  await page.goto(`/sources/${source}`);
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    "href",
    new RegExp(`/feed\\.xml\\?source=${source}$`),
  );
  await expect(page.locator('head link[rel="alternate"][type="application/feed+json"]')).toHaveAttribute(
    "href",
    new RegExp(`/feed\\.json\\?source=${source}$`),
  );
});

test("sitemap.xml is an index of files that list articles and companies; robots.txt points at it", async ({ request, baseURL }) => {
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  const index = await sitemap.text();
  expect(index).toContain("<sitemapindex");
  const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  expect(files).toEqual(["/sitemaps/pages.xml", "/sitemaps/articles-0.xml"]);
  const xml = (await Promise.all(files.map(async (file) => (await request.get(file)).text()))).join("\n");
  expect(xml).toContain("<urlset");
  expect(xml).toContain(`${baseURL}/articles/${SEED.meituan.slug}</loc>`);
  expect(xml).toContain(`${baseURL}/companies/hk01024</loc>`);
  expect(xml).toContain(`${baseURL}/?market=sh,sz</loc>`);
  expect(xml.match(/<loc>[^<]*\/articles\//g)).toHaveLength(TOTAL_ARTICLES);
  expect((await request.get("/sitemaps/articles-1.xml")).status()).toBe(404);

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(new RegExp(`^Sitemap: ${baseURL}/sitemap\\.xml$`, "m"));
});
