// The response cache's key for a URL's query (lib/response-cache.ts): a
// canonical form of every parameter that shapes a page. Every page reads its
// parameters through lib/filters (cache-key.test.ts checks that no code reads
// one any other way), so the declared parameters are all a page can see.
import { FILTERS, parseFilters, type Filters } from "./index";
import type { FilterDeclaration } from "./declaration";
import { PAGING_PARAMS } from "./paging";
import { readParam, searchParamsFrom } from "./params";

/**
 * `company=hk01024,usbaba&page=2`-like text, with every name and value
 * percent-encoded (so `company=a%26q%3Db` never reads as `company=a&q=b`),
 * filters in declaration order, paging after them. A filter whose values parse
 * cleanly is written canonically (`company=USBABA,hk01024` and
 * `company=hk01024,usbaba` share a page); one that gave a notice is kept as
 * written, since the notice echoes it (`/?company=bogus` is not `/`).
 * "" when nothing shapes the page.
 */
export function cacheKeyParams(searchParams: URLSearchParams): string {
  const params = searchParamsFrom(searchParams);
  const read = (param: string) => readParam(params, param);
  const { filters } = parseFilters(params);
  const pairs: [string, string][] = [];
  for (const declaration of FILTERS as readonly FilterDeclaration<object>[]) {
    const given = present(declaration.params, read);
    if (!given.length) continue;
    const parsed = declaration.parse(read);
    const clean = !parsed.notices.length && !parsed.matchesNothing;
    pairs.push(...(clean ? declaration.serialize(parsed.value, filters as Filters) : given));
  }
  pairs.push(...present(PAGING_PARAMS, read));
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
}

function present(names: readonly string[], read: (param: string) => string | null): [string, string][] {
  return names.flatMap((name) => {
    const value = read(name);
    return value === null ? [] : [[name, value] as [string, string]];
  });
}
