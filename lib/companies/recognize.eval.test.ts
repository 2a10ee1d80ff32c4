// Company recognition measured on real posts labelled by hand
// (__fixtures__/labelled-posts.yaml): recall and precision over every
// (post, company) pair, and over the (post, subject) pairs alone, with the
// floors the reader promises.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../content/parse-article";
import { loadDirectory } from "./directory";
import { recognizeCompanies, type CompanyRole } from "./recognize";

const RECALL_FLOOR = 0.9;
const PRECISION_FLOOR = 0.97;
const SUBJECT_RECALL_FLOOR = 0.9;
const SUBJECT_PRECISION_FLOOR = 0.95;

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
type Label = { id: string | null; name: string; role: CompanyRole; alsoIds?: string[] };
type Post = { file: string; title: string; companies: Label[] };
const posts = yaml.load(readFileSync(new URL("./__fixtures__/labelled-posts.yaml", import.meta.url), "utf8")) as Post[];
// Every labelled post is also in content/ under its own file name, so the set
// needs nothing outside the repository.
const fileFor = (post: Post) => path.join(projectRoot, "content", path.basename(post.file));

const { directory } = loadDirectory(path.join(projectRoot, "content-without-overlay"));
const listingsOf = (companyId: string) => directory.byListing.get(companyId)?.listings ?? [companyId];

type Miss = { file: string; title: string; name: string; id: string | null };
type Wrong = { file: string; title: string; companyId: string; name: string };
type Score = { labelled: number; predicted: number; recall: number; precision: number; misses: Miss[]; wrong: Wrong[] };

/** Recall and precision of `only` (every company, or subjects alone) over all labelled posts. */
function evaluate(only?: CompanyRole): Score {
  let labelled = 0;
  let found = 0;
  let predicted = 0;
  let correct = 0;
  const misses: Miss[] = [];
  const wrong: Wrong[] = [];
  for (const post of posts) {
    const parsed = parseArticle(path.basename(post.file), readFileSync(fileFor(post)));
    if (!parsed.ok) throw new Error(`${post.file}: ${parsed.reason}`);
    const recognition = recognizeCompanies(parsed.article, directory);
    const links = recognition.links.filter((link) => !only || link.role === only);
    const labels = post.companies.filter((label) => !only || label.role === only);
    const goldIds = labels.map((label) => new Set([label.id, ...(label.alsoIds ?? [])].filter((id): id is string => !!id)));
    const predictedListings = links.map((link) => new Set(listingsOf(link.companyId)));
    labels.forEach((label, i) => {
      labelled++;
      if (predictedListings.some((ids) => [...goldIds[i]].some((id) => ids.has(id)))) found++;
      else misses.push({ file: post.file, title: post.title, name: label.name, id: label.id });
    });
    links.forEach((link, i) => {
      predicted++;
      if (goldIds.some((ids) => [...predictedListings[i]].some((id) => ids.has(id)))) correct++;
      else {
        const name =
          directory.byListing.get(link.companyId)?.name ?? recognition.discovered.find((d) => d.listingId === link.companyId)?.name ?? "?";
        wrong.push({ file: post.file, title: post.title, companyId: link.companyId, name });
      }
    });
  }
  return { labelled, predicted, recall: found / labelled, precision: correct / predicted, misses, wrong };
}

function report(what: string, result: Score): string {
  return [
    `${posts.length} posts, ${result.labelled} labelled ${what}, ${result.predicted} found: recall ${(result.recall * 100).toFixed(1)}%, precision ${(result.precision * 100).toFixed(1)}%`,
    ...result.misses.map((m) => `  missed ${m.name} (${m.id}) in ${path.basename(m.file)} ${m.title}`),
    ...result.wrong.map((w) => `  wrong ${w.name} (${w.companyId}) in ${path.basename(w.file)} ${w.title}`),
  ].join("\n");
}

describe("company recognition on labelled real posts", () => {
  it("every labelled post is in content/", () => {
    expect(posts.length).toBeGreaterThanOrEqual(120);
    for (const post of posts) expect(existsSync(fileFor(post)), post.file).toBe(true);
  });

  it(`reaches recall ≥ ${RECALL_FLOOR * 100}% and precision ≥ ${PRECISION_FLOOR * 100}%`, () => {
    const result = evaluate();
    const text = report("companies", result);
    console.log(text);
    expect(result.recall, text).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(result.precision, text).toBeGreaterThanOrEqual(PRECISION_FLOOR);
  });

  it(`tells subjects from mentions: subject recall ≥ ${SUBJECT_RECALL_FLOOR * 100}% and precision ≥ ${SUBJECT_PRECISION_FLOOR * 100}%`, () => {
    const result = evaluate("subject");
    const text = report("subjects", result);
    console.log(text);
    expect(result.recall, text).toBeGreaterThanOrEqual(SUBJECT_RECALL_FLOOR);
    expect(result.precision, text).toBeGreaterThanOrEqual(SUBJECT_PRECISION_FLOOR);
  });

  it("labels every company subject or mention", () => {
    for (const post of posts)
      for (const label of post.companies) expect(["subject", "mention"], `${post.file} ${label.name}`).toContain(label.role);
  });
});
