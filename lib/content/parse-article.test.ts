import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { parseArticle, slugFromFileName, UNKNOWN_SOURCE, withoutOutletCredit, type ParsedArticle } from "./parse-article";
import { extractStockCharts } from "./stock-charts";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const contentDir = path.join(projectRoot, "content");
const fixturesDir = fileURLToPath(new URL("./__fixtures__", import.meta.url));

/** A seed file from content/ by its number prefix ("000" → 000_95f9d62ec1413bad.txt). */
function seed(prefix: string): { fileName: string; bytes: Buffer } {
  const fileName = readdirSync(contentDir).find((name) => name.startsWith(`${prefix}_`));
  if (!fileName) throw new Error(`no seed ${prefix}_* in ${contentDir}`);
  return { fileName, bytes: readFileSync(path.join(contentDir, fileName)) };
}

function fixture(name: string): Buffer {
  return readFileSync(path.join(fixturesDir, name));
}

/** Parses and fails the test with the rejection reason when the file is rejected. */
function parseOk(fileName: string, bytes: Uint8Array | string): ParsedArticle {
  const result = parseArticle(fileName, typeof bytes === "string" ? Buffer.from(bytes) : bytes);
  if (!result.ok) throw new Error(`${fileName} was rejected: ${result.reason}`);
  return result.article;
}

function parseSeed(prefix: string): ParsedArticle {
  const { fileName, bytes } = seed(prefix);
  return parseOk(fileName, bytes);
}

function rejection(bytes: Uint8Array | string, fileName = "test.md"): string {
  const result = parseArticle(fileName, typeof bytes === "string" ? Buffer.from(bytes) : bytes);
  if (result.ok) throw new Error(`${fileName} was accepted (title ${JSON.stringify(result.article.title)})`);
  return result.reason;
}

/** A Jekyll post like the corpus ones. */
function post({ title = '"标题"', date = "2022-01-02 10:00:00 +0800", tags = "测试网新闻", body = "<p>正文</p>" } = {}): string {
  return `---\nlayout: post\ntitle: ${title}\ndate: ${date}\ncategories: test\ntags: ${tags}\n---\n${body}\n`;
}

const SEED_PREFIXES = ["000", "001", "002", "003", "004"];
const KLINE = "https://webquoteklinepic.eastmoney.com/GetPic.aspx";
const TOKEN = "imageType=k&token=28dfeb41d35cc81d84b4664d7c23c49f&at=1";

