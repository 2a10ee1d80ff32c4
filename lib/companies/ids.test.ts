import { describe, expect, it } from "vitest";
import { isListingId, listingIdFromEastmoney, quoteUrl, splitListingId } from "./ids";

describe("listingIdFromEastmoney", () => {
  it.each([
    ["116", "01024", "hk01024"],
    ["1", "600519", "sh600519"],
    ["0", "300750", "sz300750"],
    ["105", "BABA", "usbaba"],
    ["106", "NIO", "usnio"],
    ["107", "NIO", "usnio"],
    [" 116 ", " 00700 ", "hk00700"],
  ])("market %j code %j → %s", (market, code, expected) => {
    expect(listingIdFromEastmoney(market, code)).toBe(expected);
  });

  it("returns null for sector boards (market 90)", () => {
    expect(listingIdFromEastmoney("90", "BK1037")).toBeNull();
    expect(listingIdFromEastmoney("90", "BK0493")).toBeNull();
  });

  it("returns null for unknown markets and unsafe codes", () => {
    expect(listingIdFromEastmoney("999", "00001")).toBeNull();
    expect(listingIdFromEastmoney("", "00001")).toBeNull();
    expect(listingIdFromEastmoney("116", "")).toBeNull();
    expect(listingIdFromEastmoney("116", "<script>")).toBeNull();
    expect(listingIdFromEastmoney("105", "BRK B")).toBeNull();
  });

  it("produces ids that pass isListingId", () => {
    for (const [market, code] of [
      ["116", "01024"],
      ["1", "600519"],
      ["0", "300750"],
      ["105", "BABA"],
      ["106", "NIO"],
    ]) {
      expect(isListingId(listingIdFromEastmoney(market, code)!)).toBe(true);
    }
  });
});

describe("isListingId", () => {
  it.each(["hk01024", "hk00700", "sh600519", "sz000725", "sz300750", "usbaba", "usnio", "usbrk.b"])("accepts %s", (id) => {
    expect(isListingId(id)).toBe(true);
  });

  it.each([
    "",
    "hk1024",
    "hk001024",
    "HK01024",
    "sh60051",
    "sz0007250",
    "us",
    "usBABA",
    "us1abc",
    "bk1037",
    "90BK1037",
    " hk01024",
    "hk01024 ",
  ])("rejects %j", (id) => {
    expect(isListingId(id)).toBe(false);
  });
});

describe("splitListingId / quoteUrl", () => {
  it("splits ids and upper-cases US tickers", () => {
    expect(splitListingId("hk01024")).toEqual({ market: "hk", code: "01024" });
    expect(splitListingId("usbaba")).toEqual({ market: "us", code: "BABA" });
  });

  it("builds eastmoney quote URLs", () => {
    expect(quoteUrl("hk01024")).toBe("https://quote.eastmoney.com/unify/r/116.01024");
    expect(quoteUrl("sh600519")).toBe("https://quote.eastmoney.com/unify/r/1.600519");
    expect(quoteUrl("sz000725")).toBe("https://quote.eastmoney.com/unify/r/0.000725");
    expect(quoteUrl("usnio", "106")).toBe("https://quote.eastmoney.com/unify/r/106.NIO");
  });
});
