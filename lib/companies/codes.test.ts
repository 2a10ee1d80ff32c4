import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { displayCode, displayCodes, resolveCode } from "./codes";
import { boardNamesInHtml, sectorBoardName } from "./sector-boards";
import { loadDirectory } from "./directory";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const { directory } = loadDirectory(path.join(projectRoot, "content-without-overlay"));

describe("displayCode: codes as readers write them", () => {
  it.each([
    ["sh600519", "600519"],
    ["sz300750", "300750"],
    ["hk00700", "00700.HK"],
    ["hk01024", "01024.HK"],
    ["usaapl", "AAPL"],
    ["usbrk.b", "BRK.B"],
  ])("%s → %s", (id, code) => expect(displayCode(id)).toBe(code));

  it("lists every listing of a company, primary first", () => {
    expect(displayCodes(directory.byListing.get("sz002594")!.listings)).toEqual(["002594", "01211.HK"]);
    expect(displayCodes(directory.byListing.get("hk09988")!.listings)).toEqual(["09988.HK", "BABA"]);
  });

  it("leaves text that is no listing id alone", () => {
    expect(displayCode("BK1037")).toBe("BK1037");
  });
});

describe("resolveCode: a reader's code → listing ids", () => {
  it.each([
    ["600519", "sh600519"],
    ["sh600519", "sh600519"],
    ["SH600519", "sh600519"],
    ["600519.SH", "sh600519"],
    ["600519.ss", "sh600519"],
    ["sz:300750", "sz300750"],
    ["300750", "sz300750"],
    ["000002", "sz000002"],
    ["688981", "sh688981"],
    ["00700.HK", "hk00700"],
    ["0700.hk", "hk00700"],
    ["700.HK", "hk00700"],
    ["HK:700", "hk00700"],
    ["hk00700", "hk00700"],
    ["00700", "hk00700"],
    ["0700", "hk00700"],
    ["01024.HK", "hk01024"],
    ["AAPL", "usaapl"],
    ["aapl", "usaapl"],
    ["usaapl", "usaapl"],
    ["BABA", "usbaba"],
    ["BABA.N", "usbaba"],
    ["AAPL.O", "usaapl"],
    ["NASDAQ:AAPL", "usaapl"],
    ["BRK.B", "usbrk.b"],
    [" ６００５１９ ", "sh600519"],
  ])("%s → %s", (text, id) => expect(resolveCode(text)[0]).toBe(id));

  it.each([["700"], ["830799"], ["430047"], ["600519.SZ"], ["茅台"], [""], ["TENCENTHOLDINGS"]])("%s is no code", (text) => {
    expect(resolveCode(text)).toEqual([]);
  });

  it("reads lowercase listing ids first, then the ticker the same letters spell", () => {
    expect(resolveCode("usb")).toEqual(["usb", "ususb"]);
    expect(resolveCode("USB")).toEqual(["ususb", "usb"]);
  });

  it("every A-share and HK listing in the directory round-trips through its reader's code", () => {
    const listings = directory.companies.flatMap((c) => c.listings);
    const sixDigit = new Map<string, string[]>();
    for (const id of listings) if (/^s[hz]/.test(id)) sixDigit.set(id.slice(2), [...(sixDigit.get(id.slice(2)) ?? []), id]);
    expect([...sixDigit.values()].filter((ids) => ids.length > 1)).toEqual([]);
    for (const id of listings) expect(resolveCode(displayCode(id)), id).toContain(id);
  });
});

describe("sector boards", () => {
  it("names the boards the corpus charts and links", () => {
    expect(sectorBoardName("BK1037")).toBe("消费电子");
    expect(sectorBoardName("90.BK1036")).toBe("半导体");
    expect(sectorBoardName("BK9999")).toBeNull();
    expect(sectorBoardName("BK9999", new Map([["BK9999", "测试板块"]]))).toBe("测试板块");
  });

  it("reads board names from eastmoney's inline links in a real post", () => {
    const post = readFileSync(path.join(projectRoot, "content", "2022-05-31-202205312398034850.md"), "utf8");
    const names = boardNamesInHtml(post);
    expect(names.get("BK1037")).toBe("消费电子");
    expect(names.get("BK1036")).toBe("半导体");
    expect(names.get("BK0473")).toBe("证券");
    for (const [code, name] of names) expect(sectorBoardName(code), code).toBe(name);
  });
});