describe("parseArticle on the seeds", () => {
  it("000: 快手 × 美团, two charts", () => {
    const a = parseSeed("000");
    expect(a.slug).toBe("NW202112272227360312");
    expect(a.fileName).toBe(seed("000").fileName);
    expect(a.title).toBe("快手战略合作美团：互联互通共创高品质本地生活“新样态”");
    expect(a.publishedAt.toISOString()).toBe("2021-12-27T09:29:23.000Z");
    expect(a.hasTime).toBe(true);
    expect(a.source).toBe("上游新闻");
    expect(a.originalUrl).toContain("infoCode=NW202112272227360312");
    expect(a.originalUrl).toMatch(/^https:\/\//);
    expect(a.charts).toEqual([
      {
        listingId: "hk03690",
        code: "03690",
        market: "116",
        imageUrl: `${KLINE}?nid=116.03690&${TOKEN}`,
        quoteUrl: "https://quote.eastmoney.com/unify/r/116.03690",
      },
      {
        listingId: "hk01024",
        code: "01024",
        market: "116",
        imageUrl: `${KLINE}?nid=116.01024&${TOKEN}`,
        quoteUrl: "https://quote.eastmoney.com/unify/r/116.01024",
      },
    ]);
    expect(a.plainText.startsWith("12月27日，快手与美团宣布达成互联互通战略合作。")).toBe(true);
    expect(a.plainText).toContain("业内人士分析，双方的互联互通");
    // The article's own photo stays (https, lazy); the chart images do not.
    expect(a.bodyHtml).toContain('src="https://dfscdn.dfcfw.com/download/D25732713412239323644.jpg"');
    expect(a.bodyHtml).not.toContain("webquoteklinepic");
  });

  it("001: 中国经营网, one chart", () => {
    const a = parseSeed("001");
    expect(a.slug).toBe("NW202205202386756268");
    expect(a.title).toBe("定位“新市井电商”平台 快手如何突围？");
    expect(a.publishedAt.toISOString()).toBe("2022-05-20T10:19:53.000Z");
    expect(a.hasTime).toBe(true);
    expect(a.source).toBe("中国经营网");
    expect(a.originalUrl).toBe("https://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205202386756268");
    expect(a.charts.map((c) => c.listingId)).toEqual(["hk01024"]);
    expect(a.plainText.startsWith("近日，快手电商在北京举办2022“引力大会”")).toBe(true);
    expect(a.bodyHtml).toContain("<strong>快手推出快品牌</strong>");
  });

  it("002: Markdown post without infoCode, date only, no charts", () => {
    const a = parseSeed("002");
    expect(a.slug).toBe("002_7a805ac37c551664");
    expect(a.title).toBe("快赞百城走进临沂，百位当红主播齐聚电商之都，探索“快品牌”的新增量");
    expect(a.publishedAt.toISOString()).toBe("2022-06-26T16:00:00.000Z");
    expect(a.hasTime).toBe(false);
    expect(a.source).toBe("娱乐资本论");
    expect(a.originalUrl).toBeNull();
    expect(a.charts).toEqual([]);
    expect(a.plainText.startsWith("6月26日，临沂市政府与北京快手科技有限公司战略合作协议签约")).toBe(true);
    const $ = cheerio.load(a.bodyHtml, null, false);
    const images = $("img");
    expect(images.length).toBe(3);
    images.each((_, img) => {
      expect($(img).attr("loading")).toBe("lazy");
      expect($(img).attr("src")).toMatch(/^https:\/\/static\.ylzbl\.com\//);
      // "![Image](…)" carries no real description.
      expect($(img).attr("alt")).toBe("");
    });
  });

  it("003: 国美 × 腾讯, chart for 国美零售", () => {
    const a = parseSeed("003");
    expect(a.slug).toBe("NW202205062370784575");
    expect(a.title).toBe("国美与腾讯宣布达成战略合作 共同打造数实融合的全零售样板");
    expect(a.publishedAt.toISOString()).toBe("2022-05-06T09:13:17.000Z");
    expect(a.hasTime).toBe(true);
    expect(a.source).toBe("经济网");
    expect(a.charts.map((c) => c.listingId)).toEqual(["hk00493"]);
    expect(a.charts[0].quoteUrl).toBe("https://quote.eastmoney.com/unify/r/116.00493");
    expect(a.plainText.startsWith("国美的“朋友圈”再添重磅伙伴。")).toBe(true);
    // "1+1&gt;2" is text, decoded once.
    expect(a.plainText).toContain("1+1>2");
  });

  it("004: multi-line HTML, one chart", () => {
    const a = parseSeed("004");
    expect(a.slug).toBe("NW202112302231746483");
    expect(a.title).toBe("快手电商发布服务商体系2.0");
    expect(a.publishedAt.toISOString()).toBe("2021-12-30T10:35:35.000Z");
    expect(a.hasTime).toBe(true);
    expect(a.source).toBe("中国新闻网");
    expect(a.charts.map((c) => c.listingId)).toEqual(["hk01024"]);
    expect(a.plainText.startsWith("12月30日，“造风者·2021快手电商服务生态年终峰会”在海口举行。")).toBe(true);
  });

  describe.each(SEED_PREFIXES)("cleaned body of seed %s", (prefix) => {
    const a = parseSeed(prefix);

    it.each(["EM_StockImg", "display:none", "style=", "返回首页", "（文章来源", "NewsShare", "<center", "<span", "<!--", "class="])(
      "has no %j",
      (unwanted) => {
        expect(a.bodyHtml).not.toContain(unwanted);
        expect(a.plainText).not.toContain(unwanted);
      },
    );

    it("gives every link rel=noopener noreferrer nofollow", () => {
      const $ = cheerio.load(a.bodyHtml, null, false);
      $("a").each((_, link) => {
        expect($(link).attr("rel")).toBe("noopener noreferrer nofollow");
      });
    });

    it("has only https images", () => {
      const $ = cheerio.load(a.bodyHtml, null, false);
      $("img").each((_, img) => {
        expect($(img).attr("src")).toMatch(/^https:\/\//);
      });
    });

    it("has an excerpt that starts the plain text, at most 121 characters", () => {
      expect(a.excerpt.length).toBeGreaterThan(0);
      expect(Array.from(a.excerpt).length).toBeLessThanOrEqual(121);
      const flat = a.plainText.replace(/\s+/g, " ");
      expect(flat.startsWith(a.excerpt.replace(/…$/, ""))).toBe(true);
    });

    it("counts words and reading time", () => {
      expect(a.wordCount).toBeGreaterThan(0);
      expect(a.readingMinutes).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(a.readingMinutes)).toBe(true);
    });

    it("has no blank lines or untrimmed lines in the plain text", () => {
      for (const line of a.plainText.split("\n")) {
        expect(line.trim()).toBe(line);
        expect(line).not.toBe("");
      }
    });
  });
});

describe("rejected inputs", () => {
  it("empty file", () => {
    expect(rejection(Buffer.alloc(0))).toMatch(/empty/);
  });

  it("whitespace only", () => {
    expect(rejection(" \n\n\t  \r\n  ")).toMatch(/empty/);
  });

  it("NUL bytes", () => {
    expect(rejection(Buffer.from("---\ntitle: \"a\u0000b\"\n---\n"))).toMatch(/binary/);
  });

  it("invalid UTF-8", () => {
    expect(rejection(Buffer.from([0xff, 0xfe, 0x41]))).toMatch(/UTF-8/);
    const truncated = Buffer.concat([Buffer.from(post()), Buffer.from([0xe5, 0xbf])]);
    expect(rejection(truncated)).toMatch(/UTF-8/);
  });

  it("no front matter and no # title", () => {
    expect(rejection("just some text\n\nmore text")).toMatch(/front matter|title/);
  });

  it("front matter without a title", () => {
    expect(rejection("---\ndate: 2022-01-01 10:00:00 +0800\ntags: X新闻\n---\nbody")).toMatch(/title/);
  });

  it('title ""', () => {
    expect(rejection(post({ title: '""' }))).toMatch(/no title/);
  });

  it("title of whitespace or entity-encoded whitespace", () => {
    expect(rejection(post({ title: '"   "' }))).toMatch(/no title/);
    expect(rejection(post({ title: '"&nbsp;"' }))).toMatch(/no title/);
  });

  it("date with an offset but no date", () => {
    expect(rejection(post({ date: " +0800" }))).toMatch(/date/);
  });

  it("impossible date", () => {
    expect(rejection(post({ date: "2022-02-30 10:00:00" }))).toMatch(/date/);
  });

  it("missing date", () => {
    expect(rejection('---\ntitle: "标题"\ntags: X新闻\n---\nbody')).toMatch(/date/);
  });

  it("unclosed front matter", () => {
    expect(rejection('---\ntitle: "标题"\ndate: 2022-01-01\ntags: X新闻\n<p>body</p>\n')).toMatch(/not closed/);
  });

  it("invalid YAML", () => {
    expect(rejection('---\ntitle: "unterminated\ndate: [2022\n---\nbody')).toMatch(/invalid front matter/);
    expect(rejection("---\ntitle: a: b: c\n  - x\n---\nbody")).toMatch(/invalid front matter/);
  });

  it("no body", () => {
    expect(rejection('---\ntitle: "标题"\ndate: 2022-01-01\ntags: 经济网新闻\n---\n\n')).toMatch(/no body/);
  });

  it("the corpus post with an empty title and a date of only ' +0800'", () => {
    expect(rejection(fixture("broken-empty-title.md"), "-202205262391921712.md")).toMatch(/no title/);
  });

  it("Markdown post without the *source|date|* line", () => {
    expect(rejection("# 标题\n\n正文一段。\n")).toMatch(/source/);
  });

  it("Markdown post with an invalid date in the source line", () => {
    expect(rejection("# 标题\n\n*某报|2022-13-40|*\n\n正文")).toMatch(/date/);
  });

  it("never throws, whatever the bytes", () => {
    const inputs = [Buffer.from("---"), Buffer.from("---\n"), Buffer.from("---\n---\n"), Buffer.from("#"), Buffer.from("# \n"), Buffer.from("---\n- a\n- b\n---\n")];
    for (const bytes of inputs) {
      expect(() => parseArticle("x.md", bytes)).not.toThrow();
      expect(parseArticle("x.md", bytes).ok).toBe(false);
    }
  });
});

describe("limits", () => {
  const NOW = new Date("2026-06-01T00:00:00Z");
  const parseAt = (text: string) => parseArticle("limits.md", Buffer.from(text), { now: NOW });
  const reason = (text: string) => {
    const result = parseAt(text);
    if (result.ok) throw new Error(`accepted (title ${JSON.stringify(result.article.title)})`);
    return result.reason;
  };

  it("rejects a file over 1 MiB before decoding it", () => {
    const bytes = Buffer.concat([Buffer.from(post()), Buffer.alloc(1024 * 1024, "a")]);
    expect(reason(bytes.toString())).toBe(`file is ${bytes.length.toLocaleString("en-US")} bytes, over the limit of 1,048,576 (1 MiB)`);
  });

  it("takes a title of 200 characters and rejects one of 201, counting characters, not UTF-16 units", () => {
    const title = "𠀀".repeat(200);
    expect(parseAt(post({ title: `"${title}"` }))).toMatchObject({ ok: true, article: { title } });
    expect(reason(post({ title: `"${"长".repeat(201)}"` }))).toBe("title is 201 characters, over the limit of 200");
    expect(reason(post({ title: `"${"a".repeat(200_000)}"` }))).toBe("title is 200,000 characters, over the limit of 200");
  });

  it("rejects a body over 100,000 characters of text", () => {
    expect(parseAt(post({ body: `<p>${"字".repeat(99_990)}</p>` })).ok).toBe(true);
    expect(reason(post({ body: `<p>${"字".repeat(100_001)}</p>` }))).toBe("body text is 100,001 characters, over the limit of 100,000");
  });

  it("rejects a body whose HTML is over 1 MiB, and one with over 10,000 tags", () => {
    const image = (i: number) => `<img src="https://img.example/${String(i).padStart(8, "0")}/${"x".repeat(40)}.jpg">`;
    const images = Array.from({ length: 9000 }, (_, i) => image(i)).join("");
    expect(Buffer.byteLength(post({ body: images }))).toBeLessThan(1024 * 1024);
    expect(reason(post({ body: `<p>正文</p>${images}` }))).toMatch(/^body HTML is [\d,]+ bytes, over the limit of 1,048,576 \(1 MiB\)$/);
    expect(reason(post({ body: "<b>".repeat(100_000) + "正文" }))).toMatch(/^body has 100,00\d HTML tags, over the limit of 10,000$/);
  });

  it("loads dates from 1990-01-01 (Beijing) to a day after the load's clock", () => {
    expect(parseAt(post({ date: "1990-01-01" })).ok).toBe(true);
    expect(parseAt(post({ date: "2026-06-01 23:59:59 +0000" })).ok).toBe(true);
    expect(reason(post({ date: "1989-12-31 23:59:59 +0800" }))).toBe('date "1989-12-31 23:59:59 +0800" is before 1990-01-01, the earliest date loaded');
    expect(reason(post({ date: "1900-01-01" }))).toMatch(/^date "1900-01-01" is before 1990-01-01/);
    expect(reason(post({ date: "2026-06-02 00:00:01 +0000" }))).toBe(
      'date "2026-06-02 00:00:01 +0000" is more than a day after this load (2026-06-02T00:00:00.000Z UTC at the latest); it loads once that time has come',
    );
    expect(reason(post({ date: "2999-01-01" }))).toMatch(/^date "2999-01-01" is more than a day after this load/);
    expect(reason(post({ date: "2022-01-01 10:00:00 +9999" }))).toBe('invalid date "2022-01-01 10:00:00 +9999"');
  });

  it("takes the outlet from the next place when a candidate is too long to be a name", () => {
    const article = parseOk("long-tag.md", post({ tags: "长".repeat(61), body: "<p>正文。</p><p>（文章来源：证券时报）</p>" }));
    expect(article.source).toBe("证券时报");
    const none = parseOk("long-footer.md", post({ tags: "长".repeat(61), body: `<p>正文。</p><p>（文章来源：${"很".repeat(100)}）</p>` }));
    expect(none.source).toBe(UNKNOWN_SOURCE);
  });
});

describe("text XML cannot carry", () => {
  it("is removed from the title, source, HTML and text when the file is parsed: raw, as entities or as YAML escapes", () => {
    const a = parseOk(
      "controls.md",
      post({
        // YAML's \x01 escape, an entity and a raw vertical tab in the title; a raw control in the tag.
        title: String.raw`"标\x01题&#2;一` + "\u000b" + `二"`,
        tags: "来\u0001源新闻",
        body: "<p>正\u0001文&#1;甲&#xFFFF;乙\u000c丙</p>",
      }),
    );
    expect(a.title).toBe("标题一二");
    expect(a.source).toBe("来源");
    expect(a.plainText).toBe("正文甲乙丙");
    expect(a.bodyHtml).toBe("<p>正文甲乙丙</p>");
    expect(a.excerpt).toBe("正文甲乙丙");
  });
});

describe("sanitizing", () => {
  const hostileBody = [
    "<script>alert(1)</script>",
    "<p>before <img src=x onerror=alert(1)> and <a href=\"javascript:alert(1)\">x</a></p>",
    '<p><a href="JaVaScRiPt:alert(2)">y</a> <a href="  javascript:alert(3)">z</a></p>',
    '<iframe src="https://evil.example/"></iframe>',
    '<form action="https://evil.example/"><input name="q"><button>go</button></form>',
    '<p style="color:red" onclick="x()">hi</p>',
    '<img src="data:image/png;base64,AAAA">',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
    "<svg><script>alert(4)</script></svg>",
    "<style>body{display:none}</style>",
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
    '<img src="//evil.example/tracker.png">',
    "",
    "[ok](http://example.com/page)",
  ].join("\n");

  const a = parseOk("xss.md", post({ title: '"A&amp;B &lt;b&gt;"', body: hostileBody }));

  it.each(["<script", "onerror", "javascript:", "<iframe", "<form", "<input", "<button", "style=", "onclick", "data:", "<svg", "<object", "<embed", "alert(", "evil.example"])(
    "output has no %j",
    (unwanted) => {
      expect(a.bodyHtml.toLowerCase()).not.toContain(unwanted.toLowerCase());
    },
  );

  it("keeps the harmless text and safe links", () => {
    expect(a.plainText).toContain("hi");
    expect(a.plainText).toContain("before");
    expect(a.bodyHtml).toContain("<p>hi</p>");
    expect(a.bodyHtml).toContain('href="https://example.com/page"');
  });

  it("decodes entities in the title to text", () => {
    expect(a.title).toBe("A&B <b>");
  });

  it("a Markdown javascript: link never becomes a link", () => {
    const md = parseOk("md-xss.md", "# 标题\n\n*某报|2022-01-02|*\n\n[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) <javascript:alert(1)>\n");
    const $ = cheerio.load(md.bodyHtml, null, false);
    $("a").each((_, link) => {
      expect($(link).attr("href") ?? "").not.toMatch(/^\s*javascript:/i);
    });
    expect(md.bodyHtml).not.toMatch(/href="[^"]*javascript:/i);
    expect(md.bodyHtml).not.toContain("<script");
  });
});

describe("line endings and leading blank lines", () => {
  it.each(SEED_PREFIXES)("seed %s parses the same with CRLF line endings", (prefix) => {
    const { fileName, bytes } = seed(prefix);
    const crlf = Buffer.from(bytes.toString("utf8").replace(/\n/g, "\r\n"));
    expect(parseOk(fileName, crlf)).toEqual(parseOk(fileName, bytes));
  });

  it.each(SEED_PREFIXES)("seed %s parses the same with leading blank lines and a BOM", (prefix) => {
    const { fileName, bytes } = seed(prefix);
    expect(parseOk(fileName, Buffer.concat([Buffer.from("\n\n"), bytes]))).toEqual(parseOk(fileName, bytes));
    expect(parseOk(fileName, Buffer.concat([Buffer.from("\uFEFF"), bytes]))).toEqual(parseOk(fileName, bytes));
    expect(parseOk(fileName, Buffer.concat([Buffer.from("\uFEFF\r\n \r\n"), bytes]))).toEqual(parseOk(fileName, bytes));
  });

  it("the corpus post with mixed CRLF/LF lines parses like its LF version", () => {
    const bytes = fixture("crlf-mixed.md");
    expect(bytes.includes("\r\n")).toBe(true);
    const lf = Buffer.from(bytes.toString("utf8").replace(/\r\n/g, "\n"));
    const a = parseOk("2022-01-24-NW202201242259229980.md", bytes);
    expect(a).toEqual(parseOk("2022-01-24-NW202201242259229980.md", lf));
    expect(a.slug).toBe("NW202201242259229980");
    expect(a.bodyHtml).not.toContain("\r");
    expect(a.plainText).not.toContain("\r");
  });

  it("the corpus post starting with a blank line parses like the trimmed version", () => {
    const bytes = fixture("leading-blank-line.md");
    expect(bytes.toString("utf8").startsWith("\n---\n")).toBe(true);
    const trimmed = Buffer.from(bytes.toString("utf8").replace(/^\n/, ""));
    const a = parseOk("2021-12-08-202112082206703990.md", bytes);
    expect(a).toEqual(parseOk("2021-12-08-202112082206703990.md", trimmed));
    expect(a.title).toBe("FF：有充足的现金支持到FF 91完成投产");
    expect(a.source).toBe("东财滚动");
    expect(a.publishedAt.toISOString()).toBe("2021-12-08T02:18:31.000Z");
    expect(a.slug).toBe("2021-12-08-202112082206703990");
    expect(a.originalUrl).toBe("https://stock.eastmoney.com/news/1611,202112082206703990.html");
  });
});

describe("slugFromFileName", () => {
  it("keeps a Latin file name without its extension", () => {
    expect(slugFromFileName("2021-12-08-202112082206672930.md")).toBe("2021-12-08-202112082206672930");
    expect(slugFromFileName("002_7a805ac37c551664.txt")).toBe("002_7a805ac37c551664");
    expect(slugFromFileName("some/dir/2022-01-01-x.md")).toBe("2022-01-01-x");
  });

  it("drops leading and trailing hyphens", () => {
    const slug = slugFromFileName("-202205262391921712.md");
    expect(slug).toBe("202205262391921712");
    expect(slugFromFileName("-2022.md")).not.toMatch(/^-/);
  });

  it("replaces unsafe characters", () => {
    expect(slugFromFileName("a b.c.md")).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(slugFromFileName("快手 2022 新闻.md")).toBe("2022");
  });

  it("gives an all-Chinese name a stable, non-empty, URL-safe slug", () => {
    const first = slugFromFileName("快手新闻.md");
    expect(first).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.length).toBeGreaterThan(0);
    expect(slugFromFileName("快手新闻.md")).toBe(first);
    expect(slugFromFileName("美团新闻.md")).not.toBe(first);
  });
});

