import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import matter from "gray-matter";
import * as yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { jekyllList, parseArticle, UNKNOWN_SOURCE } from "../content/parse-article";
import { creditOf, isSiteNotice, type CreditInput } from "./credit";
import { buildOutletTable, loadOutlets, parseOutlets, OUTLETS_FILE } from "./outlets";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const corpusDir = path.join(projectRoot, "..", "shared", "corpus", "finews");
const contentDir = path.join(projectRoot, "content");
const { table } = loadOutlets(path.join(projectRoot, "content-without-overlay"));

/** Every real post in content/ (the corpus posts and the seeds) with its front matter's categories and tags. */
function realPosts(): (CreditInput & { file: string })[] {
  return readdirSync(contentDir)
    .filter((file) => /\.(md|txt)$/.test(file))
    .flatMap((file) => {
      const bytes = readFileSync(path.join(contentDir, file));
      const parsed = parseArticle(file, bytes);
      if (!parsed.ok) return [];
      const text = bytes.toString("utf8");
      const front = text.startsWith("---")
        ? (matter(text, { engines: { yaml: (s: string) => yaml.load(s, { schema: yaml.FAILSAFE_SCHEMA }) as object } }).data as Record<
            string,
            unknown
          >)
        : {};
      return [{ file, source: parsed.article.source, categories: jekyllList(front.categories), tags: jekyllList(front.tags) }];
    });
}
const posts = realPosts();

describe("the shipped outlet table", () => {
  it("is valid, and every outlet the real posts credit is in it", () => {
    expect(posts.length).toBeGreaterThanOrEqual(120);
    const names = new Set(table.outlets.map((o) => o.name));
    const unknown = posts.filter((p) => !isSiteNotice(p) && !names.has(creditOf(p, table).outlet)).map((p) => `${p.file}: ${p.source}`);
    expect(unknown).toEqual([]);
  });

  it("gives one name to an outlet's site, app and tag forms", () => {
    expect(table.canonical("证券时报网")).toBe("证券时报");
    expect(table.canonical("证券时报")).toBe("证券时报");
    expect(table.canonical("央视新闻客户端")).toBe("央视新闻");
    expect(table.canonical("中新网")).toBe("中国新闻网");
    expect(table.canonical("每日经济新闻新闻")).toBe("每日经济新闻");
    expect(table.canonical(" 央视新闻 客户端 ")).toBe("央视新闻");
    expect(table.canonical("某某日报")).toBe("某某日报");
  });

  it("merges the outlets the real posts credit under several names", () => {
    const before = new Set(posts.map((p) => p.source));
    const after = new Set(posts.map((p) => creditOf(p, table).outlet));
    for (const [a, b] of [
      ["证券时报网", "证券时报"],
      ["央视新闻客户端", "央视新闻"],
      ["中新网", "中国新闻网"],
    ]) {
      expect(before.has(a) && before.has(b), `${a} and ${b} are both credited in the corpus`).toBe(true);
    }
    expect(after.size).toBeLessThan(before.size);
    expect(after.has("证券时报网")).toBe(false);
    expect(after.has("东财滚动")).toBe(false);
  });

  it("marks each entry with its origin", () => {
    for (const outlet of parseOutlets(readFileSync(OUTLETS_FILE, "utf8"), OUTLETS_FILE))
      expect(outlet.origin, outlet.name).toMatch(/^(corpus|knowledge)$/);
  });
});

