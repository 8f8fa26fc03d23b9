import type { Client, InStatement, InValue, Row } from '@libsql/client';
import { openLibsqlClient } from '../../core/file-client';
import { SCHEMA_SQL } from './schema-sql';

export type Args = InValue[];

/**
 * The sandbox's database: one libSQL connection to a file of its own. Each statement is a short
 * synchronous call, so the only way two requests interleave is between awaits; `exclusive` runs
 * a read-then-write sequence without interleaving, and `batch` makes its writes atomic.
 */
export interface SandboxDb {
  client: Client;
  all<T = Row>(sql: string, args?: Args): Promise<T[]>;
  one<T = Row>(sql: string, args?: Args): Promise<T | undefined>;
  run(sql: string, args?: Args): Promise<number>;
  batch(stmts: InStatement[]): Promise<void>;
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  close(): void;
}

export async function openSandboxDb(url: string): Promise<SandboxDb> {
  const client = openLibsqlClient(url);
  if (url.startsWith('file:')) {
    await client.execute('PRAGMA journal_mode = WAL');
    // A stand-in, not a ledger (as the Sage sandbox): without an fsync per write, a store busy
    // answering write-backs does not hold up whatever shares its process.
    await client.execute('PRAGMA synchronous = NORMAL');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  await client.batch(SCHEMA_SQL, 'write');

  let chain: Promise<unknown> = Promise.resolve();
  const db: SandboxDb = {
    client,
    async all<T>(sql: string, args: Args = []) {
      return (await client.execute({ sql, args })).rows as unknown as T[];
    },
    async one<T>(sql: string, args: Args = []) {
      return (await client.execute({ sql, args })).rows[0] as unknown as T | undefined;
    },
    async run(sql, args = []) {
      return (await client.execute({ sql, args })).rowsAffected;
    },
    async batch(stmts) {
      if (stmts.length) await client.batch(stmts, 'write');
    },
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const next = chain.then(fn, fn);
      chain = next.catch(() => undefined);
      return next;
    },
    async getMeta(key) {
      const row = await db.one<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
      return row?.value;
    },
    async setMeta(key, value) {
      await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    },
    close: () => client.close(),
  };
  return db;
}