describe("every content file", () => {
  const files = readdirSync(contentDir)
    .filter((name) => name !== "companies.yaml" && !name.startsWith(".") && !name.startsWith("_"))
    .sort();

  it("is there", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)("%s parses", (fileName) => {
    const result = parseArticle(fileName, readFileSync(path.join(contentDir, fileName)));
    expect(result.ok ? "ok" : `${fileName}: ${result.reason}`).toBe("ok");
    if (!result.ok) return;
    const a = result.article;
    expect(a.slug).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a.title.length).toBeGreaterThan(0);
    expect(a.source.length).toBeGreaterThan(0);
    expect(Number.isNaN(a.publishedAt.getTime())).toBe(false);
    expect(a.bodyHtml).not.toMatch(/<script|javascript:|\son[a-z]+=|style=/i);
  });

  it("gives every file its own slug", () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const fileName of files) {
      const result = parseArticle(fileName, readFileSync(path.join(contentDir, fileName)));
      if (!result.ok) continue;
      const owner = owners.get(result.article.slug);
      if (owner) clashes.push(`${owner} and ${fileName}: ${result.article.slug}`);
      owners.set(result.article.slug, fileName);
    }
    expect(clashes).toEqual([]);
  });
});

describe("Markdown posts", () => {
  it("reads a tiny handmade post", () => {
    const a = parseOk("tiny.md", "# 标题\n\n*某报|2022-01-02|*\n\n正文 **粗体**");
    expect(a.title).toBe("标题");
    expect(a.source).toBe("某报");
    expect(a.publishedAt.toISOString()).toBe("2022-01-01T16:00:00.000Z");
    expect(a.hasTime).toBe(false);
    expect(a.bodyHtml).toContain("<strong>粗体</strong>");
    expect(a.plainText).toBe("正文 粗体");
    expect(a.slug).toBe("tiny");
  });

  it("turns # headings in the body into h2 (the page has the only h1)", () => {
    const a = parseOk("h.md", "# 标题\n\n*某报|2022-01-02|*\n\n# 小标题\n\n正文");
    expect(a.bodyHtml).not.toContain("<h1");
    expect(a.bodyHtml).toContain("<h2>小标题</h2>");
  });
});

