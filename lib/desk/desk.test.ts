import { describe, expect, it } from "vitest";
import { MAX_COMPANIES, parseFilters } from "../filters";
import { filterHref } from "../routes";
import { appendBounded } from "./bounded";
import { listingIdForCode, parseCodeList } from "./codes";
import { parseStringList } from "./request-body";
import { companyIdsInLink, shareHref, watchlistFeedHref, watchlistTimelineHref } from "./links";
import { buildOpml, parseOpml } from "./opml";
import { DeskStore, DESK_KEYS, FOLLOW_LIMIT, READ_LIMIT, SAVED_LIMIT, memoryStorage, type SavedArticle } from "./store";
import { publishedAttribute, publishedMs } from "./published";
import { dividerIndex, nextVisit, VISIT_GAP_MS } from "./visit";

describe("appendBounded", () => {
  it("appends, moves repeats to the end and drops the oldest past the bound", () => {
    expect(appendBounded(["a", "b", "c"], ["d"], 5)).toEqual(["a", "b", "c", "d"]);
    expect(appendBounded(["a", "b", "c"], ["a", "d", "d"], 5)).toEqual(["b", "c", "a", "d"]);
    expect(appendBounded(["a", "b", "c"], ["d", "e"], 3)).toEqual(["c", "d", "e"]);
    expect(appendBounded([], ["a", "b", "c", "d"], 2)).toEqual(["c", "d"]);
  });
});

describe("visit rule", () => {
  const t0 = Date.parse("2026-12-01T09:00:00+08:00");
  it("starts with nothing new, keeps the boundary within a visit, moves it after 30 minutes away", () => {
    const first = nextVisit(null, t0);
    expect(first).toEqual({ since: null, lastActive: t0 });
    const sameVisit = nextVisit(first, t0 + VISIT_GAP_MS);
    expect(sameVisit).toEqual({ since: null, lastActive: t0 + VISIT_GAP_MS });
    const later = nextVisit(sameVisit, t0 + 2 * VISIT_GAP_MS + 1);
    expect(later).toEqual({ since: t0 + VISIT_GAP_MS, lastActive: t0 + 2 * VISIT_GAP_MS + 1 });
    // Activity within the new visit keeps its boundary.
    expect(nextVisit(later, later.lastActive + 60_000).since).toBe(t0 + VISIT_GAP_MS);
    // A clock set back does not end a visit or move time backwards.
    expect(nextVisit(later, later.lastActive - 3_600_000)).toEqual(later);
  });

  it("reads entry times with and without a clock time", () => {
    expect(publishedMs("2022-06-27T17:29:00+08:00")).toBe(Date.parse("2022-06-27T09:29:00Z"));
    expect(publishedMs("2022-06-27")).toBe(Date.parse("2022-06-26T16:00:00Z"));
    expect(publishedMs("soon")).toBeNaN();
    expect(publishedMs(undefined)).toBeNaN();
    const instant = new Date("2022-06-27T09:29:00Z");
    expect(publishedMs(publishedAttribute(instant, true))).toBe(instant.getTime());
    expect(publishedAttribute(instant, false)).toBe("2022-06-27");
  });

  it("puts the divider above the first entry not newer than the last visit, only between new and old", () => {
    expect(dividerIndex([50, 40, 30, 20], 35)).toBe(2);
    expect(dividerIndex([50, 40, 30, 20], 40)).toBe(1);
    expect(dividerIndex([50, 40], 10)).toBe(-1); // all new: the divider is on a later page
    expect(dividerIndex([50, 40], 60)).toBe(-1); // nothing new
    expect(dividerIndex([50, 40], null)).toBe(-1); // first visit
  });
});

