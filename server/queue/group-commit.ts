/**
 * Group commit: items added while a commit is in progress go together in the next one, so a
 * burst of N writes (e.g. accepted webhooks) costs one transaction (one fsync), not N. add() resolves when the
 * item's group is durably committed, and rejects if that commit failed for good.
 */
export class GroupCommit<T, R = void> {
  private queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly commit: (items: T[]) => Promise<R>,
    private readonly maxGroup = 2000,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.running ??= this.run();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when everything added so far is committed (or has failed). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    // Let the jobs finishing in this turn of the event loop join the first group.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const group = this.queue.splice(0, this.maxGroup);
      try {
        const result = await this.commit(group.map((g) => g.item));
        for (const g of group) g.resolve(result);
      } catch (err) {
        for (const g of group) g.reject(err);
      }
    }
    this.running = undefined;
  }
}
