// Beijing-time helpers. Instants are stored in UTC; readers see and filter by
// Asia/Shanghai calendar days. China has had no DST since 1991, so a fixed
// +08:00 offset is exact for every date this reader deals with.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type SourceDate = { instant: Date; hasTime: boolean };

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a date as the source sites write it ("2021-12-27 17:29:23 +0800",
 * "2021-12-08 10:46:18", "2022-06-27"). No offset means Beijing time; a date
 * alone means 00:00 Beijing time that day. Returns null for anything else,
 * including impossible dates such as 2022-02-30.
 */
export function parseSourceDate(text: string): SourceDate | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const hasTime = h !== undefined;
  if (!hasTime && zone) return null;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const hour = Number(h ?? 0),
    minute = Number(mi ?? 0),
    second = Number(s ?? 0);
  // Years before 1900 are typos, and Date.UTC would map 0–99 onto the 1900s.
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallClockAsUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const offsetMs = zone ? parseOffset(zone) : BEIJING_OFFSET_MS;
  if (offsetMs === null) return null;
  return { instant: new Date(wallClockAsUtc - offsetMs), hasTime };
}

/** Real UTC offsets run from -12:00 to +14:00; anything past ±14:00 (or 60 minutes or more) is not one. */
function parseOffset(zone: string): number | null {
  if (zone === "Z") return 0;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
  return sign * (hours * 60 + minutes) * 60 * 1000;
}

const ISO_DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict YYYY-MM-DD check for URL parameters; returns the day or null. */
export function parseBeijingDay(text: string): string | null {
  const m = ISO_DAY_RE.exec(text);
  if (!m) return null;
  const parsed = parseSourceDate(text);
  return parsed ? text : null;
}

/** The instant Beijing day `day` (YYYY-MM-DD) starts. */
export function startOfBeijingDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) - BEIJING_OFFSET_MS);
}

/** The instant the Beijing day after `day` starts (exclusive end of `day`). */
export function endOfBeijingDay(day: string): Date {
  return new Date(startOfBeijingDay(day).getTime() + DAY_MS);
}

/** The Beijing calendar day (YYYY-MM-DD) of an instant. */
export function beijingDay(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Adds whole days to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return beijingDay(new Date(startOfBeijingDay(day).getTime() + days * DAY_MS));
}

const WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

/** "2022年5月20日 星期五" for a YYYY-MM-DD Beijing day. */
export function formatDayHeading(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${y}年${m}月${d}日 ${weekday}`;
}

/** "18:19" in Beijing time. */
export function formatBeijingTime(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(11, 16);
}

/** "2022年5月20日 18:19" (or without the time when the source gave a date only). */
export function formatBeijingDateTime(instant: Date, hasTime = true): string {
  const heading = formatDayHeading(beijingDay(instant)).split(" ")[0];
  return hasTime ? `${heading} ${formatBeijingTime(instant)}` : heading;
}

/** ISO 8601 with the +08:00 offset, for <time dateTime> and feeds. */
export function toBeijingIso(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19) + "+08:00";
}
