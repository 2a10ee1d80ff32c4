import { describe, expect, it } from "vitest";
import {
  addDays,
  beijingDay,
  endOfBeijingDay,
  formatBeijingDateTime,
  formatBeijingTime,
  formatDayHeading,
  parseBeijingDay,
  parseSourceDate,
  startOfBeijingDay,
  toBeijingIso,
} from "./dates";

const iso = (text: string) => parseSourceDate(text)?.instant.toISOString() ?? null;

describe("parseSourceDate", () => {
  it("reads a date, time and +0800 offset", () => {
    const parsed = parseSourceDate("2021-12-27 17:29:23 +0800");
    expect(parsed).not.toBeNull();
    expect(parsed!.instant.toISOString()).toBe("2021-12-27T09:29:23.000Z");
    expect(parsed!.hasTime).toBe(true);
  });

  it("reads the +08:00 form and other offsets", () => {
    expect(iso("2021-12-27 17:29:23 +08:00")).toBe("2021-12-27T09:29:23.000Z");
    expect(iso("2021-12-27T17:29:23+08:00")).toBe("2021-12-27T09:29:23.000Z");
    expect(iso("2021-12-27 17:29:23 -05:00")).toBe("2021-12-27T22:29:23.000Z");
    expect(iso("2021-12-27T17:29:23Z")).toBe("2021-12-27T17:29:23.000Z");
  });

  it("reads offsets up to ±14:00, the widest in use", () => {
    expect(iso("2022-01-01 12:00:00 +14:00")).toBe("2021-12-31T22:00:00.000Z");
    expect(iso("2022-01-01 12:00:00 -1200")).toBe("2022-01-02T00:00:00.000Z");
    expect(iso("2022-01-01 12:00:00 +0545")).toBe("2022-01-01T06:15:00.000Z");
  });

  it.each(["+9999", "+1401", "-14:30", "+2400", "+0860", "-0099"])("returns null for an offset no clock uses: %s", (offset) => {
    expect(parseSourceDate(`2022-01-01 12:00:00 ${offset}`)).toBeNull();
  });

  it("treats a time without offset as Beijing time", () => {
    const parsed = parseSourceDate("2021-12-08 10:46:18");
    expect(parsed!.instant.toISOString()).toBe("2021-12-08T02:46:18.000Z");
    expect(parsed!.hasTime).toBe(true);
    expect(iso("2021-12-08 10:46")).toBe("2021-12-08T02:46:00.000Z");
  });

  it("treats a date alone as 00:00 Beijing time, without a time of day", () => {
    const parsed = parseSourceDate("2022-06-27");
    expect(parsed!.instant.toISOString()).toBe("2022-06-26T16:00:00.000Z");
    expect(parsed!.hasTime).toBe(false);
  });

  it("ignores surrounding whitespace", () => {
    expect(iso("  2022-06-27 \n")).toBe("2022-06-26T16:00:00.000Z");
  });

  it.each([
    [" +0800"],
    ["+0800"],
    [""],
    ["garbage"],
    ["2022-02-30"],
    ["2021-02-29"],
    ["2022-13-01"],
    ["2022-00-10"],
    ["2022-01-32"],
    ["2022-01-01 24:00:00"],
    ["2022-01-01 10:60:00"],
    ["2022-01-01 10:00:60"],
    ["2022/01/01"],
    ["2022-06-27 +0800"],
    // Years 0–99 must not be mapped onto 1900–1999 by Date.UTC; years before 1900 are typos.
    ["0099-12-31 10:00:00"],
    ["0000-01-01"],
    ["0022-05-20 10:00:00 +0800"],
    ["1899-12-31 23:59:59"],
  ])("returns null for %j", (text) => {
    expect(parseSourceDate(text)).toBeNull();
  });

  it("accepts 1900 as the earliest year", () => {
    expect(iso("1900-01-01 08:00:00")).toBe("1900-01-01T00:00:00.000Z");
    expect(iso("1900-01-01")).toBe("1899-12-31T16:00:00.000Z");
  });

  it("accepts 29 February in a leap year", () => {
    expect(iso("2020-02-29")).toBe("2020-02-28T16:00:00.000Z");
  });
});