describe("stock charts", () => {
  const block = (inner: string) => `<!-- EM_StockImg_Start -->${inner}<!-- EM_StockImg_End -->`;

  it("reads a block without the <a> wrapper from the image's data-code", () => {
    const img = `<p style="text-align:center;"><img data-code="K 600519|1|1" src="${KLINE}?nid=1.600519&${TOKEN}" /></p>`;
    const { charts, body } = extractStockCharts(`<p>前</p>${block(img)}<p>后</p>`);
    expect(body).toBe("<p>前</p><p>后</p>");
    expect(charts).toEqual([
      {
        listingId: "sh600519",
        code: "600519",
        market: "1",
        imageUrl: `${KLINE}?nid=1.600519&${TOKEN}`,
        quoteUrl: "https://quote.eastmoney.com/unify/r/1.600519",
      },
    ]);
  });

  it("falls back to the image's nid when there is no data-code", () => {
    const { charts } = extractStockCharts(block(`<img src="http://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=0.000725&imageType=k" />`));
    expect(charts.map((c) => [c.listingId, c.imageUrl.slice(0, 8)])).toEqual([["sz000725", "https://"]]);
  });

  it("gives a sector board (market 90) no listing id", () => {
    const inner = `<a href="http://quote.eastmoney.com/unify/r/90.BK1037" data-code="BK1037|90|5"><img src="${KLINE}?nid=90.BK1037&${TOKEN}" data-code="K BK1037|90|5" /></a>`;
    const { charts } = extractStockCharts(block(inner));
    expect(charts).toHaveLength(1);
    expect(charts[0].listingId).toBeNull();
    expect(charts[0].code).toBe("BK1037");
    expect(charts[0].market).toBe("90");
    expect(charts[0].quoteUrl).toBe("https://quote.eastmoney.com/unify/r/90.BK1037");
  });

  it("reads US tickers lowercased", () => {
    const inner = `<a href="http://quote.eastmoney.com/unify/r/106.NIO" data-code="NIO|106|7"><img src="${KLINE}?nid=106.NIO&${TOKEN}" /></a>`;
    const { charts } = extractStockCharts(block(inner));
    expect(charts[0].listingId).toBe("usnio");
    expect(charts[0].quoteUrl).toBe("https://quote.eastmoney.com/unify/r/106.NIO");
  });

  it("drops duplicate charts and blocks without an http(s) image", () => {
    const inner = `<img data-code="K 01024|116|5" src="${KLINE}?nid=116.01024&${TOKEN}" />`;
    const { charts, body } = extractStockCharts(block(inner) + block(inner) + block('<img src="javascript:alert(1)" />') + block("<p>nothing</p>"));
    expect(charts.map((c) => c.listingId)).toEqual(["hk01024"]);
    expect(body).toBe("");
  });

  it("leaves an unterminated block in the body for the sanitizer", () => {
    const text = `<p>a</p><!-- EM_StockImg_Start --><img src="${KLINE}?nid=116.01024" />`;
    expect(extractStockCharts(text)).toEqual({ body: text, charts: [] });
  });

  it("charts in a full post: img-only sh600519 and a BK board", () => {
    const body = [
      block(`<img data-code="K 600519|1|1" src="${KLINE}?nid=1.600519&${TOKEN}" />`),
      block(`<a href="http://quote.eastmoney.com/unify/r/90.BK1037" data-code="BK1037|90|5"><img src="${KLINE}?nid=90.BK1037&${TOKEN}" /></a>`),
      "<p>贵州茅台发布公告。</p>",
    ].join("");
    const a = parseOk("charts.md", post({ body }));
    expect(a.charts.map((c) => c.listingId)).toEqual(["sh600519", null]);
    expect(a.bodyHtml).toBe("<p>贵州茅台发布公告。</p>");
  });
});

