// Hostile content against the running server (project "hostile", after every
// other spec: it re-seeds the shared database, and removes what it added when
// done). Titles and bodies that broke the Atom feed or injected into it, text
// with control characters, the largest article the limits allow searched
// many ways at once, and files the loader must refuse or skip. Counts every
// probe and asserts: malformed feeds 0, 5xx 0, server still up.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import * as cheerio from "cheerio/slim";
import he from "he";
import { SaxesParser } from "saxes";
import { ARTIFACTS, FIXTURE_CONTENT, fixtureEnv } from "./fixture";

test.describe.configure({ mode: "serial" });

const YEAR = "2015"; // no other spec looks at 2015, and everything here is removed afterwards
const post = (title: string, body: string, date = `${YEAR}-03-01 09:00:00 +0800`) =>
  `---\nlayout: post\ntitle: ${JSON.stringify(title)}\ndate: ${date}\ntags: 测试网新闻\n---\n${body}\n`;

/** Loaded: each title must come back, as text, from every feed. */
const LOADED: Record<string, { title: string; expected: string; body: string }> = {
  "zz-hostile-cdata.md": { title: "双重]]>结束]]>标记]]>", expected: "双重]]>结束]]>标记]]>", body: "<p>正文]]>里]]>也有</p>" },
  "zz-hostile-inject.md": {
    title: "]]></title></entry><entry><id>https://evil.example/</id><title>注入",
    expected: "]]></title></entry><entry><id>https://evil.example/</id><title>注入",
    body: "<p>注入测试</p>",
  },
  "zz-hostile-control.md": {
    title: "控制\u0001字符\u0008标题",
    expected: "控制字符标题",
    body: "<p>正\u0001文&#1;甲&#xFFFF;乙\u000c丙</p>",
  },
  "zz-hostile-glossary.md": {
    title: "术语链接里的转义文字",
    expected: "术语链接里的转义文字",
    body: '<p>券商<a class="infokey" href="http://data.eastmoney.com/x">&lt;a href="https://evil.example/"&gt;点我&lt;/a&gt;</a>业务，<a href="javascript:alert(1)">无效链接</a>。</p>',
  },
};
/** The largest article the limits allow, searchable a thousand ways: 词0 … 词999. */
const BIG = "zz-hostile-big.md";
const BIG_TITLE = `最大文章${"长".repeat(196)}`;
const bigBody = () => {
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.join("").length < 95_000; i++) paragraphs.push(`<p>词${i % 1000} ${"正文内容".repeat(22)}</p>`);
  return paragraphs.join("\n");
};
/** Refused with a message naming the file and the limit; the server never sees them. */
const REJECTED: Record<string, { text: string | Buffer; reason: RegExp }> = {
  "zz-hostile-oversize.md": {
    text: post("超大文件", `<p>${"大".repeat(800_000)}</p>`),
    reason: /file is [\d,]+ bytes, over the limit of 1,048,576 \(1 MiB\)/,
  },
  "zz-hostile-long-title.md": { text: post("标".repeat(201), "<p>正文</p>"), reason: /title is 201 characters, over the limit of 200/ },
  "zz-hostile-1900.md": { text: post("旧日期", "<p>正文</p>", "1900-01-01"), reason: /before 1990-01-01/ },
  "zz-hostile-2999.md": { text: post("未来日期", "<p>正文</p>", "2999-01-01"), reason: /more than a day after this load/ },
  "zz-hostile-offset.md": { text: post("时区", "<p>正文</p>", `${YEAR}-03-01 09:00:00 +9999`), reason: /invalid date/ },
};
const SKIPPED: Record<string, RegExp> = {
  "zz-hostile-pipe.md": /a named pipe \(FIFO\), not a file: not opened/,
  "zz-hostile-dangling.md": /a link to nothing/,
  "zz-hostile-outside.md": /outside CONTENT_DIR: not published/,
  "zz-hostile-folder.md": /a folder, not a file/,
};
const OUTSIDE = path.join(ARTIFACTS, "outside-secret.md");

const probes = { sent: 0, malformedFeeds: 0, serverErrors: 0 };

