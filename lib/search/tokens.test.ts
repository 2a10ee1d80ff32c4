import { describe, expect, it } from "vitest";
import { bigramTokens, encodedChars, encodeChar, indexColumns, termTokens } from "./tokens";

describe("index tokens", () => {
  it("keeps letters, digits and CJK, escapes ASCII punctuation and the escape character", () => {
    expect(encodeChar("美")).toBe("美");
    expect(encodeChar("a")).toBe("a");
    expect(encodeChar("%")).toBe("\uE00025");
    expect(encodeChar(" ")).toBe("\uE00020");
    expect(encodeChar("\uE000")).toBe("\uE00080");
    expect(encodeChar("😀")).toBe("😀");
  });

  it("encodes distinct characters and pairs distinctly (tokens hold no ASCII separator)", () => {
    const chars = ["a", "b", "%", "_", " ", "\uE000", "美", "😀", "0", "2", "5"];
    const uni = new Set(chars.map(encodeChar));
    expect(uni.size).toBe(chars.length);
    const pairs = chars.flatMap((x) => chars.map((y) => encodeChar(x) + encodeChar(y)));
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const token of [...uni, ...pairs]) expect(token).toMatch(/^[a-z0-9\u0080-\u{10ffff}]+$/u);
  });

  it("makes unigrams and adjacent bigrams per column", () => {
    const columns = indexColumns("宁德时代", "Model Y");
    expect(columns.titleUnigrams).toBe("宁 德 时 代");
    expect(columns.titleBigrams).toBe("宁德 德时 时代");
    expect(columns.bodyBigrams.split(" ")).toEqual(bigramTokens(encodedChars("model y")));
    expect(indexColumns("美", "").titleBigrams).toBe("");
  });

  it("looks up one character as a unigram, longer terms as bigram phrases", () => {
    expect(termTokens("美")).toEqual({ kind: "unigram", tokens: ["美"] });
    expect(termTokens("茅台")).toEqual({ kind: "bigram", tokens: ["茅台"] });
    expect(termTokens("😀👍")).toEqual({ kind: "bigram", tokens: ["😀👍"] });
  });
});
