import { describe, expect, it } from "vitest";
import { parseFilters } from "./filters";
import { articleHref, companyHref, companyIndexHref, feedHref, filterHref, safeDecode, sourceHref } from "./routes";

describe("routes", () => {
  const { filters } = parseFilters({ company: "hk01024", from: "2022-01-01" });

  it("build every internal path, encoded", () => {
    expect(articleHref("NW202204212352227421")).toBe("/articles/NW202204212352227421");
    expect(articleHref("a?b#c", "charts")).toBe("/articles/a%3Fb%23c#charts");
    expect(companyHref("hk01024")).toBe("/companies/hk01024");
    expect(sourceHref("上游新闻")).toBe("/sources/%E4%B8%8A%E6%B8%B8%E6%96%B0%E9%97%BB");
    expect(sourceHref("a/b")).toBe("/sources/a%2Fb");
    expect(companyIndexHref({ market: "hk", q: "茅台" })).toBe("/companies?market=hk&q=%E8%8C%85%E5%8F%B0");
    expect(companyIndexHref()).toBe("/companies");
  });

  it("carry filters and paging in canonical form", () => {
    expect(filterHref("/", filters)).toBe("/?company=hk01024&from=2022-01-01");
    expect(filterHref("/", filters, { before: "1-2" })).toBe("/?company=hk01024&from=2022-01-01&before=1-2");
    expect(companyHref("sz000338", filters)).toBe("/companies/sz000338?company=hk01024&from=2022-01-01");
    expect(feedHref("json", filters)).toBe("/feed.json?company=hk01024&from=2022-01-01");
    expect(feedHref("atom")).toBe("/feed.xml");
    expect(filterHref("/")).toBe("/");
  });
});

describe("safeDecode", () => {
  it("decodes, or returns null for malformed percent-encoding", () => {
    expect(safeDecode("%E4%B8%8A%E6%B8%B8")).toBe("上游");
    expect(safeDecode("%E0%A4%A")).toBeNull();
  });
});
