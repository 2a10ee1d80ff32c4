import { describe, expect, it } from "vitest";
import { highlightTitle, SNIPPET_SCAN_CHARS, snippet, type Segment } from "./highlight";

const marked = (segments: Segment[]) => segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join("");

describe("highlightTitle", () => {
  it("marks every occurrence of every positive term, keeping original characters", () => {
    expect(marked(highlightTitle("快手战略合作美团：美团小程序", "美团 快手"))).toBe("[快手]战略合作[美团]：[美团]小程序");
    expect(marked(highlightTitle("ＴＳＬＡ交付 Model  Y", '"model y" tsla'))).toBe("[ＴＳＬＡ]交付 [Model  Y]");
    expect(marked(highlightTitle("㈱テスト", "(株)"))).toBe("[㈱]テスト");
    expect(marked(highlightTitle("茅台白酒", "茅台 -白酒"))).toBe("[茅台]白酒");
  });

  it("merges overlapping hits and returns plain text without hits", () => {
    expect(marked(highlightTitle("aaaa", "aa aaa"))).toBe("[aaaa]");
    expect(highlightTitle("<b>x</b>", "zz")).toEqual([{ text: "<b>x</b>", hit: false }]);
    expect(highlightTitle("", "x")).toEqual([]);
  });
});

describe("snippet", () => {
  const text = `${"前文".repeat(100)}宁德时代发布新电池，宁德时代股价上涨。${"后文".repeat(100)}`;

  it("shows a window around the first hit with ellipses where cut", () => {
    const segments = snippet(text, "宁德时代", 60);
    const joined = segments.map((s) => s.text).join("");
    expect(joined.startsWith("…")).toBe(true);
    expect(joined.endsWith("…")).toBe(true);
    expect(joined.length).toBeLessThanOrEqual(62);
    expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual(["宁德时代", "宁德时代"]);
  });

  it("starts at the beginning without a hit, and never splits a surrogate pair", () => {
    expect(marked(snippet("短文本", "无", 120))).toBe("短文本");
    const emoji = "😀".repeat(100);
    for (const max of [9, 10, 11]) {
      const out = snippet(emoji, "x", max)
        .map((s) => s.text)
        .join("");
      expect(out.replace("…", "")).toMatch(/^(?:😀)+$/u);
    }
  });

  it("looks for hits in the first 20,000 characters only, so a long body costs no more than that", () => {
    const body = (at: number) => `${"字".repeat(at)}茅台${"字".repeat(100_000 - at)}`;
    expect(marked(snippet(body(SNIPPET_SCAN_CHARS - 10), "茅台", 20))).toBe(`…${"字".repeat(5)}[茅台]${"字".repeat(13)}…`);
    expect(marked(snippet(body(SNIPPET_SCAN_CHARS + 10), "茅台", 20))).toBe(`${"字".repeat(20)}…`);
  });
});
