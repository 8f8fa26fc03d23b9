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
