import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/db/client';
import { runMigrations } from '../../../server/db/migrate';
import { enqueueMany } from '../../../server/queue/enqueue';
import type { EnqueueInput } from '../../../server/queue/types';
import { spawnWorkerChild, type WorkerChild } from '../../helpers/queue-processes';
import { startSqld } from '../../helpers/queue-sqld';
import { waitFor } from '../../helpers/queue-wait';

/**
 * Beyond one machine: two worker processes that share a libSQL server (not a file) over HTTP.
 * There, concurrent writers meet SQLITE_BUSY at once rather than waiting on a file lock; the
 * engine treats it as transient and goes again, and no job runs twice.
 */
let server: Awaited<ReturnType<typeof startSqld>>;
let database: Database;
let dir: string;
const children: WorkerChild[] = [];

beforeAll(async () => {
  server = await startSqld();
  database = await openDatabase({ url: server.url });
  await runMigrations(database);
  dir = mkdtempSync(join(tmpdir(), 'queue-sqld-out-'));
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.kill()));
  database?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sql = async (q: string, args: unknown[] = []) => (await database.client.execute({ sql: q, args: args as never })).rows;

describe('two app processes against a libSQL server', () => {
  it('run 2,000 jobs, each exactly once, per-key order kept', async () => {
    const KEYS = 20;
    const PER_KEY = 5;
    await database.client.execute('CREATE TABLE key_progress (key TEXT PRIMARY KEY, last INTEGER NOT NULL)');
    await database.client.batch(Array.from({ length: KEYS }, (_, k) => ({ sql: 'INSERT INTO key_progress VALUES (?, 0)', args: [`k${k}`] })), 'write');
    const pair = ['a', 'b'].map((name) => spawnWorkerChild({
      DATABASE_URL: server.url, CONCURRENCY: '32', OWNER: `remote-${name}`, OUT: join(dir, `${name}.json`),
    }));
    children.push(...pair);
    await Promise.all(pair.map((c) => c.line('ready')));

    const inputs: EnqueueInput[] = [];
    for (let n = 1; n <= PER_KEY; n++) {
      for (let k = 0; k < KEYS; k++) inputs.push({ kind: 'keyed', storeId: 's1', orderingKey: `order:k${k}`, payload: { key: `k${k}`, n } });
    }
    // 2 ms a job, so neither process can drain the queue before the other claims (see processes.test).
    while (inputs.length < 2_000) inputs.push({ kind: 'noop', storeId: 's1', payload: { ms: 2 } });
    const ids: string[] = [];
    for (let i = 0; i < inputs.length; i += 500) ids.push(...await enqueueMany(database.db, inputs.slice(i, i + 500)));

    await waitFor(async () => (await sql("SELECT count(*) n FROM jobs WHERE state IN ('queued', 'running', 'retrying')"))[0].n === 0, 'the queue to drain', 120_000);
    const results = await Promise.all(pair.map((c) => c.stop()));

    expect((await sql('SELECT state, count(*) n FROM jobs GROUP BY state')).map((r) => [r.state, r.n])).toEqual([['succeeded', 2_000]]);
    const all = results.flatMap((r) => r.ran);
    expect(all).toHaveLength(2_000);
    expect(new Set(all)).toEqual(new Set(ids));
    for (const r of results) expect(r.ran.length).toBeGreaterThan(50);
    expect((await sql("SELECT count(*) n FROM job_attempts WHERE outcome = 'succeeded'"))[0].n).toBe(2_000);
    expect((await sql('SELECT count(*) n FROM key_progress WHERE last = ?', [PER_KEY]))[0].n).toBe(KEYS);
  });
});
