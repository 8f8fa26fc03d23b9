import type { Client } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimStatement, reapStatements } from '../../../server/queue/claim-sql';
import { enqueueMany } from '../../../server/queue/enqueue';
import type { EnqueueInput } from '../../../server/queue/types';
import { openQueueDb } from '../../helpers/queue-db';

/**
 * The claim statement itself, driven step by step: which jobs one atomic claim hands out, given
 * the states of the others. Deterministic, no worker loop involved.
 */
let t: Awaited<ReturnType<typeof openQueueDb>>;
let c: Client;
const NOW = Date.UTC(2026, 0, 5, 12);

beforeEach(async () => {
  t = await openQueueDb();
  c = t.database.client;
});
afterEach(() => t.close());

async function add(inputs: Array<Partial<EnqueueInput>>): Promise<string[]> {
  return enqueueMany(t.database.db, inputs.map((i) => ({ kind: 'k', storeId: 's1', payload: {}, ...i })), { clock: { now: () => NOW } });
}

async function claim(owner: string, limit = 100, targetLimits: Record<string, number> = {}, now = NOW, kinds = ['k']): Promise<string[]> {
  const rs = await c.batch([...reapStatements(now), claimStatement({ owner, now, leaseMs: 30_000, limit, targetLimits, kinds })], 'write');
  return rs[2].rows.map((r) => String(r.id)).sort();
}

async function setState(id: string, state: string) {
  await c.execute({ sql: 'UPDATE jobs SET state = ?, lease_expires_at = NULL WHERE id = ?', args: [state, id] });
}

