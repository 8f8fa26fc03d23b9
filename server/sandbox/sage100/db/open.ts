import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createFileClient, plainFilePath } from '../../../core/file-client';
import { createClient, type Client } from '@libsql/client';
import { DDL } from './ddl';

/**
 * Opens the sandbox's own database — a separate file from the connector's, as Sage's data is
 * another company's system. One connection: every statement is a short synchronous call, and
 * multi-statement writes go through batch() so they commit atomically.
 */
export async function openSandboxDb(url: string): Promise<Client> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0];
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  const path = plainFilePath(url);
  const db = path !== null ? createFileClient(path, { busyTimeoutMs: 5000 }) : createClient({ url, concurrency: 1 } as Parameters<typeof createClient>[0]);
  if (url.startsWith('file:')) {
    await db.execute('PRAGMA journal_mode = WAL');
    // The sandbox is a stand-in, not a ledger: NORMAL keeps bulk inventory generation fast.
    await db.execute('PRAGMA synchronous = NORMAL');
    await db.execute('PRAGMA busy_timeout = 5000');
  }
  await db.batch(DDL, 'write');
  return db;
}
