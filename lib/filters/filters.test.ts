import { describe, expect, it } from "vitest";
import {
  describeFilters,
  filterChips,
  filterLandings,
  FILTERS,
  formatCursor,
  hasFilters,
  parseCursor,
  parseFilters,
  serializeFilters,
  toggleCompany,
  widenings,
  type FilterDeclaration,
} from "./index";

describe("parseFilters", () => {
  it("reads every contract parameter", () => {
    const { filters, notices } = parseFilters({
      company: "hk01024,USBABA",
      from: "2022-05-01",
      to: "2022-05-31",
      source: "经济网",
      q: "快手",
    });
    expect(filters).toEqual({
      companies: ["hk01024", "usbaba"],
      markets: [],
      from: "2022-05-01",
      to: "2022-05-31",
      source: "经济网",
      q: "快手",
      sort: null,
    });
    expect(notices).toEqual([]);
  });

  it("accepts repeated company parameters (checkboxes in a GET form)", () => {
    expect(parseFilters({ company: ["sz000338", "hk01024"] }).filters.companies).toEqual(["hk01024", "sz000338"]);
  });

  it("ignores invalid values with a notice naming the parameter", () => {
    const { filters, notices } = parseFilters({ company: "hk01024,bad!", from: "2022-13-01", to: "yesterday" });
    expect(filters.companies).toEqual(["hk01024"]);
    expect(filters.from).toBeNull();
    expect(filters.to).toBeNull();
    expect(notices.map((n) => `${n.param}=${n.value}`)).toEqual(["company=bad!", "from=2022-13-01", "to=yesterday"]);
  });

  it("keeps a `to` before `from` (an empty range) and says so", () => {
    const { filters, notices } = parseFilters({ from: "2022-06-01", to: "2022-05-01" });
    expect(filters).toMatchObject({ from: "2022-06-01", to: "2022-05-01" });
    expect(notices[0].param).toBe("to");
  });

  it("never widens: unusable values make the result empty", () => {
    expect(parseFilters({ company: "bad!" }).filters.matchesNothing).toBe(true);
    expect(parseFilters({ company: "bad!,hk01024" }).filters.matchesNothing).toBeUndefined();
    expect(parseFilters({ from: "yesterday" }).filters.matchesNothing).toBe(true);
    expect(parseFilters({ q: "字".repeat(101) }).filters.matchesNothing).toBe(true);
    expect(parseFilters({ company: "hk01024" }).filters.matchesNothing).toBeUndefined();
  });

  it("reads sort, and keeps it in links only with a search", () => {
    expect(parseFilters({ q: "茅台", sort: "time" }).filters.sort).toBe("time");
    expect(parseFilters({ sort: "sideways" }).notices[0].param).toBe("sort");
    expect(serializeFilters(parseFilters({ q: "茅台", sort: "time" }).filters)).toBe("?q=%E8%8C%85%E5%8F%B0&sort=time");
    expect(serializeFilters(parseFilters({ sort: "time" }).filters)).toBe("");
  });

  it("caps companies with one notice", () => {
    const many = Array.from({ length: 60 }, (_, i) => `sh6000${String(i).padStart(2, "0")}`).join(",");
    const { filters, notices } = parseFilters({ company: many });
    expect(filters.companies).toHaveLength(50);
    expect(notices).toHaveLength(1);
  });

  it("treats empty values (an unfilled form field) as absent, silently", () => {
    const { filters, notices } = parseFilters({ company: "", from: "", to: "", source: "", q: "  " });
    expect(hasFilters(filters)).toBe(false);
    expect(notices).toEqual([]);
  });

  it("refuses overlong text", () => {
    const { filters, notices } = parseFilters({ q: "字".repeat(101) });
    expect(filters.q).toBeNull();
    expect(notices[0].param).toBe("q");
  });
});

describe("serializeFilters", () => {
  it("is canonical: sorted companies, fixed key order, readable commas", () => {
    const { filters } = parseFilters({ q: "a b", company: "sz000338,hk01024", to: "2022-01-02", from: "2022-01-01" });
    expect(serializeFilters(filters)).toBe("?company=hk01024,sz000338&from=2022-01-01&to=2022-01-02&q=a+b");
  });

  it("round-trips through parseFilters", () => {
    const { filters } = parseFilters({ company: "hk00700", source: "上游新闻", q: "腾讯&美团" });
    const again = parseFilters(Object.fromEntries(new URLSearchParams(serializeFilters(filters))));
    expect(again.filters).toEqual(filters);
  });

  it("is empty without filters and appends extra keys after them", () => {
    const { filters } = parseFilters({});
    expect(serializeFilters(filters)).toBe("");
    expect(serializeFilters(toggleCompany(filters, { id: "hk01024" }), { before: "1-2" })).toBe("?company=hk01024&before=1-2");
  });

  it("toggles a company off through any of its listings", () => {
    const { filters } = parseFilters({ company: "hk02338,hk01024" });
    const weichai = { id: "sz000338", listings: ["sz000338", "hk02338"] };
    expect(toggleCompany(filters, weichai).companies).toEqual(["hk01024"]);
    expect(toggleCompany(toggleCompany(filters, weichai), weichai).companies).toEqual(["hk01024", "sz000338"]);
  });
});

