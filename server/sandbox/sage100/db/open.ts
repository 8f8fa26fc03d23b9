import type { Client } from '@libsql/client';
import { openLibsqlClient } from '../../../core/file-client';
import { DDL } from './ddl';

/**
 * Opens the sandbox's own database — a separate file from the connector's, as Sage's data is
 * another company's system. One connection: every statement is a short synchronous call, and
 * multi-statement writes go through batch() so they commit atomically.
 */
export async function openSandboxDb(url: string): Promise<Client> {
  const db = openLibsqlClient(url);
  if (url.startsWith('file:')) {
    await db.execute('PRAGMA journal_mode = WAL');
    // The sandbox is a stand-in, not a ledger: NORMAL keeps bulk inventory generation fast.
    await db.execute('PRAGMA synchronous = NORMAL');
    await db.execute('PRAGMA busy_timeout = 5000');
  }
  await db.batch(DDL, 'write');
  return db;
}
