// Direction words: 增持 and 减持 make the same sentence mean opposite news, so
// two titles that point opposite ways on one axis are never one story, however
// alike their words (measured: 增持 vs 减持 titles overlap 0.86).

// Axis, then words pointing up (+) and down (−). Longest words are matched first,
// so 涨停 is not also 涨, and 天地板 is not read as 地天板.
const AXES: [axis: string, up: string[], down: string[]][] = [
  ["holding", ["增持", "加仓", "增仓"], ["减持", "减仓", "清仓"]],
  ["rating", ["上调", "调高", "上修", "提高", "上升至"], ["下调", "调低", "下修", "降低", "降至"]],
  ["limit", ["涨停", "地天板"], ["跌停", "天地板"]],
  ["profit", ["盈利", "扭亏", "预盈", "盈"], ["亏损", "预亏", "由盈转亏", "亏"]],
  ["trade", ["买入", "净买入", "净流入", "流入"], ["卖出", "净卖出", "净流出", "流出"]],
  ["growth", ["增长", "预增", "同比增", "增加"], ["下降", "预减", "同比降", "同比减", "减少", "下滑"]],
  [
    "price",
    ["上涨", "大涨", "暴涨", "走高", "走强", "高开", "收涨", "反弹", "拉升", "涨"],
    ["下跌", "大跌", "暴跌", "走低", "走弱", "低开", "收跌", "跳水", "跌"],
  ],
  ["rate", ["加息", "升息"], ["降息"]],
  ["flow", ["北向", "北上"], ["南向", "南下"]],
  ["yuan", ["在岸"], ["离岸"]],
];

const WORDS = new Map(
  AXES.flatMap(([, up, down], axis) => [
    ...up.map((word) => [word, 1 << (2 * axis)] as const),
    ...down.map((word) => [word, 1 << (2 * axis + 1)] as const),
  ]),
);
// One pass: at each position the alternation tries longer words first.
const WORDS_RE = new RegExp([...WORDS.keys()].sort((a, b) => b.length - a.length).join("|"), "g");

/** Bits 2·axis (up) and 2·axis+1 (down) of the direction words in folded text. */
export function directionBits(text: string): number {
  let bits = 0;
  for (const m of text.matchAll(WORDS_RE)) bits |= WORDS.get(m[0])!;
  return bits;
}

/** The axis on which one text points only up and the other only down, or null. */
export function directionConflict(a: number, b: number): string | null {
  for (let axis = 0; axis < AXES.length; axis++) {
    const [up, down] = [1 << (2 * axis), 1 << (2 * axis + 1)];
    const aWay = a & (up | down);
    const bWay = b & (up | down);
    if ((aWay === up && bWay === down) || (aWay === down && bWay === up)) return AXES[axis][0];
  }
  return null;
}