describe("parseCodeList", () => {
  it("splits codes and names as readers write them", () => {
    expect(parseCodeList("600519 00700.HK, AAPL、腾讯；贵州茅台\n\n  TSLA.O")).toEqual([
      "600519",
      "00700.HK",
      "AAPL",
      "腾讯",
      "贵州茅台",
      "TSLA.O",
    ]);
  });

  it("takes only the ids from exported lines, and drops repeats", () => {
    expect(parseCodeList("sh600519 贵州茅台\nhk00700 腾讯控股\nSH600519")).toEqual(["sh600519", "hk00700"]);
  });

  it("reads share, filter, feed and company links, and ignores other links", () => {
    const text = [
      "https://finews.example/watchlist#follow=hk00700,sh600519",
      "/?company=usaapl,sz300750&from=2022-01-01",
      "看看 https://finews.example/companies/hk01024 这个",
      "https://other.example/feed.xml 600036",
    ].join("\n");
    expect(parseCodeList(text)).toEqual(["hk00700", "sh600519", "usaapl", "sz300750", "hk01024", "看看", "这个", "600036"]);
  });

  it("reads an OPML file", () => {
    const opml = buildOpml({ title: "自选", siteUrl: "https://f.example", companies: [{ id: "hk00700", name: "腾讯控股" }] });
    expect(parseCodeList(opml)).toEqual(["hk00700"]);
  });

  it("caps what one paste can ask the server", () => {
    const many = Array.from({ length: 500 }, (_, i) => `sh${String(600000 + i)}`).join(" ");
    expect(parseCodeList(many)).toHaveLength(200);
  });
});

describe("listingIdForCode", () => {
  it("reads codes as readers write them", () => {
    const cases: [string, string | null][] = [
      ["sh600519", "sh600519"],
      ["600519", "sh600519"],
      ["600519.SH", "sh600519"],
      ["000001.SZ", "sz000001"],
      ["300750", "sz300750"],
      ["00700", "hk00700"],
      ["700.HK", "hk00700"],
      ["HK0700", "hk00700"],
      ["AAPL", "usaapl"],
      ["TSLA.O", "ustsla"],
      ["BRK.B", "usbrk.b"],
      ["430047", null], // Beijing exchange: not covered
      ["腾讯", null],
    ];
    expect(cases.map(([code]) => [code, listingIdForCode(code)])).toEqual(cases);
  });
});

describe("parseStringList (desk lookups' request bodies)", () => {
  const opts = { max: 3, maxLength: 5 };
  it("takes a list of short strings and names what is wrong otherwise", () => {
    expect(parseStringList('{"terms":["a","b"]}', "terms", opts)).toEqual({ values: ["a", "b"] });
    expect(parseStringList("nope", "terms", opts)).toEqual({ error: "请求体不是 JSON" });
    expect(parseStringList('{"terms":"a"}', "terms", opts)).toEqual({ error: "terms 应为字符串数组" });
    expect(parseStringList('{"terms":["a","b","c","d"]}', "terms", opts)).toEqual({ error: "terms 最多 3 项，收到 4 项" });
    expect(parseStringList('{"terms":["a",7]}', "terms", opts)).toEqual({ error: "terms[1] 应为不超过 5 个字符的字符串" });
    expect(parseStringList('{"terms":["abcdef"]}', "terms", opts)).toEqual({ error: "terms[0] 应为不超过 5 个字符的字符串" });
  });
});

