// Story grouping measured on the real posts, labelled by reading
// (__fixtures__/labelled-stories.yaml): pair precision and recall of the
// stories groupStories makes, over the labelled pairs. In-sample: the
// thresholds were chosen on these same pairs (DESIGN.md).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { loadDirectory } from "../companies/directory";
import { recognizeCompanies } from "../companies/recognize";
import { parseArticle } from "../content/parse-article";
import { groupStories } from "./group";
import { toStoryArticle } from "./input";
import { pairScore, prepare, similarities, STORY_WINDOW_MS, type StoryArticle } from "./pair";
import { updateStories } from "./update";

const PRECISION_FLOOR = 0.97;
const RECALL_FLOOR = 0.9;

type Story = { event: string; kind: string; files: string[] };
type LabelledPair = { a: string; b: string; same: boolean; from: string[]; why?: string };
type Fixture = { stories: Story[]; hardNegatives: { a: string; b: string; why: string }[]; pairs: LabelledPair[] };

const fixture = yaml.load(readFileSync(new URL("./__fixtures__/labelled-stories.yaml", import.meta.url), "utf8")) as Fixture;
const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const { directory } = loadDirectory(fileURLToPath(new URL("../../content-without-overlay", import.meta.url)));

/** Every post in content/ as a story record, by file name. */
const posts = new Map<string, StoryArticle>();
for (const file of readdirSync(contentDir).sort()) {
  if (!/\.(md|txt)$/.test(file)) continue;
  const parsed = parseArticle(file, readFileSync(path.join(contentDir, file)));
  if (!parsed.ok) continue;
  const article = parsed.article;
  const companyIds = recognizeCompanies(article, directory).links.map((link) => link.companyId);
  posts.set(file, toStoryArticle({ ...article, companyIds }, directory));
}
const fileOfKey = new Map([...posts].map(([file, article]) => [article.key, file]));
const post = (file: string) => {
  const article = posts.get(file);
  if (!article) throw new Error(`labelled-stories.yaml: ${file} is not a post in content/`);
  return article;
};

const storyOfFile = new Map<string, number>();
fixture.stories.forEach((story, i) => story.files.forEach((file) => storyOfFile.set(file, i)));
const labelledSame = (a: string, b: string) => storyOfFile.has(a) && storyOfFile.get(a) === storyOfFile.get(b);

const cjkRuns = (title: string) => {
  const chars = [...title];
  const runs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++)
    if (/\p{Script=Han}/u.test(chars[i]) && /\p{Script=Han}/u.test(chars[i + 1])) runs.add(chars[i] + chars[i + 1]);
  return runs;
};
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

type PairError = { pair: LabelledPair; predicted: boolean; titleSimilarity: number; textSimilarity: number; reason: string };

function evaluate(storyOf: Map<string, string>) {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const errors: PairError[] = [];
  for (const pair of fixture.pairs) {
    const [a, b] = [post(pair.a), post(pair.b)];
    const predicted = storyOf.get(a.key) === storyOf.get(b.key);
    if (predicted && pair.same) truePositives++;
    else if (predicted) falsePositives++;
    else if (pair.same) falseNegatives++;
    if (predicted !== pair.same) {
      const [x, y] = [prepare(a), prepare(b)];
      const verdict = pairScore(x, y);
      const { title, text } = similarities(x, y);
      const reason = predicted ? `joined through the story (pair itself: ${verdict.reason})` : verdict.reason;
      errors.push({ pair, predicted, titleSimilarity: title, textSimilarity: text, reason });
    }
  }
  // Worst first: wrong merges (they hide news), then misses by how alike the texts were.
  errors.sort((x, y) => Number(y.predicted) - Number(x.predicted) || y.textSimilarity - x.textSimilarity);
  return {
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    truePositives,
    falsePositives,
    falseNegatives,
    errors,
  };
}

const describeError = (e: PairError) =>
  `  ${e.predicted ? "wrong merge" : "missed"}: ${posts.get(e.pair.a)!.title} || ${posts.get(e.pair.b)!.title} ` +
  `(title ${e.titleSimilarity.toFixed(2)}, title+lead ${e.textSimilarity.toFixed(2)}; ${e.reason})`;

