// Lists the candidate pairs of labelled-stories.yaml: every pair of posts in
// content/ published within 48 h whose titles share a two-character CJK run,
// every pair inside a labelled story, every hard negative, and a seeded random
// sample of the other pairs. Labels come from the hand-labelled `stories:`
// section (a pair is "same" when both posts are in one story); this script
// never runs the grouping code. Usage: npx tsx lib/stories/__fixtures__/list-candidate-pairs.ts
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as yaml from "js-yaml";
import { parseArticle } from "../../content/parse-article";

const FIXTURE = fileURLToPath(new URL("./labelled-stories.yaml", import.meta.url));
const CONTENT = fileURLToPath(new URL("../../../content", import.meta.url));
const MARKER = "# ---- pairs: listed by list-candidate-pairs.ts from the sections above; do not edit by hand ----";
const SAMPLE_SIZE = 120;
const SAMPLE_SEED = 20211208;
const WINDOW_MS = 48 * 3_600_000;

type Fixture = { stories: { files: string[]; kind: string }[]; hardNegatives: { a: string; b: string; why: string }[] };

const source = readFileSync(FIXTURE, "utf8");
const head = source.includes(MARKER) ? source.slice(0, source.indexOf(MARKER)) : source;
const fixture = yaml.load(head) as Fixture;

const posts = readdirSync(CONTENT)
  .filter((file) => /\.(md|txt)$/.test(file))
  .sort()
  .flatMap((file) => {
    const parsed = parseArticle(file, readFileSync(path.join(CONTENT, file)));
    return parsed.ok ? [{ file, title: parsed.article.title, at: parsed.article.publishedAt.getTime() }] : [];
  });

const storyOf = new Map<string, number>();
const kindOf = new Map<number, string>();
fixture.stories.forEach((story, i) => {
  kindOf.set(i, story.kind);
  for (const file of story.files) {
    if (storyOf.has(file)) throw new Error(`${file} is in two stories`);
    if (!posts.some((p) => p.file === file)) throw new Error(`${file} is not a post in content/`);
    storyOf.set(file, i);
  }
});

const cjkPairs = (title: string) => {
  const chars = [...title];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++)
    if (/\p{Script=Han}/u.test(chars[i]) && /\p{Script=Han}/u.test(chars[i + 1])) out.add(chars[i] + chars[i + 1]);
  return out;
};
const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const hard = new Map(fixture.hardNegatives.map((h) => [key(h.a, h.b), h.why]));

type Pair = { a: string; b: string; from: Set<string> };
const listed = new Map<string, Pair>();
const rest: [string, string][] = [];
const add = (a: string, b: string, from: string) => {
  const [x, y] = a < b ? [a, b] : [b, a];
  const k = key(x, y);
  const pair = listed.get(k) ?? { a: x, b: y, from: new Set<string>() };
  pair.from.add(from);
  listed.set(k, pair);
};
for (let i = 0; i < posts.length; i++) {
  for (let j = i + 1; j < posts.length; j++) {
    const [p, q] = [posts[i], posts[j]];
    const near = Math.abs(p.at - q.at) <= WINDOW_MS;
    const sharesRun = near && [...cjkPairs(p.title)].some((run) => cjkPairs(q.title).has(run));
    const story = storyOf.get(p.file);
    const inOneStory = story !== undefined && story === storyOf.get(q.file);
    if (sharesRun) add(p.file, q.file, "title-run-48h");
    if (inOneStory) add(p.file, q.file, kindOf.get(story) === "twin" ? "twin" : story === 0 ? "northbound" : "story");
    if (hard.has(key(p.file, q.file))) add(p.file, q.file, "hard");
    if (!sharesRun && !inOneStory && !hard.has(key(p.file, q.file))) rest.push([p.file, q.file]);
  }
}
for (const k of hard.keys()) if (!listed.has(k)) throw new Error(`hard negative ${k} names a file that is not a post`);

// mulberry32: a fixed seed keeps the sample the same on every run.
let state = SAMPLE_SEED;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
for (let i = 0; i < SAMPLE_SIZE && rest.length; i++) {
  const [a, b] = rest.splice(Math.floor(random() * rest.length), 1)[0];
  add(a, b, "sampled");
}

const lines = [...listed.values()]
  .sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
  .map((p) => {
    const same = storyOf.has(p.a) && storyOf.get(p.a) === storyOf.get(p.b);
    const why = hard.get(key(p.a, p.b));
    const entry = [`  - a: ${p.a}`, `    b: ${p.b}`, `    same: ${same}`, `    from: [${[...p.from].join(", ")}]`];
    if (why) entry.push(`    why: ${JSON.stringify(why)}`);
    return entry.join("\n");
  });
writeFileSync(FIXTURE, `${head.trimEnd()}\n\n${MARKER}\npairs:\n${lines.join("\n")}\n`);
const positives = lines.filter((l) => l.includes("same: true")).length;
console.log(
  `${posts.length} posts, ${lines.length} pairs (${positives} same-story), ${fixture.stories.length} labelled multi-report stories`,
);