function seed(): string {
  try {
    return execFileSync(process.execPath, ["--import", "tsx", "prisma/setup.ts"], {
      env: { ...process.env, ...fixtureEnv },
      encoding: "utf8",
      timeout: 120_000,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`db:setup failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

function removeHostileFiles() {
  for (const name of [...Object.keys(LOADED), BIG, ...Object.keys(REJECTED), ...Object.keys(SKIPPED)]) {
    rmSync(path.join(FIXTURE_CONTENT, name), { recursive: true, force: true });
  }
  rmSync(OUTSIDE, { force: true });
}

/** One GET, counted; a 5xx is counted too. */
async function probe(request: APIRequestContext, url: string) {
  probes.sent++;
  const response = await request.get(url);
  if (response.status() >= 500) probes.serverErrors++;
  return response;
}

type XmlElement = { name: string; attributes: Record<string, string>; text: string; children: XmlElement[] };

/** Strict XML 1.0 (saxes): null when the document is not well-formed. */
function parseXml(xml: string): XmlElement | null {
  const parser = new SaxesParser();
  const root: XmlElement = { name: "#document", attributes: {}, text: "", children: [] };
  const open = [root];
  let wellFormed = true;
  parser.on("error", () => void (wellFormed = false));
  parser.on("opentag", (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: "", children: [] };
    open.at(-1)!.children.push(element);
    open.push(element);
  });
  parser.on("closetag", () => void open.pop());
  parser.on("text", (text) => void (open.at(-1)!.text += text));
  parser.on("cdata", (text) => void (open.at(-1)!.text += text));
  try {
    parser.write(xml).close();
  } catch {
    wellFormed = false;
  }
  return wellFormed ? root.children[0] : null;
}

/** An Atom feed's entry titles as a reader shows them (type="html", decoded), or null when malformed. */
async function atomTitles(request: APIRequestContext, url: string): Promise<string[] | null> {
  const response = await probe(request, url);
  const feed = parseXml(await response.text());
  if (!feed || feed.name !== "feed") {
    probes.malformedFeeds++;
    return null;
  }
  return feed.children
    .filter((c) => c.name === "entry")
    .map((entry) => he.decode(entry.children.find((c) => c.name === "title")?.text ?? ""));
}

async function jsonTitles(request: APIRequestContext, url: string): Promise<string[] | null> {
  const response = await probe(request, url);
  try {
    return (JSON.parse(await response.text()) as { items: { title: string }[] }).items.map((i) => i.title);
  } catch {
    probes.malformedFeeds++;
    return null;
  }
}

let setupOutput = "";

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  removeHostileFiles();
  for (const [name, { title, body }] of Object.entries(LOADED)) writeFileSync(path.join(FIXTURE_CONTENT, name), post(title, body));
  writeFileSync(path.join(FIXTURE_CONTENT, BIG), post(BIG_TITLE, bigBody()));
  for (const [name, { text }] of Object.entries(REJECTED)) writeFileSync(path.join(FIXTURE_CONTENT, name), text);
  execFileSync("mkfifo", [path.join(FIXTURE_CONTENT, "zz-hostile-pipe.md")]);
  symlinkSync(path.join(FIXTURE_CONTENT, "no-such-file.md"), path.join(FIXTURE_CONTENT, "zz-hostile-dangling.md"));
  writeFileSync(OUTSIDE, post("不应发布的外部文件", "<p>外部</p>"));
  symlinkSync(OUTSIDE, path.join(FIXTURE_CONTENT, "zz-hostile-outside.md"));
  mkdirSync(path.join(FIXTURE_CONTENT, "zz-hostile-folder.md"));
  setupOutput = seed();
  // The server picks the new content version up within about a second.
  await expect
    .poll(async () => (await jsonTitles(request, `/feed.json?from=${YEAR}-01-01&to=${YEAR}-12-31`))?.length, { timeout: 10_000 })
    .toBe(5);
});

test.afterAll(() => {
  removeHostileFiles();
  seed();
});

test("db:setup names every refused or skipped file with the reason and loads the rest", () => {
  const lines = setupOutput.split("\n");
  for (const [name, { reason }] of Object.entries(REJECTED)) {
    const line = lines.find((l) => l.startsWith(`rejected ${name}: `));
    expect(line, name).toMatch(reason);
  }
  for (const [name, reason] of Object.entries(SKIPPED)) {
    const line = lines.find((l) => l.startsWith(`skipped ${name}: `));
    expect(line, name).toMatch(reason);
  }
  expect(setupOutput).toMatch(/ 5 loaded, .* 4 skipped, /);
});

test("feeds stay well-formed for hostile titles, bodies and queries, and every title reads back as text", async ({ request }) => {
  const range = `from=${YEAR}-01-01&to=${YEAR}-12-31`;
  const expected = [...Object.values(LOADED).map((p) => p.expected), BIG_TITLE].sort();
  expect((await atomTitles(request, `/feed.xml?${range}`))?.sort()).toEqual(expected);
  expect((await jsonTitles(request, `/feed.json?${range}`))?.sort()).toEqual(expected);
  // A query lands in the feed's own title and id: hostile queries too.
  const queries = ["]]>]]>", "\u0001\u0002", "</title><entry>", "&amp;&lt;", "\ud800", "\uffff", "注入", "词7"];
  for (const q of queries) {
    const query = `${range}&q=${encodeURIComponent(q.toWellFormed())}`;
    expect(await atomTitles(request, `/feed.xml?${query}`), q).not.toBeNull();
    expect(await jsonTitles(request, `/feed.json?${query}`), q).not.toBeNull();
  }
  for (const url of ["/feed.xml", "/feed.json", "/feed.xml?source=%E6%B5%8B%E8%AF%95%E7%BD%91"]) {
    const titles = url.includes(".xml") ? await atomTitles(request, url) : await jsonTitles(request, url);
    expect(titles, url).not.toBeNull();
  }
  expect(probes.malformedFeeds).toBe(0);
});

test("hostile articles render as text: no injected element, no off-site link from escaped glossary text", async ({ request }) => {
  for (const name of [...Object.keys(LOADED), BIG]) {
    const response = await probe(request, `/articles/${name.replace(/\.md$/, "")}`);
    expect(response.status(), name).toBe(200);
    const $ = cheerio.load(await response.text());
    expect($("entry").length, name).toBe(0);
    expect($('a[href*="evil.example"], a[href^="javascript"]').length, name).toBe(0);
  }
  const $ = cheerio.load(await (await probe(request, "/articles/zz-hostile-glossary")).text());
  expect($(".article-body").text()).toBe('券商<a href="https://evil.example/">点我</a>业务，无效链接。');
  expect($("h1").text()).toBe("术语链接里的转义文字");
  const inject = cheerio.load(await (await probe(request, "/articles/zz-hostile-inject")).text());
  expect(inject("h1").text()).toBe(LOADED["zz-hostile-inject.md"].expected);
});

test("the largest allowed article, searched many different ways at once: no 5xx, the server stays up", async ({ request }) => {
  test.setTimeout(240_000);
  const urls: string[] = [];
  for (let i = 0; i < 48; i++) {
    const q = encodeURIComponent(`词${i * 17}`);
    urls.push(`/?q=${q}`, `/feed.json?q=${q}`, `/articles/zz-hostile-big?q=${q}`);
  }
  // Four at a time, each a different query (a different cache key: a fresh render).
  for (let i = 0; i < urls.length; i += 4) {
    const responses = await Promise.all(urls.slice(i, i + 4).map((url) => probe(request, url)));
    for (const response of responses) expect(response.status(), response.url()).toBe(200);
  }
  expect((await probe(request, "/robots.txt")).status()).toBe(200);
});

test("totals: every probe answered, no malformed feed, no 5xx, the server never exited", async ({ request }) => {
  expect((await probe(request, "/")).status()).toBe(200);
  console.log(
    `hostile content: ${probes.sent} probes sent; malformed feeds ${probes.malformedFeeds}, 5xx ${probes.serverErrors}, server exits 0 (still answering)`,
  );
  expect(probes).toMatchObject({ malformedFeeds: 0, serverErrors: 0 });
});
