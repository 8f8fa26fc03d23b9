import type { Client, InStatement } from '@libsql/client';

/**
 * Where intake commits: one write transaction per call, answering how many rows each statement
 * changed (a guarded INSERT that changed 0 rows stored nothing). Two implementations: the shared
 * libSQL client (libSQL servers, in-memory databases), and a writer thread for database files
 * (./thread-writer.ts), which keeps commits and their fsync off the event loop.
 */
export interface BatchWriter {
  readonly name: string;
  write(stmts: InStatement[]): Promise<number[]>;
  close(): Promise<void>;
}

export function clientBatchWriter(client: Client): BatchWriter {
  return {
    name: 'client',
    async write(stmts) {
      const results = await client.batch(stmts, 'write');
      return results.map((r) => r.rowsAffected);
    },
    async close() {
      // The client belongs to the app; it closes it.
    },
  };
}

/**
 * Uses `primary` until it reports itself down (its thread died), then `fallback` for good, saying
 * so once. A batch that was in flight when the thread died is retried on the fallback: if the
 * thread had committed it, its job ids collide (jobs.id is unique) and the retry fails, so the
 * request answers 503 and Clarity's redelivery then finds the stored webhook-id: never a
 * second job, at worst one more round trip.
 */
export function withFallback(primary: BatchWriter, fallback: BatchWriter, onSwitch: (err: unknown) => void): BatchWriter {
  let current = primary;
  return {
    get name() {
      return current.name;
    },
    async write(stmts) {
      if (current === fallback) return fallback.write(stmts);
      try {
        return await primary.write(stmts);
      } catch (err) {
        if (!isWriterDown(err)) throw err;
        if (current === primary) {
          current = fallback;
          onSwitch(err);
        }
        return fallback.write(stmts);
      }
    },
    async close() {
      await Promise.allSettled([primary.close(), fallback.close()]);
    },
  };
}

/** The writer itself is gone (not: this batch failed). */
export function isWriterDown(err: unknown): boolean {
  return (err as { code?: unknown })?.code === 'IntakeWriterDown';
}
