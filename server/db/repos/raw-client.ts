import type { Client, InStatement, ResultSet } from '@libsql/client';
import type { Db } from '../client';

/**
 * The libSQL client under a drizzle handle, for the few hot or guarded writes that need a raw
 * batch. drizzle(client) keeps it as $client at run time; the Db type just does not say so.
 */
export function clientOf(db: Db): Client {
  const client = (db as Db & { $client?: Client }).$client;
  if (!client) throw new Error('this drizzle handle carries no libSQL client');
  return client;
}

/**
 * Runs statements as one write transaction (BEGIN IMMEDIATE). Immediate, not deferred: a deferred
 * transaction that reads and then writes can fail at once with SQLITE_BUSY when another process
 * committed in between, whereas an immediate one waits on the busy timeout for the write lock.
 * (Interactive transactions are avoided: with one connection per file they block every other query.)
 */
export function writeBatch(db: Db, stmts: InStatement[]): Promise<ResultSet[]> {
  return clientOf(db).batch(stmts, 'write');
}
