// An entry's publication time as the `data-published` attribute carries it to
// the browser: Beijing ISO time, or the Beijing day alone when the source gave
// no time (00:00 would claim a time nobody wrote).
import { toBeijingIso } from "../dates";

export function publishedAttribute(publishedAt: Date, hasTime: boolean): string {
  const iso = toBeijingIso(publishedAt);
  return hasTime ? iso : iso.slice(0, 10);
}

/** `data-published` as milliseconds; NaN when unreadable. */
export function publishedMs(value: string | undefined): number {
  if (!value) return NaN;
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value);
}
