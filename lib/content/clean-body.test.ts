import { describe, expect, it } from "vitest";
import { cleanBody, htmlToText } from "./clean-body";

const stockLink = (code: string, name: string) => `<a class="keytip" data-code="${code}" href="http://quote.eastmoney.com/unify/r/${code.replace(",", ".")}">${name}</a>`;
// Bodies with either word take the DOM path; the others are sanitized in one pass. Both must agree.
const withDomPath = (html: string) => `${html}\n<p style="display:none"><br /></p>`;

describe("cleanBody", () => {
  it.each([
    ["one pass", (html: string) => html],
    ["DOM path", withDomPath],
  ])("notes inline stock names, the first per listing, not sector boards (%s)", (_, wrap) => {
    const body = wrap(`<p>${stockLink("1,600519", "贵州茅台")}、${stockLink("1,600519", "茅台")}与${stockLink("90,BK0473", "证券")}</p>`);
    const cleaned = cleanBody(body);
    expect(cleaned.inlineStockNames).toEqual({ sh600519: "贵州茅台" });
    expect(cleaned.html).toBe(
      '<p><a href="https://quote.eastmoney.com/unify/r/1.600519" rel="noopener noreferrer nofollow" target="_blank">贵州茅台</a>、' +
        '<a href="https://quote.eastmoney.com/unify/r/1.600519" rel="noopener noreferrer nofollow" target="_blank">茅台</a>与' +
        '<a href="https://quote.eastmoney.com/unify/r/90.BK0473" rel="noopener noreferrer nofollow" target="_blank">证券</a></p>',
    );
  });

  it.each([
    ["one pass", (html: string) => html],
    ["DOM path", withDomPath],
  ])("drops the source footer paragraph and notes the first outlet (%s)", (_, wrap) => {
    const cleaned = cleanBody(wrap("<p>正文。</p>\n<p>（文章来源：证券时报）</p>\n<p>（文章来源：中国证券报）</p>"));
    expect(cleaned.outletFromFooter).toBe("证券时报");
    expect(cleaned.text).toBe("正文。");
  });

  it("drops hidden elements with their content, whatever the tag", () => {
    const cleaned = cleanBody('<p>看得见<span style="display: none">看不见</span></p><div style="DISPLAY:NONE"><p>也看不见</p></div><p style="display:none">隐藏段落</p>');
    expect(cleaned.html).toBe("<p>看得见</p>");
  });

  it("unwraps glossary links to their text, and still finds a footer inside one", () => {
    const cleaned = cleanBody('<p>券商<a class="infokey" href="http://data.eastmoney.com/x">场外期权</a>业务</p><a class="infokey" href="y"><p>（文章来源：新华社）</p></a>');
    expect(cleaned.html).toBe("<p>券商场外期权业务</p>");
    expect(cleaned.outletFromFooter).toBe("新华社");
  });

  it("keeps the text of tags it drops, not of scripts, and removes empty paragraphs", () => {
    const cleaned = cleanBody('<p><font color="red">红字</font><script>alert(1)</script></p><p> </p><p><img src="http://x/a.jpg"></p>');
    expect(cleaned.html).toBe(
      '<p>红字</p><p><img src="https://x/a.jpg" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" /></p>',
    );
  });
});

describe("htmlToText", () => {
  it("puts each block on its own line and decodes entities once", () => {
    expect(htmlToText("<h2>标题</h2><p>一&amp;lt;二<br />三</p><ul><li>甲</li><li>乙 \u3000 丙</li></ul><p></p>")).toBe("标题\n一&lt;二\n三\n甲\n乙 丙");
  });
});

describe("links", () => {
  it.each([
    ["one pass", (html: string) => html],
    ["DOM path", withDomPath],
  ])("keeps escaped markup inside a glossary link as text (%s)", (_, wrap) => {
    const cleaned = cleanBody(wrap('<p>券商<a class="infokey" href="http://data.eastmoney.com/x">&lt;a href="https://evil.example/"&gt;点我&lt;/a&gt;</a>业务</p>'));
    expect(cleaned.html).toBe('<p>券商&lt;a href="https://evil.example/"&gt;点我&lt;/a&gt;业务</p>');
    expect(cleaned.text).toBe('券商<a href="https://evil.example/">点我</a>业务');
  });

  it("unwraps a link whose target is unsafe, relative or missing, keeping its text", () => {
    const cleaned = cleanBody(
      '<p><a href="javascript:alert(1)">甲</a>、<a href="data:text/html,x">乙</a>、<a href="/local">丙</a>、<a href="#top">丁</a>、<a>戊</a></p>' +
        '<p><a href="vbscript:x">独自成段</a></p><p><a href="https://ok.example/">好链接</a></p>',
    );
    expect(cleaned.html).toBe(
      '<p>甲、乙、丙、丁、戊</p><p>独自成段</p><p><a href="https://ok.example/" rel="noopener noreferrer nofollow" target="_blank">好链接</a></p>',
    );
  });
});