describe("beijingDay", () => {
  it("switches day at 16:00 UTC (midnight in Beijing)", () => {
    expect(beijingDay(new Date("2022-05-19T15:59:59.999Z"))).toBe("2022-05-19");
    expect(beijingDay(new Date("2022-05-19T16:00:00.000Z"))).toBe("2022-05-20");
    expect(beijingDay(new Date("2022-05-20T00:00:00.000Z"))).toBe("2022-05-20");
    expect(beijingDay(new Date("2022-05-20T15:59:59.999Z"))).toBe("2022-05-20");
  });

  it("handles year and month ends", () => {
    expect(beijingDay(new Date("2021-12-31T16:00:00.000Z"))).toBe("2022-01-01");
    expect(beijingDay(new Date("2021-12-31T15:59:59.000Z"))).toBe("2021-12-31");
    expect(beijingDay(new Date("2022-02-28T16:00:00.000Z"))).toBe("2022-03-01");
  });

  it("is the day of a parsed source date", () => {
    expect(beijingDay(parseSourceDate("2022-06-27")!.instant)).toBe("2022-06-27");
    expect(beijingDay(parseSourceDate("2022-06-27 23:59:59")!.instant)).toBe("2022-06-27");
    expect(beijingDay(parseSourceDate("2022-06-27 00:00:00 +0000")!.instant)).toBe("2022-06-27");
    expect(beijingDay(parseSourceDate("2022-06-27 20:00:00 +0000")!.instant)).toBe("2022-06-28");
  });
});

describe("startOfBeijingDay / endOfBeijingDay", () => {
  it("bounds a Beijing day in UTC", () => {
    expect(startOfBeijingDay("2022-05-20").toISOString()).toBe("2022-05-19T16:00:00.000Z");
    expect(endOfBeijingDay("2022-05-20").toISOString()).toBe("2022-05-20T16:00:00.000Z");
  });

  it("end is the start of the next day, across month and year ends", () => {
    expect(endOfBeijingDay("2021-12-31").getTime()).toBe(startOfBeijingDay("2022-01-01").getTime());
    expect(endOfBeijingDay("2022-02-28").getTime()).toBe(startOfBeijingDay("2022-03-01").getTime());
  });

  it("contains exactly the instants whose beijingDay is that day", () => {
    const start = startOfBeijingDay("2022-05-20");
    const end = endOfBeijingDay("2022-05-20");
    expect(beijingDay(start)).toBe("2022-05-20");
    expect(beijingDay(new Date(end.getTime() - 1))).toBe("2022-05-20");
    expect(beijingDay(end)).toBe("2022-05-21");
    expect(beijingDay(new Date(start.getTime() - 1))).toBe("2022-05-19");
  });

  it("addDays moves whole days", () => {
    expect(addDays("2022-05-20", 1)).toBe("2022-05-21");
    expect(addDays("2022-05-01", -1)).toBe("2022-04-30");
    expect(addDays("2021-12-31", 1)).toBe("2022-01-01");
    expect(addDays("2020-02-28", 1)).toBe("2020-02-29");
  });
});

describe("formatting", () => {
  it("formatDayHeading gives the Chinese date and weekday", () => {
    expect(formatDayHeading("2022-05-20")).toBe("2022年5月20日 星期五");
    expect(formatDayHeading("2021-12-27")).toBe("2021年12月27日 星期一");
    expect(formatDayHeading("2022-06-26")).toBe("2022年6月26日 星期日");
  });

  it("formats times in Beijing time", () => {
    const instant = new Date("2022-05-20T10:19:53Z");
    expect(formatBeijingTime(instant)).toBe("18:19");
    expect(formatBeijingDateTime(instant)).toBe("2022年5月20日 18:19");
    expect(formatBeijingDateTime(new Date("2022-06-26T16:00:00Z"), false)).toBe("2022年6月27日");
    expect(toBeijingIso(instant)).toBe("2022-05-20T18:19:53+08:00");
  });
});

describe("parseBeijingDay", () => {
  it("accepts a real YYYY-MM-DD day", () => {
    expect(parseBeijingDay("2022-05-20")).toBe("2022-05-20");
    expect(parseBeijingDay("2020-02-29")).toBe("2020-02-29");
    expect(parseBeijingDay("1900-01-01")).toBe("1900-01-01");
  });

  it.each([
    ["2022-5-20"],
    ["2022-05-2"],
    ["22-05-20"],
    ["2022-02-30"],
    ["2022-13-01"],
    ["2022-05-20 "],
    [" 2022-05-20"],
    ["2022-05-20T00:00"],
    ["2022-05-20 10:00:00"],
    ["2022/05/20"],
    ["20220520"],
    [""],
    ["today"],
    ["0000-01-01"],
    ["0099-12-31"],
    ["1899-12-31"],
  ])("rejects %j", (text) => {
    expect(parseBeijingDay(text)).toBeNull();
  });
});