describe("watchlist links", () => {
  it("are the canonical company filter, whatever order the list is in", () => {
    const ids = ["sh600519", "hk00700", "usaapl"];
    const canonical = filterHref("/", parseFilters({ company: ids.join(",") }).filters);
    expect(watchlistTimelineHref(ids)).toBe(canonical);
    expect(watchlistTimelineHref([...ids].reverse())).toBe(canonical);
    expect(watchlistTimelineHref([])).toBe("/watchlist");
    expect(watchlistFeedHref("atom", ids)).toBe(`/feed.xml${canonical.slice(1)}`);
    expect(watchlistFeedHref("json", ids)).toBe(`/feed.json${canonical.slice(1)}`);
    expect(shareHref(ids)).toBe("/watchlist#follow=hk00700,sh600519,usaapl");
    expect(companyIdsInLink(`https://x.example${shareHref(ids)}`)).toEqual(["hk00700", "sh600519", "usaapl"]);
  });

  it("fit the company filter: a full watchlist is one filter", () => {
    expect(FOLLOW_LIMIT).toBeLessThanOrEqual(MAX_COMPANIES);
    const ids = Array.from({ length: FOLLOW_LIMIT }, (_, i) => `sh${600000 + i}`);
    const { filters, notices } = parseFilters({ company: new URL(watchlistTimelineHref(ids), "http://x").searchParams.get("company")! });
    expect(filters.companies).toHaveLength(FOLLOW_LIMIT);
    expect(notices).toEqual([]);
  });
});

describe("OPML", () => {
  const companies = [
    { id: "hk00700", name: "腾讯控股" },
    { id: "usbrk.b", name: 'Berkshire "B" & <Co>' },
  ];

  it("round-trips a watchlist, escaping names", () => {
    const opml = buildOpml({ title: "Finews 自选", siteUrl: "https://f.example", companies });
    expect(opml).toContain('xmlUrl="https://f.example/feed.xml?company=hk00700"');
    expect(opml).toContain("Berkshire &quot;B&quot; &amp; &lt;Co&gt;");
    const parsed = parseOpml(opml);
    expect(parsed.ids).toEqual(["hk00700", "usbrk.b"]);
    expect(parsed.names).toEqual({ hk00700: "腾讯控股", "usbrk.b": 'Berkshire "B" & <Co>' });
    expect(parsed.otherFeeds).toBe(0);
  });

  it("reads other readers' exports: single quotes, entities, nested folders, foreign feeds counted", () => {
    const opml = `<?xml version="1.0"?><opml version="1.0"><body>
      <outline title="财经"><outline text='&#x817E;&#35759;' xmlUrl='http://f.example/feed.json?company=hk00700&amp;from=2022-01-01'/>
      <outline text="茅台" type="rss" htmlUrl="http://f.example/companies/sh600519" xmlUrl="http://f.example/feed.xml?company=sh600519"/>
      <outline text="36氪" xmlUrl="https://36kr.example/feed"/></outline></body></opml>`;
    expect(parseOpml(opml)).toEqual({ ids: ["hk00700", "sh600519"], names: { hk00700: "腾讯", sh600519: "茅台" }, otherFeeds: 1 });
  });
});

