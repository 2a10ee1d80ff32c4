// Progress of a long db:setup: a live line on a terminal, a line every few
// seconds in a log, and the time each phase took.
export type Progress = {
  phase(name: string, total?: number): void;
  tick(count?: number): void;
  /** "scan 0.2s, parse 41.0s, write 12.3s; slowest: parse". */
  summary(): string;
};

const LOG_EVERY_MS = 5000;
const TTY_EVERY_MS = 200;

export function createProgress(stream: NodeJS.WriteStream = process.stderr, enabled = true): Progress {
  const phases: { name: string; ms: number }[] = [];
  let current: { name: string; total: number; done: number; started: number; shownAt: number } | null = null;
  const close = () => {
    if (!current) return;
    phases.push({ name: current.name, ms: performance.now() - current.started });
    if (enabled && stream.isTTY && current.total) stream.write("\n");
    current = null;
  };
  const show = (now: number) => {
    if (!current || !enabled || !current.total) return;
    const { name, total, done, started } = current;
    const seconds = (now - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const left = rate > 0 ? (total - done) / rate : 0;
    const text = `${name}: ${done}/${total} files, ${Math.round(rate)}/s, ${Math.ceil(left)}s left`;
    if (stream.isTTY) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${text}\x1b[K`);
    } else {
      stream.write(`${text}\n`);
    }
    current.shownAt = now;
  };
  return {
    phase(name, total = 0) {
      close();
      current = { name, total, done: 0, started: performance.now(), shownAt: performance.now() };
    },
    tick(count = 1) {
      if (!current) return;
      current.done += count;
      const now = performance.now();
      if (now - current.shownAt >= (stream.isTTY ? TTY_EVERY_MS : LOG_EVERY_MS)) show(now);
    },
    summary() {
      close();
      const slowest = phases.reduce((a, b) => (b.ms > a.ms ? b : a), phases[0]);
      const parts = phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)}s`).join(", ");
      return slowest ? `${parts}; slowest: ${slowest.name}` : "";
    },
  };
}
