import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanContent, scanContentInBackground } from "./scan";

const dir = mkdtempSync(path.join(tmpdir(), "finews-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("scanning a content folder", () => {
  const articles = ["2024-05-30-a.md", "新闻 第二篇.md", "line\nbreak.md", "z.html", "linked.md"];
  for (const [i, name] of articles.slice(0, -1).entries()) {
    writeFileSync(path.join(dir, name), "x".repeat(i + 1));
    utimesSync(path.join(dir, name), 1_700_000_000 + i, 1_700_000_000.123 + i);
  }
  symlinkSync(path.join(dir, "z.html"), path.join(dir, "linked.md"));
  for (const skipped of [".hidden.md", "_draft.md", "companies.yaml"]) writeFileSync(path.join(dir, skipped), "x");
  mkdirSync(path.join(dir, "folder.md"));

  it("lists article files with size and mtime, sorted, skipping dot- and underscore-files, companies.yaml and folders", () => {
    const files = scanContent(dir);
    expect(files.map((f) => f.fileName)).toEqual([...articles].sort((a, b) => (a < b ? -1 : 1)));
    const second = files.find((f) => f.fileName === "新闻 第二篇.md")!;
    expect(second.size).toBe(2);
    expect(Math.round(second.mtimeMs)).toBe(1_700_000_001_123);
  });

  it("finds the same in worker threads, names with line breaks included", async () => {
    expect(await scanContentInBackground(dir)).toEqual(scanContent(dir));
  });
});
