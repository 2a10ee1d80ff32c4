// Stock codes written in article text — 福森药业(1652.HK), 华兰生物（002007.SZ）,
// 长城汽车(601633.SH), 英特尔(INTC.O), 航天科技(000901) — as listing ids, with
// the name written beside them.

export type CodeMention = {
  listingId: string;
  /** The name written just before the code, cleaned of leading filler; null when there is none. */
  name: string | null;
  /** Offsets of the name (or the code, without a name) in the text. */
  start: number;
  end: number;
};

const PAREN_RE = /[（(]\s*([A-Za-z0-9.:：\s]{1,24}?)\s*[）)]/g;
// A run of name characters right before the bracket: Han, Latin, digits, ·, -.
const NAME_BEFORE_RE = /[\p{Script=Han}A-Za-z0-9·\-－]+$/u;
// Words that end the text before a name: "公告称华兰生物", "旗下子公司华兰疫苗", "与宁德时代".
const LEADING_FILLER_RE =
  /^.*(?:公告称|消息称|宣布|表示|显示|指出|据悉|旗下|子公司|控股股东|股东|公司|个股|其中|包括|以及|例如|比如|及|与|和|同|跟|向|对|在|的|了|是|为|称|据|如|、)/u;

/** Listing id for the text inside a bracket, or null when it is not a stock code. */
export function listingIdFromCode(inside: string): string | null {
  const code = inside.replace(/\s+/g, "").toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(?:HK[:：]?)?(\d{4,5})(?:\.HK)?$/.exec(code)) && (code.includes("HK") || m[1].length === 5)) {
    return `hk${m[1].padStart(5, "0")}`;
  }
  if ((m = /^(?:(SH|SZ)[:：]?)?(\d{6})(?:\.(SH|SS|SZ))?$/.exec(code))) {
    const market = (m[1] ?? m[3])?.replace("SS", "SH");
    const inferred = /^[69]/.test(m[2]) ? "SH" : /^[023]/.test(m[2]) ? "SZ" : null; // 4xxxxx/8xxxxx: Beijing, not covered
    if (!inferred || (market && market !== inferred)) return null;
    return `${inferred.toLowerCase()}${m[2]}`;
  }
  if ((m = /^([A-Z][A-Z.]{0,6}?)\.(?:O|OQ|N|A|US)$/.exec(code)) || (m = /^(?:NASDAQ|NYSE|AMEX)[:：]([A-Z][A-Z.]{0,6})$/.exec(code))) {
    return `us${m[1].toLowerCase()}`;
  }
  return null;
}

/** Every stock code in `text`, in order. */
export function findStockCodes(text: string): CodeMention[] {
  const found: CodeMention[] = [];
  for (const match of text.matchAll(PAREN_RE)) {
    const listingId = listingIdFromCode(match[1]);
    if (!listingId) continue;
    const before = NAME_BEFORE_RE.exec(text.slice(Math.max(0, match.index - 24), match.index));
    const raw = before?.[0] ?? "";
    const name = raw.replace(LEADING_FILLER_RE, "");
    const hasName = Array.from(name).length >= 2 && /\p{Script=Han}|[A-Za-z]{2}/u.test(name);
    // A bare number in brackets is a code only beside a name: (2021) is a year.
    if (!hasName && /^\s*\d+\s*$/.test(match[1])) continue;
    found.push({
      listingId,
      name: hasName ? name : null,
      start: hasName ? match.index - name.length : match.index,
      end: match.index + match[0].length,
    });
  }
  return found;
}