describe("sources as Jekyll reads them", () => {
  const post = (frontMatter: string, body = "<p>正文一段。</p>") => parseOk("post.md", `---\ntitle: 标题\ndate: 2022-01-07 10:00:00 +0800\n${frontMatter}---\n${body}\n`);

  it("reads tags as a YAML list", () => {
    expect(post("tags: [经济网新闻, 农业]\n").source).toBe("经济网");
    expect(post("tags:\n  - 上游新闻新闻\n  - 其他\n").source).toBe("上游新闻");
  });

  it("reads tags as a space-separated string", () => {
    expect(post("tags: 每日经济新闻新闻 其他\n").source).toBe("每日经济新闻");
  });

  it("takes the outlet a rolling-news post ends with in brackets", () => {
    expect(post("tags: 东财滚动新闻\n", "<p>央行开展逆回购操作550亿元。（财联社）</p>").source).toBe("财联社");
    expect(post("tags: 东财滚动新闻\n", "<p>来看看都买了哪些股？（附名单）</p>").source).toBe("东财滚动");
  });

  it("loads a post without any outlet under a neutral source, with a note", () => {
    const article = post("");
    expect(article.source).toBe(UNKNOWN_SOURCE);
    expect(article.sourceNote).toMatch(/no outlet/);
  });

  it("removes only the closing outlet credit from text used for recognition", () => {
    expect(withoutOutletCredit("消息。（财联社）")).toBe("消息。");
    expect(withoutOutletCredit("名单？（附名单）")).toBe("名单？（附名单）");
  });
});
