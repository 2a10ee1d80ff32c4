import { describe, expect, it } from "vitest";
import { BUSY, RenderSlots } from "./render-slots";

/** A task that runs until `finish()` is called, recording that it started. */
function task(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { run: () => (started.push(name), done.then(() => name)), finish: () => finish() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("RenderSlots", () => {
  it("runs at most maxRunning at once, the rest in arrival order, and turns away what the queue cannot hold", async () => {
    const slots = new RenderSlots(2, 2);
    const started: string[] = [];
    const tasks = ["a", "b", "c", "d", "e"].map((name) => task(started, name));
    const results = tasks.map((t) => slots.run(t.run));
    await tick();
    expect(started).toEqual(["a", "b"]);
    expect(slots.waiting).toBe(2);
    expect(await results[4]).toBe(BUSY);
    tasks[1].finish();
    await tick();
    expect(started).toEqual(["a", "b", "c"]);
    expect(slots.active).toBe(2);
    for (const t of tasks) t.finish();
    expect(await Promise.all(results.slice(0, 4))).toEqual(["a", "b", "c", "d"]);
    expect(slots.active).toBe(0);
  });

  it("drops a queued task whose request was abandoned, without running it", async () => {
    const slots = new RenderSlots(1, 5);
    const started: string[] = [];
    const first = task(started, "first");
    const running = slots.run(first.run);
    const controller = new AbortController();
    const queued = slots.run(task(started, "gone").run, controller.signal);
    controller.abort(new Error("client left"));
    await expect(queued).rejects.toThrow("client left");
    expect(slots.waiting).toBe(0);
    first.finish();
    await running;
    expect(started).toEqual(["first"]);
    expect(slots.active).toBe(0);
  });

  it("frees the slot when a task fails", async () => {
    const slots = new RenderSlots(1, 0);
    await expect(slots.run(() => Promise.reject(new Error("render failed")))).rejects.toThrow("render failed");
    expect(await slots.run(async () => "next")).toBe("next");
  });
});
