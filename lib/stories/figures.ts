// Figures in a title: a value with its unit, what it measures (净流入, 涨, 回购…)
// and whose it is. Two titles that give one figure of one subject on one day
// report one story however the value moved (北向资金 30亿 → 40亿); the same words
// with another value for another subject (回购10亿 by one company, 20亿 by
// another) are two stories.

export type Figure = {
  /** In base units: 近百亿 → 1e10, 1.7% → 1.7. */
  value: number;
  /** 元 (also for a bare 亿/万 amount), 美元, 港元, %, 股, 点… */
  unit: string;
  /** What the figure measures, from METRICS (净流入, 涨, 目标价…), or "" when no metric word precedes it. */
  metric: string;
  /** Whose figure: the title's company ids joined, else the words before the metric (北向资金). */
  subject: string;
};

const SCALES: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3 };
const UNITS = [
  "美元",
  "港元",
  "欧元",
  "日元",
  "英镑",
  "元",
  "%",
  "个基点",
  "基点",
  "股",
  "手",
  "吨",
  "辆",
  "头",
  "家",
  "点",
  "倍",
  "只",
  "项",
  "座",
  "个",
];
const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_MULTIPLIERS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

// A Chinese numeral counts only before a scale (近百亿): 一季度 and 十四五 are no figures.
const NUMBER_SOURCE = "([0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?|[零一二两三四五六七八九十百千]+(?=万亿|亿|万))";
const FIGURE_RE = new RegExp(`${NUMBER_SOURCE}\\s*(万亿|亿|万|千)?\\s*(${UNITS.join("|")})?`, "g");

// Metric words, longest first; synonyms share one name (净买入 is 净流入 for a fund flow).
const METRICS: [word: string, metric: string][] = [
  ["净流入", "净流入"],
  ["净买入", "净流入"],
  ["净流出", "净流出"],
  ["净卖出", "净流出"],
  ["目标价", "目标价"],
  ["涨幅", "涨"],
  ["跌幅", "跌"],
  ["涨超", "涨"],
  ["涨逾", "涨"],
  ["涨近", "涨"],
  ["上涨", "涨"],
  ["大涨", "涨"],
  ["续升", "涨"],
  ["跌超", "跌"],
  ["跌逾", "跌"],
  ["下跌", "跌"],
  ["大跌", "跌"],
  ["回购", "回购"],
  ["增持", "增持"],
  ["减持", "减持"],
  ["募资", "募资"],
  ["中标", "中标"],
  ["营收", "营收"],
  ["净利润", "净利"],
  ["净利", "净利"],
  ["销量", "销量"],
  ["销售金额", "销售"],
  ["质押", "质押"],
  ["成交额", "成交额"],
  ["报", "报"],
  ["涨", "涨"],
  ["跌", "跌"],
];
// Other names of one subject: 北上资金 is 北向资金.
const SUBJECT_SYNONYMS: [RegExp, string][] = [
  [/北上资金|沪深股通|陆股通/g, "北向资金"],
  [/南下资金|港股通/g, "南向资金"],
];
// Words between a subject and its metric that do not change the subject.
const SUBJECT_FILLER_RE = /(?:今日|今天|累计|全天|午间|早盘|半日|截至目前|截至收盘|拟|将|已|再|续|达|超|近|约|逾|共|合计)+$/;

function parseChineseNumber(text: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else if (ch in CN_MULTIPLIERS) {
      total += (digit ?? 1) * CN_MULTIPLIERS[ch];
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

function metricBefore(text: string): { metric: string; start: number } | null {
  let best: { metric: string; start: number; end: number } | null = null;
  for (const [word, metric] of METRICS) {
    const at = text.lastIndexOf(word);
    if (at < 0) continue;
    const end = at + word.length;
    // The metric word closest to the number wins; at one end, the longer word.
    if (!best || end > best.end || (end === best.end && at < best.start)) best = { metric, start: at, end };
  }
  return best && { metric: best.metric, start: best.start };
}

/**
 * Figures of a folded, comparable title. `companies`: the title's company ids;
 * when there are any they are the subject, else the words before the metric.
 */
export function extractFigures(title: string, companies: readonly string[] = []): Figure[] {
  const figures: Figure[] = [];
  const companySubject = [...companies].sort().join(",");
  for (const m of title.matchAll(FIGURE_RE)) {
    const [, number, scale, unit] = m;
    if (!scale && !unit) continue;
    const base = /^[0-9]/.test(number) ? Number(number.replace(/,/g, "")) : parseChineseNumber(number);
    if (base === null || !Number.isFinite(base)) continue;
    const before =
      title
        .slice(0, m.index)
        .split(/[\s,，。;；:：!！?？、|｜]/)
        .pop() ?? "";
    const found = metricBefore(before);
    let subject = companySubject;
    if (!subject && found) {
      subject = before
        .slice(0, found.start)
        .replace(/[^\p{Script=Han}a-z]/gu, "")
        .replace(SUBJECT_FILLER_RE, "");
      for (const [re, name] of SUBJECT_SYNONYMS) subject = subject.replace(re, name);
    }
    figures.push({ value: base * (scale ? SCALES[scale] : 1), unit: unit ?? "元", metric: found?.metric ?? "", subject });
  }
  return figures;
}

/** Two figures of one subject and one metric: the value may differ, the story does not. */
export const sameFigure = (a: Figure, b: Figure) =>
  a.metric !== "" && a.subject !== "" && a.metric === b.metric && a.subject === b.subject && a.unit === b.unit;

const sameValue = (v: number, w: number) => Math.abs(v - w) <= 1e-9 * Math.max(1, Math.abs(v));

/**
 * How the figures of two titles relate: "update" when they share a figure
 * (same subject, metric, unit); "conflict" when some unit appears in both with
 * no value in common; "same value" when they give one value in one unit; else "none".
 */
export function compareFigures(a: readonly Figure[], b: readonly Figure[]): "update" | "conflict" | "same value" | "none" {
  if (a.some((x) => b.some((y) => sameFigure(x, y)))) return "update";
  let shared = false;
  for (const unit of new Set(a.map((x) => x.unit))) {
    const mine = a.filter((x) => x.unit === unit).map((x) => x.value);
    const theirs = b.filter((y) => y.unit === unit).map((y) => y.value);
    if (!theirs.length) continue;
    if (!mine.some((v) => theirs.some((w) => sameValue(v, w)))) return "conflict";
    shared = true;
  }
  return shared ? "same value" : "none";
}
