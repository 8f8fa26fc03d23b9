import type { Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { openLibsqlClient } from '../core/file-client';
import * as schema from './schema/index';

export type Db = LibSQLDatabase<typeof schema>;

export interface Database {
  client: Client;
  db: Db;
  /** 'file' for an embedded database, 'remote' for a libSQL server. */
  kind: 'file' | 'remote';
  close(): void;
}

export interface OpenOptions {
  url: string;
  authToken?: string;
  /** Busy timeout in ms: how long a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/**
 * Opens the connector's database. For a file, the client is held to one connection: SQLite has
 * one writer at a time anyway, and per-connection PRAGMAs (foreign keys, synchronous) then hold
 * for every statement instead of only for whichever pooled connection ran them. A plain file URL
 * gets the client that keeps statements prepared (core/file-client.ts); the behaviour is the same.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const isFile = opts.url.startsWith('file:');
  let client: Client;
  try {
    client = openLibsqlClient(opts.url, { authToken: opts.authToken, busyTimeoutMs: opts.busyTimeoutMs });
  } catch (err) {
    throw new Error(`DATABASE_URL: cannot open ${redact(opts.url)}: ${(err as Error).message}`);
  }
  if (isFile) {
    // WAL lets readers run beside the writer; FULL makes a commit durable before we answer 2xx.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = FULL');
    await client.execute('PRAGMA foreign_keys = ON');
    await client.execute(`PRAGMA busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
  } else {
    try {
      await client.execute('SELECT 1');
    } catch (err) {
      client.close();
      throw new Error(`DATABASE_URL: cannot reach ${redact(opts.url)}: ${(err as Error).message}`);
    }
  }
  const db = drizzle(client, { schema });
  return { client, db, kind: isFile ? 'file' : 'remote', close: () => client.close() };
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
