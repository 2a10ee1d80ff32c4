import { describe, expect, it } from "vitest";
import { normalize, normalizeWithMap } from "./normalize";

describe("normalize", () => {
  it("folds width and case, collapses and trims whitespace", () => {
    expect(normalize("  ＴＳＬＡ　Model\n\tY  ")).toBe("tsla model y");
    expect(normalize("１００％")).toBe("100%");
    expect(normalize("ﬁ ㈱")).toBe("fi (株)");
    expect(normalize("宁德时代")).toBe("宁德时代");
  });

  it("fast path and per-segment path agree", () => {
    const samples = [
      "ΑΣ ΑΣΑ",
      "Café",
      "e\u0301",
      "\u1100\u1161",
      "¨a",
      "İstanbul",
      "ＡＢＣ　ｄｅｆ",
      "a\u00a0b",
      "x\uD800y",
      "美 团\n快手",
    ];
    for (const s of samples) expect(normalize(s)).toBe(normalizeWithMap(s).text);
  });

  it("maps every normalized unit back to its source characters", () => {
    const source = "Ａ  ﬁ㈱😀";
    const { text, sourceStart, sourceEnd } = normalizeWithMap(source);
    expect(text).toBe("a fi(株)😀");
    expect(sourceStart.length).toBe(text.length);
    expect(source.slice(sourceStart[2], sourceEnd[3])).toBe("ﬁ");
    expect(source.slice(sourceStart[4], sourceEnd[6])).toBe("㈱");
    expect(source.slice(sourceStart[7], sourceEnd[8])).toBe("😀");
  });
});
