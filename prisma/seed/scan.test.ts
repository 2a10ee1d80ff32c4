import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanContent, scanContentInBackground } from "./scan";

const root = mkdtempSync(path.join(tmpdir(), "finews-scan-"));
const dir = path.join(root, "content");
mkdirSync(dir);
const socket = createServer();
afterAll(() => {
  socket.close();
  rmSync(root, { recursive: true, force: true });
});

describe("scanning a content folder", () => {
  const articles = ["2024-05-30-a.md", "新闻 第二篇.md", "line\nbreak.md", "z.html", "linked.md"];
  for (const [i, name] of articles.slice(0, -1).entries()) {
    writeFileSync(path.join(dir, name), "x".repeat(i + 1));
    utimesSync(path.join(dir, name), 1_700_000_000 + i, 1_700_000_000.123 + i);
  }
  symlinkSync(path.join(dir, "z.html"), path.join(dir, "linked.md"));
  for (const skipped of [".hidden.md", "_draft.md", "companies.yaml"]) writeFileSync(path.join(dir, skipped), "x");
  mkdirSync(path.join(dir, "images"));

  // What cannot be an article: each is skipped with its reason, never opened.
  writeFileSync(path.join(root, "secret.md"), "---\ntitle: 外面的文件\n---\n");
  symlinkSync(path.join(root, "secret.md"), path.join(dir, "outside.md"));
  symlinkSync(path.join(dir, "no-such-file.md"), path.join(dir, "dangling.md"));
  symlinkSync("loop-b.md", path.join(dir, "loop-a.md"));
  symlinkSync("loop-a.md", path.join(dir, "loop-b.md"));
  mkdirSync(path.join(dir, "folder.md"));
  execFileSync("mkfifo", [path.join(dir, "pipe.md")]);
  const socketReady = new Promise<void>((resolve) => socket.listen(path.join(dir, "socket.md"), resolve));

  const expectedSkips = () => [
    ["dangling.md", "a link to nothing (its target does not exist)"],
    ["folder.md", "a folder, not a file"],
    ["loop-a.md", "a link that cannot be followed (ELOOP)"],
    ["loop-b.md", "a link that cannot be followed (ELOOP)"],
    ["outside.md", `a link to ${path.join(root, "secret.md")}, outside CONTENT_DIR: not published`],
    ["pipe.md", "a named pipe (FIFO), not a file: not opened"],
    ["socket.md", "a socket, not a file: not opened"],
  ];

  it("lists article files with size and mtime, sorted, skipping dot- and underscore-files, companies.yaml and folders", async () => {
    await socketReady;
    const { files } = scanContent(dir);
    expect(files.map((f) => f.fileName)).toEqual([...articles].sort((a, b) => (a < b ? -1 : 1)));
    const second = files.find((f) => f.fileName === "新闻 第二篇.md")!;
    expect(second.size).toBe(2);
    expect(Math.round(second.mtimeMs)).toBe(1_700_000_001_123);
    expect(files.find((f) => f.fileName === "linked.md")).toMatchObject({ size: 4, linked: true });
  });

  it("reports pipes, sockets, broken links, links out of the folder and folders named like files, with the reason", async () => {
    await socketReady;
    expect(scanContent(dir).skipped.map((s) => [s.fileName, s.reason])).toEqual(expectedSkips());
  });

  it("finds the same in worker threads, names with line breaks included", async () => {
    await socketReady;
    expect(await scanContentInBackground(dir)).toEqual(scanContent(dir));
  });
});