describe("cursors", () => {
  it("round-trip and say which way they page", () => {
    const entry = { publishedAt: new Date("2022-05-20T10:19:53Z"), id: 42 };
    const { cursor } = parseCursor({ before: formatCursor(entry) });
    expect(cursor).toEqual({ ...entry, direction: "older" });
    expect(parseCursor({ after: formatCursor(entry) }).cursor).toMatchObject({ direction: "newer" });
  });

  it("reject garbage with a notice", () => {
    const { cursor, notice } = parseCursor({ before: "garbage" });
    expect(cursor).toBeNull();
    expect(notice?.param).toBe("before");
  });
});

describe("market", () => {
  const parse = (market: string | string[]) => parseFilters({ market });

  it("reads markets in any order, case or repetition, canonically sorted", () => {
    expect(parse("sh,sz").filters.markets).toEqual(["sh", "sz"]);
    expect(parse("SZ sh,sh").filters.markets).toEqual(["sh", "sz"]);
    expect(parse(["sh,sz", "hk"]).filters.markets).toEqual(["hk", "sh", "sz"]);
    expect(serializeFilters(parse("us,sz,sh").filters)).toBe("?market=sh,sz,us");
  });

  it("never widens: an unknown market alone matches nothing, beside a known one it is a notice", () => {
    expect(parse("jp").filters.matchesNothing).toBe(true);
    expect(parse("jp").notices.map((n) => `${n.param}=${n.value}`)).toEqual(["market=jp"]);
    const mixed = parse("hk,jp");
    expect(mixed.filters).toMatchObject({ markets: ["hk"] });
    expect(mixed.filters.matchesNothing).toBeUndefined();
    expect(mixed.notices).toHaveLength(1);
  });

  it("names A股 for sh and sz together, each exchange alone otherwise, one chip each", () => {
    const { filters } = parse("hk,sh,sz");
    expect(filterChips(filters, {}).map((c) => [c.label, serializeFilters(c.filters)])).toEqual([
      ["市场：A股", "?market=hk"],
      ["市场：港股", "?market=sh,sz"],
    ]);
    expect(describeFilters(filters, {})).toEqual(["市场：A股、港股"]);
    expect(filterChips(parse("sh").filters, {}).map((c) => c.label)).toEqual(["市场：沪市"]);
    expect(widenings(filters).map((w) => [w.label, serializeFilters(w.filters)])).toEqual([["全部市场", ""]]);
  });

  it("offers its groups as sitemap landings", () => {
    expect(filterLandings().map((f) => serializeFilters(f))).toEqual(["?market=sh,sz", "?market=hk", "?market=us"]);
  });
});

describe("every declaration", () => {
  const samples = ["hk01024,USBABA", "sz, sh", "hk", "2022-05-01", "上游新闻", "贵州茅台 -镇", "time", "relevance"];

  it("reads back what it writes, without notices", () => {
    for (const declaration of FILTERS as readonly FilterDeclaration<object>[]) {
      for (const raw of samples) {
        const read = (param: string) => (declaration.params.includes(param) || param === "q" ? raw : null);
        const parsed = declaration.parse(read);
        if (parsed.notices.length) continue;
        const { filters } = parseFilters(Object.fromEntries(declaration.params.map((p) => [p, raw]).concat([["q", raw]])));
        const written = Object.fromEntries(declaration.serialize(parsed.value, filters));
        const again = declaration.parse((param) => written[param] ?? (param === "q" ? raw : null));
        expect(again, `${declaration.params.join("/")}=${raw}`).toEqual({ ...parsed, notices: [] });
      }
    }
  });

  it("is off when its parameters are absent", () => {
    for (const declaration of FILTERS as readonly FilterDeclaration<object>[]) {
      const parsed = declaration.parse(() => null);
      expect(parsed.notices).toEqual([]);
      expect(declaration.isSet(parsed.value)).toBe(false);
    }
    expect(hasFilters(parseFilters({}).filters)).toBe(false);
  });
});
