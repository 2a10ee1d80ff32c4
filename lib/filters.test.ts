import { describe, expect, it } from "vitest";
import { formatCursor, hasFilters, parseCursor, parseFilters, safeDecode, serializeFilters, toggleCompany } from "./filters";

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

describe("safeDecode", () => {
  it("decodes, or returns null for malformed percent-encoding", () => {
    expect(safeDecode("%E4%B8%8A%E6%B8%B8")).toBe("上游");
    expect(safeDecode("%E0%A4%A")).toBeNull();
  });
});
