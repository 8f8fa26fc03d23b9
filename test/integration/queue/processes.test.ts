import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMany } from '../../../server/queue/enqueue';
import type { EnqueueInput } from '../../../server/queue/types';
import { createWorker } from '../../../server/queue/worker';
import { openQueueDb, quietLog } from '../../helpers/queue-db';
import { spawnWorkerChild, type WorkerChild } from '../../helpers/queue-processes';
import { waitFor } from '../../helpers/queue-wait';

/**
 * Real processes on one database file: a worker killed with SIGKILL mid-job loses nothing, and
 * two worker processes share 5,000 jobs with each run exactly once.
 */
let t: Awaited<ReturnType<typeof openQueueDb>>;
const children: WorkerChild[] = [];

beforeEach(async () => { t = await openQueueDb(); });
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill()));
  t.close();
});
afterAll(async () => { await Promise.all(children.map((c) => c.kill())); });

const sql = async (q: string, args: unknown[] = []) => (await t.database.client.execute({ sql: q, args: args as never })).rows;

describe('worker processes on one file', () => {
  it('a worker killed mid-job loses nothing: the job runs again after its lease expires and succeeds once', async () => {
    const [victim, ...others] = await enqueueMany(t.database.db, [
      { kind: 'victim', storeId: 's1', payload: {}, orderingKey: 'order:1' },
      { kind: 'after', storeId: 's1', payload: {}, orderingKey: 'order:1' },
      ...Array.from({ length: 20 }, () => ({ kind: 'after', storeId: 's1', payload: {} })),
    ]);
    const child = spawnWorkerChild({ DATABASE_URL: t.url, CONCURRENCY: '1', LEASE_MS: '800', OWNER: 'doomed' });
    children.push(child);
    expect(await child.line('started ')).toBe(`started ${victim}`);
    await child.kill();
    expect((await sql('SELECT state, lease_owner FROM jobs WHERE id = ?', [victim]))[0]).toMatchObject({ state: 'running', lease_owner: 'doomed' });
    expect((await sql("SELECT count(*) n FROM jobs WHERE state = 'queued'"))[0].n).toBe(others.length);

    const ran = new Map<string, number>();
    const count = async ({ job }: { job: { id: string } }) => { ran.set(job.id, (ran.get(job.id) ?? 0) + 1); };
    const rescuer = createWorker({ database: t.database, handlers: { victim: count, after: count }, log: quietLog, leaseMs: 800, pollIntervalMs: 20, owner: 'rescuer' });
    rescuer.start();
    try {
      await waitFor(async () => (await sql("SELECT count(*) n FROM jobs WHERE state = 'succeeded'"))[0].n === others.length + 1, 'every job done', 20_000);
    } finally {
      await rescuer.stop();
    }
    expect(ran.get(victim)).toBe(1);
    expect([...ran.values()].every((n) => n === 1)).toBe(true);
    expect(ran.size).toBe(others.length + 1);
    const attempts = await sql('SELECT attempt_no, worker, outcome, error_code FROM job_attempts WHERE job_id = ? ORDER BY id', [victim]);
    expect(attempts.map((a) => [a.attempt_no, a.worker, a.outcome, a.error_code])).toEqual([
      [1, 'doomed', 'lease_lost', 'LeaseExpired'],
      [2, 'rescuer', 'succeeded', null],
    ]);
  });

  it('two worker processes run 5,000 jobs, each exactly once, keeping per-key order across processes', async () => {
    const KEYS = 50;
    const PER_KEY = 10;
    await t.database.client.execute('CREATE TABLE key_progress (key TEXT PRIMARY KEY, last INTEGER NOT NULL)');
    await t.database.client.batch(Array.from({ length: KEYS }, (_, k) => ({ sql: 'INSERT INTO key_progress VALUES (?, 0)', args: [`k${k}`] })), 'write');
    const pair = ['a', 'b'].map((name) => spawnWorkerChild({
      DATABASE_URL: t.url, CONCURRENCY: '32', OWNER: `proc-${name}`, OUT: join(t.dir, `${name}.json`),
    }));
    children.push(...pair);
    await Promise.all(pair.map((c) => c.line('ready')));

    const inputs: EnqueueInput[] = [];
    for (let n = 1; n <= PER_KEY; n++) {
      for (let k = 0; k < KEYS; k++) inputs.push({ kind: 'keyed', storeId: 's1', orderingKey: `order:k${k}`, payload: { key: `k${k}`, n } });
    }
    // Each no-op takes 2 ms: at ~20,000 jobs/s one process could otherwise drain all 5,000 before
    // the other's first claim, and the test would not show two processes sharing the work.
    while (inputs.length < 5_000) inputs.push({ kind: 'noop', storeId: 's1', payload: { ms: 2 } });
    const ids: string[] = [];
    for (let i = 0; i < inputs.length; i += 1000) ids.push(...await enqueueMany(t.database.db, inputs.slice(i, i + 1000)));

    await waitFor(async () => (await sql("SELECT count(*) n FROM jobs WHERE state IN ('queued', 'running', 'retrying')"))[0].n === 0, 'the queue to drain', 90_000);
    const results = await Promise.all(pair.map((c) => c.stop()));

    expect((await sql("SELECT state, count(*) n FROM jobs GROUP BY state")).map((r) => [r.state, r.n])).toEqual([['succeeded', 5_000]]);
    const all = results.flatMap((r) => r.ran);
    expect(all).toHaveLength(5_000);
    expect(new Set(all).size).toBe(5_000);
    expect(new Set(all)).toEqual(new Set(ids));
    // Both processes took a real share.
    for (const r of results) expect(r.ran.length).toBeGreaterThan(100);
    expect((await sql("SELECT count(*) n FROM job_attempts WHERE outcome = 'succeeded'"))[0].n).toBe(5_000);
    expect((await sql('SELECT count(*) n FROM key_progress WHERE last = ?', [PER_KEY]))[0].n).toBe(KEYS);
  });
});
