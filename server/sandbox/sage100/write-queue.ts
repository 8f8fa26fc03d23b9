import { sleep } from '../../core/clock';

/**
 * Sage's Business Object Interface is effectively single-threaded per company: a gateway runs
 * one session and every write waits for the one before it. This queue reproduces that — one
 * async mutex per company, and every write spends `latencyMs()` (real time, its own work
 * included) inside the lock, as a BOI write takes a few hundred milliseconds. Its effect is
 * visible from the start of that time, its answer at the end. Reads never queue.
 */
export class WriteQueue {
  private tails = new Map<string, Promise<unknown>>();
  /** Goes up after every write; anything cached from reads is stale once it moves. */
  version = 0;

  constructor(private latencyMs: () => number) {}

  run<T>(company: string, write: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(company) ?? Promise.resolve();
    const result = previous.then(async () => {
      // The write takes latencyMs in all, its own work included (not on top of it), so a company
      // at 250 ms really takes four writes a second: the serial limit the latency promises.
      const started = Date.now();
      try {
        return await write();
      } finally {
        this.version++;
        const left = this.latencyMs() - (Date.now() - started);
        if (left > 0) await sleep(left);
      }
    });
    // The next write waits for this one whether it succeeded or failed.
    const tail = result.catch(() => undefined);
    this.tails.set(company, tail);
    void tail.then(() => {
      if (this.tails.get(company) === tail) this.tails.delete(company);
    });
    return result;
  }

  /** Resolves when every queued write has finished (used on shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
