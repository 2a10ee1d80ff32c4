import { describe, expect, it } from "vitest";
import { MAX_TERMS, matchesText, parseQuery, positiveTerms, toFtsMatch } from "./query";

const shape = (raw: string) => {
  const q = parseQuery(raw);
  return { groups: q.groups.map((g) => g.map((t) => t.text)), excluded: q.excluded.map((t) => t.text) };
};

describe("parseQuery", () => {
  it("ANDs words, keeps phrases whole, excludes -words, ORs between words", () => {
    expect(shape("美团 快手")).toEqual({ groups: [["美团"], ["快手"]], excluded: [] });
    expect(shape('"Model Y" 交付')).toEqual({ groups: [["model y"], ["交付"]], excluded: [] });
    expect(shape('茅台 -五粮液 -"白 酒"')).toEqual({ groups: [["茅台"]], excluded: ["五粮液", "白 酒"] });
    expect(shape("美团 OR 快手 OR 抖音 腾讯")).toEqual({ groups: [["美团", "快手", "抖音"], ["腾讯"]], excluded: [] });
    expect(shape("“宁德 时代”")).toEqual({ groups: [["宁德 时代"]], excluded: [] });
  });

  it("treats operators out of place and FTS syntax as text", () => {
    expect(shape("OR")).toEqual({ groups: [["or"]], excluded: [] });
    expect(shape("a OR")).toEqual({ groups: [["a"], ["or"]], excluded: [] });
    expect(shape("a or b")).toEqual({ groups: [["a"], ["or"], ["b"]], excluded: [] });
    expect(shape("- 美")).toEqual({ groups: [["-"], ["美"]], excluded: [] });
    expect(shape('"abc')).toEqual({ groups: [["abc"]], excluded: [] });
    expect(shape("NEAR( AND *")).toEqual({ groups: [["near("], ["and"], ["*"]], excluded: [] });
    expect(shape("－美 ＂茅台＂")).toEqual({ groups: [["茅台"]], excluded: ["美"] });
  });

  it("says when nothing positive is left", () => {
    expect(parseQuery("-美").searchable).toBe(false);
    expect(parseQuery('"').searchable).toBe(false);
    expect(toFtsMatch(parseQuery(""))).toBeNull();
  });

  it("caps the number of terms", () => {
    const q = parseQuery(Array.from({ length: 15 }, (_, i) => `w${i}`).join(" "));
    expect(q.groups.length).toBe(MAX_TERMS);
    expect(q.truncated).toBe(true);
    expect(parseQuery("a b").truncated).toBe(false);
  });

  it("builds an FTS5 expression with quoted tokens only", () => {
    expect(toFtsMatch(parseQuery("美 茅台 -股"))).toBe('({t1 b1} : "美" AND {t2 b2} : "茅台") NOT {t1 b1} : "股"');
    expect(toFtsMatch(parseQuery("a OR bc"))).toBe('({t1 b1} : "a" OR {t2 b2} : "bc")');
  });

  it("defines matching as substring of normalized title or body", () => {
    const q = parseQuery("茅台 -白酒");
    expect(matchesText(q, "贵州茅台", "")).toBe(true);
    expect(matchesText(q, "贵州茅台", "白酒龙头")).toBe(false);
    expect(positiveTerms(parseQuery("a OR b -c"))).toEqual(["a", "b"]);
  });
});
