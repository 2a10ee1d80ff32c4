import he from "he";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { atomXml, type AtomEntry, type AtomHead } from "./feeds";
import { xmlSafeText } from "./xml-text";

type XmlElement = { name: string; attributes: Record<string, string>; text: string; children: XmlElement[] };

/** Parses with saxes, a conforming XML 1.0 parser: any well-formedness error throws. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: "#document", attributes: {}, text: "", children: [] };
  const open = [root];
  const errors: string[] = [];
  parser.on("error", (error) => errors.push(error.message));
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: "", children: [] };
    open.at(-1)!.children.push(element);
    open.push(element);
  });
  parser.on("closetag", () => void open.pop());
  parser.on("text", (text) => void (open.at(-1)!.text += text));
  parser.on("cdata", (text) => void (open.at(-1)!.text += text));
  parser.write(xml).close();
  if (errors.length) throw new Error(`malformed XML: ${errors.join("; ")}`);
  return root.children[0];
}

const child = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);
const children = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);

// Texts that broke the feed or injected into it: several "]]>", markup that
// would close the title, control characters, lone surrogates, noncharacters,
// entities written as text.
const HOSTILE = [
  "]]>]]>",
  "甲]]>乙]]>丙]]>",
  "</title><entry><title>注入</title></entry>",
  "]]></title></entry><entry><id>https://evil.example/</id><title>注入",
  "控制\u0001字符\u0008与\u000b\u000c\u001f",
  "孤立代理\ud800与\udc00",
  "非字符\ufffe\uffff",
  "A &amp; B & C &lt; <b>D</b> &#1; &bogus;",
  "<![CDATA[ 开 ]]> 合",
  "引号\"'与 = 号",
  "𠀀 emoji 😀 \u2028 行",
];

const head = (title: string): AtomHead => ({
  id: `https://reader.example/feed.xml?q=${encodeURIComponent(title.toWellFormed())}`,
  title: `站名 · 关键词：${title}`,
  description: `筛选结果（关键词：${title}）`,
  link: "https://reader.example/",
  updated: new Date("2022-06-27T00:00:00Z"),
  atomUrl: "https://reader.example/feed.xml?q=x&source=y",
  jsonUrl: "https://reader.example/feed.json?q=x&source=y",
});

/** As the sanitizer writes text: & < > escaped, everything else as it is. */
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const entry = (text: string, i: number): AtomEntry => ({
  url: `https://reader.example/articles/hostile-${i}`,
  title: text,
  excerpt: `摘要 ${text}`,
  html: `<p>正文 ${escapeHtml(text)}</p><p>]]>${text.includes("]]>") ? "]]>" : ""}</p>`,
  publishedAt: new Date(Date.UTC(2015, 0, 1 + i)),
  source: `来源 ${text}`,
  companies: [{ id: "hk01024", name: `公司 ${text}` }],
});

describe("atomXml", () => {
  it.each(HOSTILE.map((text, i) => [i, text] as const))("is well-formed and reads back the text of hostile title #%i", (i, text) => {
    const xml = atomXml(head(text), [entry(text, i), entry("普通标题", 99)]);
    const feed = parseXml(xml);
    const clean = xmlSafeText(text);
    expect(feed.name).toBe("feed");
    expect(child(feed, "title")!.text).toBe(`站名 · 关键词：${clean}`);
    expect(child(feed, "subtitle")!.text).toBe(`筛选结果（关键词：${clean}）`);
    expect(child(feed, "id")!.text).toBe(`https://reader.example/feed.xml?q=${encodeURIComponent(text.toWellFormed())}`);
    // Nothing injected: exactly the two entries, in order, each with one id.
    const entries = children(feed, "entry");
    expect(entries.map((e) => children(e, "id").map((id) => id.text))).toEqual([
      [`https://reader.example/articles/hostile-${i}`],
      ["https://reader.example/articles/hostile-99"],
    ]);
    const [first] = entries;
    // type="html": the text is HTML, which a reader decodes once.
    expect(child(first, "title")!.attributes.type).toBe("html");
    expect(he.decode(child(first, "title")!.text)).toBe(clean);
    expect(he.decode(child(first, "summary")!.text)).toBe(`摘要 ${clean}`);
    expect(he.decode(child(first, "content")!.text)).toBe(`<p>正文 ${clean}</p><p>]]>${clean.includes("]]>") ? "]]>" : ""}</p>`);
    expect(child(child(first, "author")!, "name")!.text).toBe(`来源 ${clean}`);
    expect(child(first, "category")!.attributes).toMatchObject({ term: "hk01024", label: `公司 ${clean.replaceAll("<", "")}` });
    expect(children(feed, "link").map((l) => l.attributes.href)).toEqual([
      "https://reader.example/",
      "https://reader.example/feed.xml?q=x&source=y",
    ]);
  });

  it("keeps a body's markup and every ]]> in it", () => {
    const xml = atomXml(head("x"), [
      { ...entry("x", 0), html: '<p>a]]>b]]>c</p><p><a href="https://e.example/?a=1&amp;b=2">链接</a></p>' },
    ]);
    const content = child(children(parseXml(xml), "entry")[0], "content")!;
    expect(content.text).toBe('<p>a]]&gt;b]]&gt;c</p><p><a href="https://e.example/?a=1&amp;b=2">链接</a></p>');
  });
});
