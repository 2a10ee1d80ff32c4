// A cap on renders running at once. Rendering is CPU work on the one event
// loop that also answers cached pages, so a flood of distinct URLs must queue
// here instead of all rendering together; past the queue it is turned away
// (the server answers 503 with Retry-After), and a request whose client has
// gone leaves the queue without rendering.

/** What `run` returns when the queue is full: nothing was rendered. */
export const BUSY = Symbol("busy");

type Waiter = { start: () => void; cancel: () => void };

export class RenderSlots {
  private running = 0;
  private queue: Waiter[] = [];

  constructor(
    readonly maxRunning: number,
    readonly maxQueued: number,
  ) {}

  get waiting(): number {
    return this.queue.length;
  }

  get active(): number {
    return this.running;
  }

  /**
   * Runs `task` in a free slot, after the renders queued before it. BUSY when
   * every slot is taken and the queue is full; rejects with `signal`'s reason
   * when the request is abandoned while it waits.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T | typeof BUSY> {
    if (this.running < this.maxRunning) this.running++;
    else if (this.queue.length >= this.maxQueued) return BUSY;
    else await this.wait(signal); // a finishing render hands its slot over: `running` stays as it is
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next.start();
      else this.running--;
    }
  }

  private wait(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => waiter.cancel();
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        cancel: () => {
          const at = this.queue.indexOf(waiter);
          if (at < 0) return;
          this.queue.splice(at, 1);
          reject(signal?.reason);
        },
      };
      this.queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}