describe('claim', () => {
  it('hands out only the first waiting job of an ordering key, then the next once it ends', async () => {
    const [a, b, c2] = await add([{ orderingKey: 'order:1' }, { orderingKey: 'order:1' }, { orderingKey: 'order:1' }]);
    const [free] = await add([{}]);
    expect(await claim('w1')).toEqual([a, free].sort());
    expect(await claim('w2')).toEqual([]); // a is running: b and c wait
    await setState(a, 'succeeded');
    await setState(free, 'succeeded');
    expect(await claim('w2')).toEqual([b]);
    await setState(b, 'retrying');
    await c.execute({ sql: 'UPDATE jobs SET run_at = ? WHERE id = ?', args: [NOW + 60_000, b] });
    expect(await claim('w2')).toEqual([]); // b waits for its retry time, and c waits behind b
    expect(await claim('w2', 100, {}, NOW + 60_000)).toEqual([b]);
    await setState(b, 'succeeded');
    expect(await claim('w3')).toEqual([c2]);
  });

  it('scopes ordering keys to the store', async () => {
    const [a] = await add([{ orderingKey: 'order:1', storeId: 's1' }]);
    const [b] = await add([{ orderingKey: 'order:1', storeId: 's2' }]);
    expect(await claim('w1')).toEqual([a, b].sort());
  });

  it('lets later jobs pass a held or dead one of their key, but never run beside a running one', async () => {
    const [held, dead, next, last] = await add([
      { orderingKey: 'o' }, { orderingKey: 'o' }, { orderingKey: 'o' }, { orderingKey: 'o' },
    ]);
    await setState(held, 'held');
    await setState(dead, 'dead');
    expect(await claim('w1')).toEqual([next]);
    // A person retries the held job while `next` runs: it must wait until `next` ends...
    await setState(held, 'queued');
    expect(await claim('w1')).toEqual([]);
    await setState(next, 'succeeded');
    // ...and then it runs first (lowest seq), before `last`.
    expect(await claim('w1')).toEqual([held]);
    await setState(held, 'succeeded');
    expect(await claim('w1')).toEqual([last]);
  });

  it('never runs more than the limit of one target, across claims and within one claim', async () => {
    const a = await add(Array.from({ length: 5 }, () => ({ target: 'sage-write:A' })));
    const b = await add(Array.from({ length: 5 }, () => ({ target: 'sage-write:B' })));
    const big = await add(Array.from({ length: 5 }, () => ({ target: 'sage-write:BIG' })));
    const limits = { 'sage-write': 1, 'sage-write:BIG': 3 };
    const first = await claim('w1', 100, limits);
    expect(first).toEqual([a[0], b[0], ...big.slice(0, 3)].sort());
    expect(await claim('w2', 100, limits)).toEqual([]);
    await setState(a[0], 'succeeded');
    await setState(big[0], 'dead');
    expect(await claim('w2', 100, limits)).toEqual([a[1], big[3]].sort());
  });

  it('gives an unconfigured target the default limit of 1, and untargeted jobs no limit', async () => {
    const t1 = await add([{ target: 'x' }, { target: 'x' }]);
    const free = await add([{}, {}, {}]);
    expect(await claim('w1')).toEqual([t1[0], ...free].sort());
  });

  it('does not let a backlog of one full target hide the jobs behind it', async () => {
    await add(Array.from({ length: 300 }, () => ({ target: 'sage-write:A' })));
    const [behind] = await add([{}]);
    const first = await claim('w1', 10, { 'sage-write': 1 });
    expect(first).toHaveLength(1);
    // The claim scans a window of candidates; next time the saturated target is filtered out first.
    expect(await claim('w1', 10, { 'sage-write': 1 })).toEqual([behind]);
  });

  it('honours the limit, priority, and run_at', async () => {
    const [later] = await add([{ runAt: NOW + 1000 }]);
    const [low1, low2] = await add([{}, {}]);
    const [high] = await add([{ priority: 5 }]);
    expect(await claim('w1', 2)).toEqual([high, low1].sort());
    expect(await claim('w1', 5)).toEqual([low2]);
    expect(await claim('w1', 5, {}, NOW + 1000)).toEqual([later]);
  });

  it('claims only the kinds the worker has handlers for', async () => {
    const [known] = await add([{ kind: 'k' }]);
    const [newer] = await add([{ kind: 'from-a-newer-version' }]);
    expect(await claim('old-worker', 100, {}, NOW, ['k'])).toEqual([known]);
    expect(await claim('old-worker', 100, {}, NOW, ['k'])).toEqual([]);
    expect(await claim('new-worker', 100, {}, NOW, ['k', 'from-a-newer-version'])).toEqual([newer]);
  });

  it('two owners claiming at once never get the same job', async () => {
    await add(Array.from({ length: 200 }, (_, i) => ({ orderingKey: i % 7 ? undefined : `k${i % 3}` })));
    const got = await Promise.all(Array.from({ length: 8 }, (_, i) => claim(`w${i}`, 30)));
    const all = got.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('takes back a job whose lease expired: the lost attempt is recorded and the job runs again', async () => {
    const [id] = await add([{ orderingKey: 'o' }]);
    const [behind] = await add([{ orderingKey: 'o' }]);
    expect(await claim('dead-worker')).toEqual([id]);
    expect(await claim('w2', 100, {}, NOW + 29_999)).toEqual([]); // lease still valid; behind waits too
    expect(await claim('w2', 100, {}, NOW + 30_000)).toEqual([id]);
    const job = (await c.execute({ sql: 'SELECT * FROM jobs WHERE id = ?', args: [id] })).rows[0];
    expect(job).toMatchObject({ state: 'running', lease_owner: 'w2', attempts: 2, error_class: 'unknown_outcome' });
    const attempts = (await c.execute({ sql: 'SELECT * FROM job_attempts WHERE job_id = ?', args: [id] })).rows;
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt_no: 1, worker: 'dead-worker', outcome: 'lease_lost', error_code: 'LeaseExpired' });
    // The job behind it on the same key still waits: the taken-over job holds the key again.
    expect(await claim('w3', 100, {}, NOW + 30_001)).toEqual([]);
    expect((await c.execute({ sql: 'SELECT state FROM jobs WHERE id = ?', args: [behind] })).rows[0].state).toBe('queued');
  });

  it('sends a job that keeps losing its lease to dead once its budget is used', async () => {
    const [id] = await add([{ maxAttempts: 2 }]);
    expect(await claim('w1')).toEqual([id]);
    expect(await claim('w2', 100, {}, NOW + 30_000)).toEqual([id]);
    expect(await claim('w3', 100, {}, NOW + 60_000)).toEqual([]);
    const job = (await c.execute({ sql: 'SELECT state, finished_at FROM jobs WHERE id = ?', args: [id] })).rows[0];
    expect(job).toMatchObject({ state: 'dead', finished_at: NOW + 60_000 });
  });
});
