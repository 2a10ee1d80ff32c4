// The desk's lookups (POST /api/companies, POST /api/articles) take a JSON
// list of strings; anything else is refused with a reason naming the field.

export const MAX_BODY_BYTES = 32 * 1024;

export function parseStringList(
  body: string,
  field: string,
  { max, maxLength }: { max: number; maxLength: number },
): { values: string[] } | { error: string } {
  if (body.length > MAX_BODY_BYTES) return { error: `请求体超过 ${MAX_BODY_BYTES} 字节` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: "请求体不是 JSON" };
  }
  const list = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(list)) return { error: `${field} 应为字符串数组` };
  if (list.length > max) return { error: `${field} 最多 ${max} 项，收到 ${list.length} 项` };
  const bad = list.findIndex((value) => typeof value !== "string" || Array.from(value).length > maxLength);
  if (bad >= 0) return { error: `${field}[${bad}] 应为不超过 ${maxLength} 个字符的字符串` };
  return { values: list as string[] };
}
