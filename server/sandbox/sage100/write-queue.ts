import { sleep } from '../../core/clock';

/**
 * Sage's Business Object Interface is effectively single-threaded per company: a gateway runs
 * one session and every write waits for the one before it. This queue reproduces that — one
 * async mutex per company, and every write spends `latencyMs()` (real time) inside the lock,
 * as a BOI write takes a few hundred milliseconds. Reads never queue.
 */
export class WriteQueue {
  private tails = new Map<string, Promise<unknown>>();
  /** Goes up after every write; anything cached from reads is stale once it moves. */
  version = 0;

  constructor(private latencyMs: () => number) {}

  run<T>(company: string, write: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(company) ?? Promise.resolve();
    const result = previous.then(async () => {
      const ms = this.latencyMs();
      if (ms > 0) await sleep(ms);
      try {
        return await write();
      } finally {
        this.version++;
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
