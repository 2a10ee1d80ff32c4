// Reading query parameters: the one place that does. Pages hand their
// searchParams to lib/filters, and everything they read comes through
// `readParam`, so the response cache's key (./cache-key.ts) sees exactly what
// a page can see.

/** Search params as pages receive them (repeated keys become arrays). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** URLSearchParams as the plain object pages receive. */
export function searchParamsFrom(params: URLSearchParams): SearchParams {
  const out: SearchParams = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/**
 * A parameter's value: repeated values joined with commas (checkboxes in a GET
 * form send `company=a&company=b`, the same as `company=a,b`), trimmed; null
 * when absent or blank (an unfilled form field).
 */
export function readParam(params: SearchParams, name: string): string | null {
  const value = params[name];
  const text = (Array.isArray(value) ? value.join(",") : value)?.trim();
  return text ? text : null;
}

/** A value the reader asked for but that cannot be used: shown as a notice, then ignored. */
export type FilterNotice = { param: string; value: string; reason: string };

/** A notice's copy of the value: long enough to recognise, short enough for one line. */
export function noticeValue(raw: string, length = 40): string {
  return raw.slice(0, length);
}
