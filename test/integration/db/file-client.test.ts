import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseBusy } from '../../../server/core/errors';
import { filePathOf, openLibsqlClient } from '../../../server/core/file-client';
import { openDatabase, type Database } from '../../../server/db/client';

/**
 * The statement-keeping file client must be indistinguishable from the general client: every
 * case below runs against both, on real files, and the answers are compared.
 */
const dir = mkdtempSync(join(tmpdir(), 'connector-file-client-'));
let ours: Database;
let general: Client;

beforeAll(async () => {
  ours = await openDatabase({ url: `file:${join(dir, 'ours.db')}` });
  general = createClient({ url: `file:${join(dir, 'general.db')}` });
  for (const c of [ours.client, general]) {
    await c.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER, blob BLOB)');
  }
});
afterAll(() => {
  ours.close();
  general.close();
  rmSync(dir, { recursive: true, force: true });
});

async function both<T>(fn: (c: Client) => Promise<T>): Promise<[T, T]> {
  return [await fn(ours.client), await fn(general)];
}

describe('file client', () => {
  it('is the one openDatabase gives a plain file URL', () => {
    expect(ours.client.constructor.name).toBe('FileClient');
    expect(ours.client.protocol).toBe('file');
  });

  it('opens both spellings of a file URL on the same file, making its folder first', async () => {
    const path = join(dir, 'nested', 'spelled.db');
    const clients = [`file:${path}`, pathToFileURL(path).href].map((url) => openLibsqlClient(url));
    expect(clients.map((c) => c.constructor.name)).toEqual(['FileClient', 'FileClient']);
    await clients[0].execute('CREATE TABLE spelled (n INTEGER)');
    await clients[1].execute('INSERT INTO spelled VALUES (1)');
    const rs = await clients[0].execute('SELECT count(*) AS n FROM spelled');
    expect(Number(rs.rows[0].n)).toBe(1);
    for (const c of clients) c.close();
    expect([filePathOf(`file:${path}?mode=ro`), filePathOf(pathToFileURL(path).href), filePathOf('file::memory:'), filePathOf('libsql://db.example')])
      .toEqual([path, path, null, null]);
  });

  it('answers rows by name and by index, as the general client does', async () => {
    const [a, b] = await both(async (c) => {
      await c.execute({ sql: 'INSERT INTO t (name, n, blob) VALUES (?, ?, ?)', args: ['one', 1, new Uint8Array([1, 2]).buffer] });
      await c.execute({ sql: 'INSERT INTO t (name, n) VALUES (:name, :n)', args: { ':name': 'two', n: 2 } });
      return c.execute({ sql: 'SELECT id, name, n, n AS n, blob FROM t WHERE n >= ? ORDER BY id', args: [1] });
    });
    expect(a.columns).toEqual(b.columns);
    expect(a.rows.map((r) => ({ ...r }))).toEqual(b.rows.map((r) => ({ ...r })));
    expect(a.rows.map((r) => Array.prototype.slice.call(r))).toEqual(b.rows.map((r) => Array.prototype.slice.call(r)));
    expect(Object.keys(a.rows[0])).toEqual(Object.keys(b.rows[0]));
    expect(JSON.stringify(a.rows[1])).toBe(JSON.stringify(b.rows[1]));
    expect(a.rows[0].blob).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(a.rows[0].blob as ArrayBuffer)]).toEqual([1, 2]);
  });

  it('reports changes, and the same statement text keeps working after the schema changes', async () => {
    const [a, b] = await both(async (c) => {
      const up = await c.execute({ sql: 'UPDATE t SET n = n + 10 WHERE n < ?', args: [100] });
      await c.execute('ALTER TABLE t ADD COLUMN extra TEXT');
      const after = await c.execute({ sql: 'UPDATE t SET n = n + 10 WHERE n < ?', args: [100] });
      const cols = await c.execute('SELECT * FROM t LIMIT 1');
      return { up: up.rowsAffected, after: after.rowsAffected, cols: cols.columns };
    });
    expect(a).toEqual(b);
    expect(a.up).toBe(2);
    expect(a.cols).toContain('extra');
  });

  it('runs a batch as one transaction, rolls all of it back on an error and says which statement failed', async () => {
    const [a, b] = await both(async (c) => {
      type BatchFailure = { code: string; extendedCode?: string; statementIndex?: number; name: string };
      const err = await c.batch([
        { sql: "INSERT INTO t (name) VALUES ('three')", args: [] },
        { sql: "INSERT INTO t (name) VALUES ('one')", args: [] },
      ], 'write').then(() => ({ code: 'none', name: 'no error' }) as BatchFailure, (e: unknown) => e as BatchFailure);
      const left = await c.execute("SELECT count(*) AS k FROM t WHERE name = 'three'");
      const ok = await c.batch(["INSERT INTO t (name) VALUES ('four') RETURNING id, name"], 'write');
      return { code: err.code, extended: err.extendedCode, index: err.statementIndex, kind: err.name, left: Number(left.rows[0].k), ok: ok[0].rows.length };
    });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ code: 'SQLITE_CONSTRAINT', extended: 'SQLITE_CONSTRAINT_UNIQUE', index: 1, left: 0, ok: 1 });
  });

  it('refuses what cannot be stored, before anything is written', async () => {
    for (const c of [ours.client, general]) {
      await expect(c.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?)', args: ['x', Number.NaN] })).rejects.toThrow(RangeError);
      await expect(c.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?)', args: ['x', undefined as never] })).rejects.toThrow(TypeError);
      const big = await c.execute('SELECT 9007199254740993 AS big').catch((e: unknown) => e);
      expect(big).toBeInstanceOf(RangeError);
    }
  });

  it("reports another connection's write lock as busy", async () => {
    const holder = createClient({ url: `file:${join(dir, 'ours.db')}` });
    const tx = await holder.transaction('write');
    await tx.execute("INSERT INTO t (name) VALUES ('held')");
    const quick = await openDatabase({ url: `file:${join(dir, 'ours.db')}`, busyTimeoutMs: 50 });
    const err = await quick.client.execute("INSERT INTO t (name) VALUES ('blocked')").catch((e: unknown) => e);
    expect(isDatabaseBusy(err)).toBe(true);
    await tx.rollback();
    holder.close();
    quick.close();
  });

  it('refuses interactive transactions and use after close', async () => {
    await expect(ours.client.transaction('write')).rejects.toThrow(/batch/);
    const other = await openDatabase({ url: `file:${join(dir, 'closed.db')}` });
    other.close();
    await expect(other.client.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });
});