describe("labelled-stories.yaml", () => {
  it("labels real posts, pairs consistent with the stories, and every pair the issue asks for", () => {
    expect(posts.size).toBeGreaterThanOrEqual(121);
    for (const story of fixture.stories) for (const file of story.files) post(file);
    const listed = new Map(fixture.pairs.map((pair) => [pairKey(pair.a, pair.b), pair]));
    expect(listed.size, "no pair is listed twice").toBe(fixture.pairs.length);
    expect(fixture.pairs.length).toBeGreaterThanOrEqual(300);
    for (const pair of fixture.pairs) expect(pair.same, `${pair.a} / ${pair.b}`).toBe(labelledSame(pair.a, pair.b));

    const files = [...posts.keys()];
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const [a, b] = [post(files[i]), post(files[j])];
        const near = Math.abs(a.publishedAt.getTime() - b.publishedAt.getTime()) <= STORY_WINDOW_MS;
        const sharesRun = near && [...cjkRuns(a.title)].some((run) => cjkRuns(b.title).has(run));
        if (sharesRun || labelledSame(files[i], files[j]))
          expect(listed.has(pairKey(files[i], files[j])), `${files[i]} / ${files[j]}`).toBe(true);
      }
    }
    for (const hard of fixture.hardNegatives) expect(listed.get(pairKey(hard.a, hard.b))?.same, `${hard.a} / ${hard.b}`).toBe(false);
    // The cases: every twin, and the six 北向资金 posts of 2021-12-08 as one story.
    expect(fixture.pairs.filter((pair) => pair.from.includes("twin"))).toHaveLength(5);
    expect(fixture.pairs.filter((pair) => pair.from.includes("northbound") && pair.same)).toHaveLength(15);
    expect(labelledSame("2022-04-21-202204212352227421.md", "2022-04-21-NW202204212352227421.md")).toBe(true);
  });
});

describe("story grouping on labelled real posts", () => {
  const { storyOf } = groupStories([...posts.values()]);

  it(`reaches pair precision ≥ ${PRECISION_FLOOR * 100}% and recall ≥ ${RECALL_FLOOR * 100}% (in-sample)`, () => {
    const result = evaluate(storyOf);
    const sizes = new Map<string, number>();
    for (const id of storyOf.values()) sizes.set(id, (sizes.get(id) ?? 0) + 1);
    const report = [
      `${posts.size} posts, ${fixture.pairs.length} labelled pairs (${result.truePositives + result.falseNegatives} same-story), ` +
        `${fixture.stories.length} labelled multi-report stories; predicted ${[...sizes.values()].filter((n) => n > 1).length} multi-report stories, largest ${Math.max(...sizes.values())}`,
      `pair precision ${(result.precision * 100).toFixed(1)}%, recall ${(result.recall * 100).toFixed(1)}% (in-sample: thresholds chosen on these pairs)`,
      ...result.errors.map(describeError),
    ].join("\n");
    console.log(report);
    expect(result.precision, report).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(result.recall, report).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it("gives a story the key of its first report", () => {
    const northbound = fixture.stories[0].files.map((file) => post(file));
    const first = [...northbound].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())[0];
    for (const report of northbound) expect(storyOf.get(report.key)).toBe(first.key);
    expect(fileOfKey.get(first.key)).toBe("2021-12-08-202112082206742097.md");
  });

  it("adding the posts one at a time with updateStories ends with the same stories as a cold grouping", () => {
    const stored = new Map<string, string>();
    const byTime = [...posts.values()].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.key.localeCompare(b.key));
    for (const report of byTime) {
      const t = report.publishedAt.getTime();
      const neighbours = byTime
        .filter((other) => stored.has(other.key) && Math.abs(other.publishedAt.getTime() - t) <= STORY_WINDOW_MS)
        .map((other) => ({ ...other, story: stored.get(other.key)! }));
      const { storyOf: updated, renamed } = updateStories({ changed: [report], neighbours });
      for (const [old, id] of renamed) for (const [key, story] of stored) if (story === old) stored.set(key, id);
      for (const [key, id] of updated) stored.set(key, id);
    }
    expect(stored).toEqual(storyOf);
  });
});
