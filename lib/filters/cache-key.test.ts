import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheKeyParams } from "./cache-key";
import { FILTERS, parseCursor, parseFilters, PAGING_PARAMS, readParam, searchParamsFrom } from "./index";

const key = (query: string) => cacheKeyParams(new URLSearchParams(query));

/** Everything a page can learn from a query string: what lib/filters reads from it. */
function whatPagesSee(query: string): string {
  const params = searchParamsFrom(new URLSearchParams(query));
  return JSON.stringify({
    filters: parseFilters(params),
    cursor: parseCursor(params),
    // The company directory and the picker's search read `q` as it is (trimmed).
    q: readParam(params, "q"),
  });
}

const DECLARED = [...FILTERS.flatMap((d) => d.params), ...PAGING_PARAMS];

describe("cacheKeyParams", () => {
  it("is empty when nothing shapes the page, and ignores parameters no page reads", () => {
    expect(key("")).toBe("");
    expect(key("utm_source=x&_rsc=abc&company=")).toBe("");
  });

  it("keeps an unusable value as written: the page echoes it in a notice", () => {
    expect(key("company=bogus")).toBe("company=bogus");
    expect(key("company=bogus")).not.toBe(key(""));
    expect(key("market=jp")).not.toBe(key("market=JP"));
    expect(key("sort=sideways")).toBe("sort=sideways");
  });

  it("encodes every name and value, so no value reads as another parameter", () => {
    expect(key("company=a%26q%3Db")).not.toBe(key("company=a&q=b"));
    expect(key("q=a%26page%3D2")).toBe("q=a%26page%3D2");
    expect(key("q=%E8%8C%85%E5%8F%B0")).toBe("q=%E8%8C%85%E5%8F%B0");
  });

  it("writes usable values canonically: order, case, repetition and spaces do not split a page", () => {
    const canonical = key("company=hk01024,usbaba");
    expect(canonical).toBe("company=hk01024%2Cusbaba");
    for (const same of [
      "company=USBABA,hk01024",
      "company=usbaba&company=hk01024",
      "company=hk01024%20usbaba&utm_medium=x",
      "company=hk01024,hk01024,usbaba",
    ])
      expect(key(same), same).toBe(canonical);
    expect(key("market=sz,SH")).toBe(key("market=sh&market=sz"));
    expect(key("to=2022-01-02&from=2022-01-01")).toBe(key("from=2022-01-01&to=2022-01-02"));
    expect(key("q=%20%E8%8C%85%E5%8F%B0%20")).toBe(key("q=%E8%8C%85%E5%8F%B0"));
  });

  it("carries paging after the filters", () => {
    expect(key("before=1-2&company=hk01024")).toBe("company=hk01024&before=1-2");
    expect(key("page=2&q=a")).not.toBe(key("q=a"));
  });

  it("differs for every declared parameter", () => {
    for (const name of DECLARED) expect(key(`${name}=x-1`), name).not.toBe("");
  });

  // The guard for new filters and parameters: every parameter a declaration or
  // paging reads, with values that are valid for some and junk for others.
  it("never gives two queries one key when a page would see them differently", () => {
    const values = [
      "",
      " ",
      "x-1",
      "bogus",
      "a&q=b",
      "a,b",
      "hk01024",
      "HK01024,usbaba",
      "usbaba hk01024",
      "sh,sz",
      "SZ",
      "jp",
      "2022-05-01",
      "2022-5-1",
      "上游新闻",
      "time",
      "relevance",
      "2",
      "1",
      "1-2",
      "字".repeat(101),
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const seen = new Map<string, { query: string; sees: string }>();
    for (let i = 0; i < 4000; i++) {
      const params = new URLSearchParams();
      const n = 1 + Math.floor(random() * 3);
      for (let j = 0; j < n; j++) params.append(pick(DECLARED), pick(values));
      const query = params.toString();
      const sees = whatPagesSee(query);
      const k = key(query);
      const other = seen.get(k);
      if (other) expect({ query, sees }, `${other.query} and ${query} share the key ${k}`).toEqual({ query, sees: other.sees });
      else seen.set(k, { query, sees });
    }
    expect(seen.size).toBeGreaterThan(1000);
  });
});

/** Source files of the app (tests, lib/filters itself and the cache that calls it aside). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return ["generated", "__tests__", "filters", "node_modules"].includes(name) ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== "response-cache.ts" ? [file] : [];
  });
}

describe("query parameters", () => {
  it("are read through lib/filters only, so the cache key sees what pages see", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const direct = [
      /\bsearchParams\s*\.\s*(get|getAll|has|entries|keys|values|forEach)\s*\(/, // URLSearchParams read by hand
      /\b(params|searchParams)\s*(\.\s*(?!(toString|set|append)\b)\w+|\[)/, // a page's searchParams object indexed by hand
    ];
    const offenders = ["app", "components", "lib"].flatMap((dir) =>
      sourceFiles(path.join(root, dir)).flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, i) => (direct.some((re) => re.test(line)) ? [`${path.relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it("that pages read by name are all declared, so each is part of the cache key", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const read = ["app", "components", "lib"].flatMap((dir) =>
      sourceFiles(path.join(root, dir)).flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/readParam\([^,]+,\s*"(\w+)"\)/g)].map((m) => m[1]),
      ),
    );
    expect(read.length).toBeGreaterThan(0);
    for (const name of read) expect(DECLARED, name).toContain(name);
  });
});
