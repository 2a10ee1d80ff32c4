// A free-text parameter (source, q): at most MAX_TEXT characters.
import type { Parsed } from "./declaration";
import type { FilterNotice } from "./params";

export const MAX_TEXT = 100;

export function parseText(read: (param: string) => string | null, param: string): Parsed<string | null> {
  const raw = read(param);
  if (raw && Array.from(raw).length > MAX_TEXT) {
    const notice: FilterNotice = { param, value: raw.slice(0, 20) + "…", reason: `超过 ${MAX_TEXT} 个字符` };
    return { value: null, notices: [notice], matchesNothing: true };
  }
  return { value: raw, notices: [] };
}
