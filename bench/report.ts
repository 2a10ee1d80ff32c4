// Collects figures, prints them as a table with goals and ✓/✗, writes
// bench/results/latest.json (the previous one becomes previous.json) and
// prints the change against the previous run.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { paths } from "./config";
import { goalFor, meets, type Goal } from "./goals";

export type Figure = {
  label: string;
  value: number | boolean | string | null;
  unit: string;
  goal: Goal | null;
  pass: boolean | null;
  note?: string;
};
export type Results = { meta: Record<string, unknown>; figures: Record<string, Figure>; details: Record<string, unknown> };

export class Report {
  readonly results: Results;
  constructor(meta: Record<string, unknown>) {
    this.results = { meta, figures: {}, details: {} };
  }

  /** Adds one figure; `key` is "section.name" and picks the goal (bench/goals.ts). */
  add(key: string, label: string, value: Figure["value"] | undefined, unit = "", note?: string) {
    const goal = goalFor(key);
    const v = value === undefined ? null : value;
    this.results.figures[key] = { label, value: v, unit, goal, pass: goal ? meets(v, goal) : null, ...(note ? { note } : {}) };
  }

  detail(key: string, value: unknown) {
    this.results.details[key] = value;
  }

  /**
   * One line per figure for "section.name" keys; "section.group.metric" keys
   * share one line per group (e.g. every latency figure of one page type).
   */
  print() {
    const rows = Object.entries(this.results.figures);
    const sections = [...new Set(rows.map(([k]) => k.split(".")[0]))];
    const line = "─".repeat(100);
    const mark = (f: Figure) => (f.pass === null ? (f.goal ? "?" : "") : f.pass ? "✓" : "✗");
    const goalText = (g: Goal) => `${g.op === "==" ? "=" : g.op === "<=" ? "≤" : "≥"}${fmt(g.target)}`;
    console.log(
      `\n${line}\nFinews Reader bench · ${fmt(this.results.meta.articles)} articles · ${this.results.meta.scenarios} · ${this.results.meta.date}\n${line}`,
    );
    for (const section of sections) {
      console.log(`\n${section}`);
      const inSection = rows.filter(([k]) => k.split(".")[0] === section);
      const groups = new Map<string, [string, Figure][]>();
      for (const [key, f] of inSection) {
        const parts = key.split(".");
        const group = parts.length > 2 ? parts.slice(1, -1).join(".") : `\u0000${key}`;
        groups.set(group, [...(groups.get(group) ?? []), [key, f]]);
      }
      for (const [group, figures] of groups) {
        if (group.startsWith("\u0000")) {
          const [, f] = figures[0];
          const goal = f.goal ? `goal ${goalText(f.goal)} ${mark(f)}` : "";
          console.log(`  ${pad(f.label, 36)}${pad(`${fmt(f.value)} ${f.unit}`.trim(), 16)}${pad(goal, 20)}${f.note ?? ""}`);
        } else {
          const cells = figures.map(
            ([, f]) =>
              `${f.label ? `${f.label} ` : ""}${fmt(f.value)}${f.unit ? ` ${f.unit}` : ""}${f.goal ? ` (${goalText(f.goal)} ${mark(f)})` : ""}`,
          );
          const note = figures.find(([, f]) => f.note)?.[1].note;
          console.log(`  ${pad(group, 22)}${cells.join(" · ")}${note ? `  [${note}]` : ""}`);
        }
      }
    }
    const failed = rows.filter(([, f]) => f.pass === false).length;
    const checked = rows.filter(([, f]) => f.pass !== null).length;
    console.log(
      `\n${checked - failed}/${checked} goals met${failed ? `, ${failed} missed (✗)` : ""}  (goals: bench/goals.ts, set for 200,000 articles)\n${line}`,
    );
  }

  /** Rotates latest.json → previous.json, writes latest.json, prints deltas against previous. */
  save() {
    mkdirSync(paths.results, { recursive: true });
    const latest = path.join(paths.results, "latest.json");
    const previous = path.join(paths.results, "previous.json");
    if (existsSync(latest)) renameSync(latest, previous);
    writeFileSync(latest, JSON.stringify(this.results, null, 2) + "\n");
    console.log(`results: ${path.relative(process.cwd(), latest)}`);
    if (!existsSync(previous)) return;
    let before: Results;
    try {
      before = JSON.parse(readFileSync(previous, "utf8")) as Results;
    } catch {
      return;
    }
    const changes: string[] = [];
    for (const [key, f] of Object.entries(this.results.figures)) {
      const old = before.figures?.[key]?.value;
      if (typeof f.value !== "number" || typeof old !== "number") continue;
      const delta = old === 0 ? (f.value === 0 ? 0 : Infinity) : ((f.value - old) / Math.abs(old)) * 100;
      changes.push(
        `  ${pad(f.label, 44)}${pad(fmt(old), 12)}→ ${pad(fmt(f.value), 12)}${Number.isFinite(delta) ? `${delta >= 0 ? "+" : ""}${delta.toFixed(1)}%` : "new ≠ 0"}`,
      );
    }
    if (changes.length) {
      console.log(
        `\nCompared with the previous run (${before.meta?.date ?? "?"}, ${before.meta?.articles ?? "?"} articles, scenarios ${before.meta?.scenarios ?? "?"}):`,
      );
      console.log(changes.join("\n"));
    }
  }
}

function fmt(v: unknown): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number")
    return Number.isInteger(v) ? v.toLocaleString("en-US") : v.toLocaleString("en-US", { maximumFractionDigits: 1 });
  return String(v);
}

/** Width in terminal columns (CJK characters take two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(1, width - displayWidth(s)));
}
