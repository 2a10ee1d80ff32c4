// A free-text parameter (source, q): at most MAX_TEXT characters.
import type { FilterDeclaration, Parsed } from "./declaration";
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

type TextValue<K extends string> = { [key in K]: string | null };

/** How a text filter reads, writes and tells whether it is set: parameter `param`, value `filters[key]`. */
export function textParameter<K extends string>(
  param: string,
  key: K,
): Pick<FilterDeclaration<TextValue<K>>, "params" | "parse" | "serialize" | "isSet"> {
  return {
    params: [param],
    parse(read) {
      const { value, ...rest } = parseText(read, param);
      return { value: { [key]: value } as TextValue<K>, ...rest };
    },
    serialize: (value) => (value[key] ? [[param, value[key]!]] : []),
    isSet: (value) => !!value[key],
  };
}