describe("DeskStore", () => {
  const store = (storage = memoryStorage()) => new DeskStore(storage, true);
  const article = (slug: string): SavedArticle => ({ slug, title: `标题 ${slug}`, source: "来源", published: "2022-06-27", savedAt: 1 });

  it("follows up to the bound and refuses one more", () => {
    const s = store();
    const companies = Array.from({ length: FOLLOW_LIMIT + 3 }, (_, i) => ({ id: `sh${600000 + i}`, name: `公司${i}` }));
    const { added, rejected } = s.addFollows(companies);
    expect(added).toHaveLength(FOLLOW_LIMIT);
    expect(rejected.map((c) => c.id)).toEqual(["sh600050", "sh600051", "sh600052"]);
    expect(s.follow({ id: "hk00700", name: "腾讯控股" })).toEqual({ ok: false, reason: "full" });
    expect(s.unfollow("sh600000")).toEqual({ ok: true });
    expect(s.follow({ id: "hk00700", name: "腾讯控股" })).toEqual({ ok: true });
    expect(s.isFollowing("hk00700")).toBe(true);
    expect(s.follows()).toHaveLength(FOLLOW_LIMIT);
    // Repeats and ids that are not listing ids are not added.
    expect(
      s.addFollows([
        { id: "hk00700", name: "x" },
        { id: "bad id", name: "y" },
      ]).added,
    ).toEqual([]);
  });

  it("forgets the oldest read marks past the bound", () => {
    const s = store();
    s.setRead(
      Array.from({ length: READ_LIMIT }, (_, i) => ({ slug: `a${i}` })),
      true,
    );
    expect(s.isRead("a0")).toBe(true);
    s.setRead([{ slug: "new" }], true);
    expect(s.isRead("a0")).toBe(false);
    expect(s.isRead("a1")).toBe(true);
    expect(s.isRead("new")).toBe(true);
  });

  it("reads a story as read once any of its reports was opened, and unread forgets the story", () => {
    const s = store();
    s.setRead([{ slug: "report-1", story: "s1" }], true);
    expect(s.isRead("report-2", "s1")).toBe(true);
    expect(s.isRead("report-2", "s2")).toBe(false);
    expect(s.isRead("report-2")).toBe(false);
    s.setRead([{ slug: "report-2", story: "s1" }], false);
    expect(s.isRead("report-1", "s1")).toBe(true); // its own mark stays
    expect(s.isRead("report-3", "s1")).toBe(false);
  });

  it("refuses to save past the bound rather than dropping a saved article", () => {
    const s = store();
    for (let i = 0; i < SAVED_LIMIT; i++) expect(s.save(article(`s${i}`))).toEqual({ ok: true });
    expect(s.save(article("one-more"))).toEqual({ ok: false, reason: "full" });
    expect(s.saved()).toHaveLength(SAVED_LIMIT);
    expect(s.saved()[0].slug).toBe(`s${SAVED_LIMIT - 1}`); // newest first
    expect(s.isSaved("s0")).toBe(true);
  });

  it("follows renames and marks deleted articles", () => {
    const s = store();
    s.save(article("old"));
    s.save(article("gone"));
    s.save(article("new"));
    s.reconcileSaved(
      new Map([
        ["old", { slug: "new", title: "新标题" }],
        ["gone", { gone: true }],
      ]),
    );
    expect(s.saved().map((a) => [a.slug, a.gone ?? false])).toEqual([
      ["new", false],
      ["gone", true],
    ]);
  });

  it("says when the browser refuses to store more, and keeps what it had", () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    };
    const s = store(full);
    expect(s.follow({ id: "hk00700", name: "腾讯控股" })).toEqual({ ok: false, reason: "quota" });
    expect(s.follows()).toEqual([]);
  });

  it("reads damaged or foreign values as empty, and sees other tabs' changes", () => {
    const storage = memoryStorage();
    storage.setItem(DESK_KEYS.follows, "{not json");
    storage.setItem(DESK_KEYS.read, JSON.stringify({ a: 1 }));
    storage.setItem(DESK_KEYS.saved, JSON.stringify([{ slug: 3 }, { slug: "ok" }]));
    const s = store(storage);
    expect(s.follows()).toEqual([]);
    expect(s.isRead("a")).toBe(false);
    expect(s.saved().map((a) => a.slug)).toEqual(["ok"]);
    let calls = 0;
    s.subscribe(() => calls++);
    storage.setItem(DESK_KEYS.follows, JSON.stringify([{ id: "hk00700", name: "腾讯控股" }]));
    expect(s.isFollowing("hk00700")).toBe(false); // cached until told
    s.changedElsewhere(DESK_KEYS.follows);
    expect(s.isFollowing("hk00700")).toBe(true);
    s.changedElsewhere("someone.else");
    expect(calls).toBe(1);
  });

  it("keeps the visit clock", () => {
    const s = store();
    const t0 = 1_000_000_000_000;
    expect(s.touchVisit(t0).since).toBeNull();
    expect(s.touchVisit(t0 + VISIT_GAP_MS + 1).since).toBe(t0);
    expect(s.visit()).toEqual({ since: t0, lastActive: t0 + VISIT_GAP_MS + 1 });
  });
});
