// Stories for an incremental seed: only new or changed reports are compared,
// with the reports around them in time, read back with their current story ids.
//
// 1. neighbourRanges(changed times) → the publishedAt ranges to read;
// 2. read those rows with their story ids (toStoryArticle builds the records);
// 3. updateStories({ changed, neighbours, storySizes }) → story id of every report
//    given (write the ones that differ) and `renamed` (old id → new id: rewrite
//    every row of the old id, also those outside the ranges read).
//
// Reports that share a story keep sharing it: a changed report can join other
// stories but never splits its own (a cold seed regroups everything).
import { groupStories, type Grouping } from "./group";
import { STORY_WINDOW_MS, type StoryArticle } from "./pair";

export type StoredReport = StoryArticle & { story: string };

export type StoryUpdateInput = {
  /** New or changed reports; a changed one may carry the story id it had. */
  changed: readonly (StoryArticle & { story?: string | null })[];
  /** Reports already stored within STORY_WINDOW_MS of any changed one, with their story ids. */
  neighbours: readonly StoredReport[];
  /** Reports each stored story holds in all, for the size cap (default: those given here). */
  storySizes?: ReadonlyMap<string, number>;
};

export function updateStories(input: StoryUpdateInput): Grouping {
  const changedKeys = new Set(input.changed.map((report) => report.key));
  const existing = new Map<string, string>();
  const reports: StoryArticle[] = [...input.changed];
  for (const report of input.changed) if (report.story) existing.set(report.key, report.story);
  for (const report of input.neighbours) {
    // A changed report read back among its neighbours counts once, as changed.
    if (changedKeys.has(report.key)) continue;
    reports.push(report);
    existing.set(report.key, report.story);
  }
  return groupStories(reports, { existing, existingSizes: input.storySizes, compareOnly: changedKeys });
}

/**
 * The publishedAt ranges (inclusive) that hold every neighbour of reports at
 * these times: each time ± STORY_WINDOW_MS, overlapping ranges merged.
 */
export function neighbourRanges(times: readonly Date[]): { from: Date; to: Date }[] {
  const sorted = times.map((t) => t.getTime()).sort((a, b) => a - b);
  const ranges: { from: number; to: number }[] = [];
  for (const t of sorted) {
    const last = ranges.at(-1);
    if (last && t - STORY_WINDOW_MS <= last.to) last.to = t + STORY_WINDOW_MS;
    else ranges.push({ from: t - STORY_WINDOW_MS, to: t + STORY_WINDOW_MS });
  }
  return ranges.map(({ from, to }) => ({ from: new Date(from), to: new Date(to) }));
}