describe("rolling news", () => {
  it("credits eastmoney's uncredited rolling posts to 东方财富网, channel 滚动, and keeps the credit of credited ones", () => {
    const rolling = posts.filter((p) => p.categories?.includes("emnews"));
    const uncredited = rolling.filter((p) => p.source === "东财滚动");
    expect(uncredited.length).toBeGreaterThanOrEqual(70);
    for (const post of uncredited) expect(creditOf(post, table), post.file).toEqual({ outlet: "东方财富网", channel: "滚动" });
    const credited = rolling.filter((p) => p.source !== "东财滚动");
    expect(credited.length).toBeGreaterThan(20);
    for (const post of credited) expect(creditOf(post, table).channel, post.file).not.toBe("滚动");
    expect(creditOf({ source: "e公司", categories: ["emnews"] }, table)).toEqual({ outlet: "证券时报", channel: "e公司" });
    expect(creditOf({ source: "证券时报网", categories: ["emnews"] }, table)).toEqual({ outlet: "证券时报", channel: null });
  });

  it("credits a post naming no outlet by its category, when the table knows it", () => {
    expect(creditOf({ source: UNKNOWN_SOURCE, categories: ["emnews"] }, table)).toEqual({ outlet: "东方财富网", channel: "滚动" });
    expect(creditOf({ source: UNKNOWN_SOURCE, categories: ["cailianshe"] }, table)).toEqual({ outlet: "财联社", channel: null });
    expect(creditOf({ source: UNKNOWN_SOURCE, categories: ["somewhere"] }, table)).toEqual({ outlet: UNKNOWN_SOURCE, channel: null });
  });
});

describe("site notices", () => {
  it("finds the site's own post, and only it, among the real posts", () => {
    expect(posts.filter((p) => isSiteNotice(p)).map((p) => p.file)).toEqual(["2021-12-01-init.md"]);
  });

  it("answers from the parser's source alone, and from the front matter alone", () => {
    const init = parseArticle("2021-12-01-init.md", readFileSync(path.join(corpusDir, "2021-12-01-init.md")));
    expect(init.ok && isSiteNotice({ source: init.article.source })).toBe(true);
    expect(isSiteNotice({ source: "财联社", categories: ["sitenews"] })).toBe(true);
    expect(isSiteNotice({ source: "东财滚动", categories: ["emnews"], tags: ["东财滚动新闻"] })).toBe(false);
  });
});

describe("sources.yaml in CONTENT_DIR", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "finews-sources-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("extends an outlet, adds new ones, and reports a name that moves", () => {
    writeFileSync(
      path.join(dir, "sources.yaml"),
      "- {name: 证券时报, aliases: [时报网]}\n- {name: 湖南日报, aliases: [新湖南], categories: [hunanribao]}\n- {name: 新华每日电讯, aliases: [新华网]}\n",
    );
    const { table: extended, messages } = loadOutlets(dir);
    expect(extended.canonical("时报网")).toBe("证券时报");
    expect(extended.canonical("证券时报网")).toBe("证券时报");
    expect(extended.canonical("新湖南")).toBe("湖南日报");
    expect(extended.byCategory("hunanribao")).toEqual({ outlet: "湖南日报", channel: null });
    expect(extended.canonical("新华网")).toBe("新华每日电讯");
    expect(messages).toEqual([expect.stringContaining("sources.yaml extends"), 'sources: name "新华网" moves from 新华社 to 新华每日电讯']);
  });

  it("rejects a bad file with the file, the entry and the reason", () => {
    expect(() => parseOutlets("- {name: 甲, aliases: 乙}\n", "sources.yaml", "corpus")).toThrow(/sources\.yaml: entry 1 \(甲\): aliases/);
    expect(() => parseOutlets("- {name: 甲}\n- {name: 乙, aliases: [甲]}\n", "sources.yaml", "corpus")).toThrow(
      /sources\.yaml: entry 2 \(乙\): "甲" already belongs to entry 1 \(甲\)/,
    );
    expect(() => parseOutlets("name: 甲\n", "sources.yaml", "corpus")).toThrow(/sources\.yaml: top level: expected a YAML list/);
    expect(() => parseOutlets("- {name: 甲, colour: red}\n", "sources.yaml", "corpus")).toThrow(/entry 1 \(甲\).*colour/);
    expect(() => parseOutlets("- {name: 甲}\n", "outlets.yaml")).toThrow(/origin is required/);
    expect(() => parseOutlets("- [\n", "sources.yaml")).toThrow(/sources\.yaml: YAML/);
    expect(buildOutletTable([]).table.canonical("甲")).toBe("甲");
  });
});
