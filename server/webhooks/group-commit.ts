/**
 * Group commit: items added while a commit is in flight go together in the next one, so a burst
 * of N requests costs one transaction (one fsync), not N. add() resolves when the commit that
 * carried the item has returned; `commit` reports per-item outcomes on the items themselves, so
 * one group can hold successes and failures.
 */
export class GroupCommit<T> {
  private queue: Array<{ item: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly maxGroup = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.running ??= this.run();
    });
  }

  /** Items waiting for the next commit. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when everything added so far has been committed (or has failed). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    // Let the requests parsed in this turn of the event loop join the first group.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let group = this.queue.splice(0, this.maxGroup);
    let commit = group.length ? this.start(group) : undefined;
    while (group.length) {
      const failed = await commit!;
      // What queued meanwhile is sent before the finished group is answered: the writer starts
      // its next transaction at once instead of waiting for this thread to write the answers.
      const next = this.queue.splice(0, this.maxGroup);
      if (next.length) commit = this.start(next);
      if (failed) for (const g of group) g.reject(failed.err);
      else for (const g of group) g.resolve();
      group = next;
    }
    this.running = undefined;
  }

  /** Starts one commit; resolves (never rejects) with its failure, if any. */
  private start(group: Array<{ item: T }>): Promise<{ err: unknown } | undefined> {
    let started: Promise<void>;
    try {
      started = this.commit(group.map((g) => g.item));
    } catch (err) {
      started = Promise.reject(err);
    }
    return started.then(() => undefined, (err: unknown) => ({ err }));
  }
}
