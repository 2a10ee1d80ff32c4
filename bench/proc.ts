// Child processes the bench starts: each in its own process group, tracked so
// that every one is killed on exit, on error and on Ctrl-C. Memory is read from
// /proc (Linux).
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

const running = new Set<ChildProcess>();
const killHooks = new Set<() => void>();

/** Starts a command in a new process group and remembers it for cleanup. */
export function startProcess(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: "ignore", ...options, detached: true });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Sends a signal to a child's whole process group (ignores "already gone"). */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

export function waitExit(child: ChildProcess, timeoutMs = 60_000): Promise<number | null> {
  if (!isRunning(child)) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** SIGTERM, then SIGKILL after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 5000) {
  if (!isRunning(child)) return;
  signalGroup(child, "SIGTERM");
  if ((await waitExit(child, graceMs)) === null && isRunning(child)) {
    signalGroup(child, "SIGKILL");
    await waitExit(child, 5000);
  }
}

/** Synchronous last resort (process "exit" handlers cannot wait). */
export function killAllNow() {
  for (const child of running) signalGroup(child, "SIGKILL");
  running.clear();
  for (const hook of [...killHooks]) {
    killHooks.delete(hook);
    try {
      hook();
    } catch (error) {
      console.error(`bench: cleanup step failed: ${(error as Error).message ?? error}`);
    }
  }
}

/**
 * A synchronous step `killAllNow` runs once after every process got SIGKILL
 * (e.g. removing a throwaway server's data folder). Returns a function that
 * unregisters it, for when the scenario cleaned up itself.
 */
export function onKillAll(hook: () => void): () => void {
  killHooks.add(hook);
  return () => killHooks.delete(hook);
}

/** Blocks the thread (exit handlers cannot await). */
export function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

let cleanupInstalled = false;
/** Kills every started process on exit, Ctrl-C, SIGTERM and uncaught errors. */
export function installCleanup(extra: () => void = () => {}) {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const cleanup = () => {
    try {
      extra();
    } finally {
      killAllNow();
    }
  };
  process.on("exit", cleanup);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, stopping every process it started`);
      cleanup();
      process.exit(130);
    });
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

type ProcInfo = { pid: number; ppid: number; rssKiB: number };

function readProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      out.push({ pid: Number(name), ppid, rssKiB });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** A process and all its descendants. */
function tree(rootPid: number): ProcInfo[] {
  const procs = readProcs();
  const children = new Map<number, ProcInfo[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const root = procs.find((p) => p.pid === rootPid);
  if (!root) return [];
  const out: ProcInfo[] = [];
  const stack = [root];
  for (let guard = 0; stack.length && guard < 10_000; guard++) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/** VmRSS of a process and all its descendants: total and largest single process, in bytes. */
export function treeRss(rootPid: number): { totalBytes: number; largestBytes: number } {
  let total = 0;
  let largest = 0;
  for (const p of tree(rootPid)) {
    total += p.rssKiB;
    largest = Math.max(largest, p.rssKiB);
  }
  return { totalBytes: total * 1024, largestBytes: largest * 1024 };
}

/**
 * Proportional set size of a process tree, in bytes: shared memory (e.g.
 * PostgreSQL's shared_buffers, mapped by every backend) counted once, split
 * between the processes that map it, where a sum of RSS would count it per process.
 */
export function treePss(rootPid: number): number {
  let kib = 0;
  for (const p of tree(rootPid)) {
    try {
      kib += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p.pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
  return kib * 1024;
}

/** Samples a process tree's PSS every `everyMs` until stopped; returns the peak in bytes. */
export function sampleTreePss(rootPid: number, everyMs = 200) {
  let peak = treePss(rootPid);
  const timer = setInterval(() => (peak = Math.max(peak, treePss(rootPid))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treePss(rootPid));
    },
  };
}

/** Samples a process tree's RSS every `everyMs` until stopped; returns the peaks. */
export function sampleTreeRss(rootPid: number, everyMs = 200) {
  let peakTotal = 0;
  let peakLargest = 0;
  const take = () => {
    const { totalBytes, largestBytes } = treeRss(rootPid);
    peakTotal = Math.max(peakTotal, totalBytes);
    peakLargest = Math.max(peakLargest, largestBytes);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakTotalBytes: peakTotal, peakLargestBytes: peakLargest };
    },
  };
}

export const MiB = (bytes: number | null | undefined) => (bytes == null ? null : Math.round(bytes / 1048576));
