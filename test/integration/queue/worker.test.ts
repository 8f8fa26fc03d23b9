import { describe, expect, it } from 'vitest';
import { AppError, permanent, transient } from '../../../server/core/errors';
import { enqueue, enqueueMany } from '../../../server/queue/enqueue';
import type { HandlerMap, JobRecord } from '../../../server/queue/types';
import { gate, waitFor } from '../../helpers/queue-wait';
import { workerHarness } from '../../helpers/worker-harness';

const h = workerHarness();
const { startWorker, db, add, job, attempts, stateIs } = h;

describe('worker', () => {
  it('runs a job once and records the attempt and result', async () => {
    const seen: JobRecord[] = [];
    startWorker({ k: async ({ job }) => { seen.push(job); return { status: 'succeeded', result: { salesOrderNo: '0001234' } }; } });
    const id = await add({ deliveryId: 'dl_1', orderingKey: 'order:1', maxAttempts: 4 });
    await waitFor(stateIs(id, 'succeeded'), 'success');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id, kind: 'k', storeId: 's1', payload: { n: 1 }, attempt: 1, maxAttempts: 4, deliveryId: 'dl_1', orderingKey: 'order:1', previousErrorClass: null });
    const row = await job(id);
    expect(JSON.parse(String(row.result))).toEqual({ salesOrderNo: '0001234' });
    expect(row.finished_at).toBe(h.clock.now());
    expect(await attempts(id)).toEqual([expect.objectContaining({ attempt_no: 1, outcome: 'succeeded', started_at: h.clock.now(), ended_at: h.clock.now() })]);
  });

  it('retries a transient failure after the backoff, and the next attempt sees why', async () => {
    const classes: Array<string | null> = [];
    startWorker({
      k: async ({ job }) => {
        classes.push(job.previousErrorClass);
        if (job.attempt === 1) throw transient('SessionUnavailable', 'Sage is in its nightly backup');
      },
    });
    const id = await add();
    await waitFor(stateIs(id, 'retrying'), 'retrying');
    const row = await job(id);
    // random 0.5 → half of the 1 s ceiling of attempt 1.
    expect(row).toMatchObject({ run_at: h.clock.now() + 500, error_class: 'transient', error_code: 'SessionUnavailable', last_error: 'Sage is in its nightly backup' });
    h.clock.advance(499);
    await new Promise((r) => setTimeout(r, 50));
    expect((await job(id)).state).toBe('retrying');
    h.clock.advance(1);
    await waitFor(stateIs(id, 'succeeded'), 'success after retry');
    expect(classes).toEqual([null, 'transient']);
    expect((await attempts(id)).map((a) => [a.attempt_no, a.outcome, a.error_class])).toEqual([[1, 'failed', 'transient'], [2, 'succeeded', null]]);
  });

  it('sends a permanent failure to dead at once, with the reason', async () => {
    startWorker({ k: async () => { throw permanent('CI_NOF', 'Sage has no item code "WIDGET-9"'); } });
    const id = await add();
    await waitFor(stateIs(id, 'dead'), 'dead');
    expect(await job(id)).toMatchObject({ error_class: 'permanent', error_code: 'CI_NOF', last_error: 'Sage has no item code "WIDGET-9"', attempts: 1 });
  });

  it('gives up when the attempts are used, and honours Retry-After', async () => {
    let calls = 0;
    startWorker({ k: async () => { calls++; throw new AppError('Throttled', 'slow down', { errorClass: 'rate_limited', retryAfterMs: 60_000 }); } }, { random: () => 0 });
    const id = await add({ maxAttempts: 2 });
    await waitFor(stateIs(id, 'retrying'), 'retrying');
    expect((await job(id)).run_at).toBe(h.clock.now() + 60_000);
    h.clock.advance(60_000);
    await waitFor(stateIs(id, 'dead'), 'dead');
    expect(calls).toBe(2);
    expect((await job(id)).last_error).toBe('gave up after 2 attempts: slow down');
  });

  it('classifies plain errors as transient and database-busy errors as transient', async () => {
    startWorker({
      k: async ({ job }) => {
        if (job.attempt === 1) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        if (job.attempt === 2) throw new Error('socket hang up');
      },
    });
    const id = await add();
    await waitFor(stateIs(id, 'retrying'), 'first retry');
    expect((await job(id)).error_code).toBe('DatabaseBusy');
    h.clock.advance(10_000);
    await waitFor(async () => (await job(id)).attempts === 2 && (await job(id)).state === 'retrying', 'second retry');
    expect((await job(id)).error_code).toBe('Unexpected');
    h.clock.advance(10_000);
    await waitFor(stateIs(id, 'succeeded'), 'success');
  });

  it('holds a job a business rule stopped; later jobs of its order go on', async () => {
    startWorker({
      k: async ({ job }) => ((job.payload as { n: number }).n === 1
        ? { status: 'held', reason: 'customer is on credit hold', detail: { customerNo: 'ABF' } }
        : undefined),
    });
    const held = await add({ orderingKey: 'order:7', payload: { n: 1 } });
    const next = await add({ orderingKey: 'order:7', payload: { n: 2 } });
    await waitFor(stateIs(next, 'succeeded'), 'the later job');
    expect(await job(held)).toMatchObject({ state: 'held', last_error: 'customer is on credit hold', error_code: 'Held', finished_at: null });
    expect(JSON.parse(String((await job(held)).result))).toEqual({ customerNo: 'ABF' });
    expect((await attempts(held))[0]).toMatchObject({ outcome: 'held' });
  });

  it('leaves a job of a kind it has no handler for queued, for a worker that has one', async () => {
    startWorker({ k: async () => {} });
    const other = await add({ kind: 'handled-elsewhere' });
    const mine = await add();
    await waitFor(stateIs(mine, 'succeeded'), 'its own job');
    await new Promise((r) => setTimeout(r, 50));
    expect(await job(other)).toMatchObject({ state: 'queued', attempts: 0 });
    startWorker({ 'handled-elsewhere': async () => {} });
    await waitFor(stateIs(other, 'succeeded'), 'the other worker ran it');
  });

  it('commits follow-up jobs with the success of their parent only', async () => {
    startWorker({
      k: async ({ job, enqueue: follow }) => {
        await follow({ kind: 'child', storeId: job.storeId, payload: { parent: job.id, attempt: job.attempt } });
        if (job.attempt === 1) throw transient('Flaky', 'try again');
      },
      child: async () => {},
    });
    const id = await add();
    await waitFor(stateIs(id, 'retrying'), 'first attempt failed');
    expect((await h.t.database.client.execute("SELECT count(*) n FROM jobs WHERE kind = 'child'")).rows[0].n).toBe(0);
    h.clock.advance(5_000);
    await waitFor(stateIs(id, 'succeeded'), 'parent succeeded');
    await waitFor(async () => (await h.t.database.client.execute("SELECT count(*) n FROM jobs WHERE kind = 'child' AND state = 'succeeded'")).rows[0].n === 1, 'one child ran');
    const children = (await h.t.database.client.execute("SELECT payload FROM jobs WHERE kind = 'child'")).rows;
    expect(children.map((r) => JSON.parse(String(r.payload)))).toEqual([{ parent: id, attempt: 2 }]);
  });

  it('starts a job enqueued in this process at once, without waiting for the poll', async () => {
    startWorker({ k: async () => {} }, { pollIntervalMs: 600_000 });
    await new Promise((r) => setTimeout(r, 50)); // the first, empty claim has happened; the loop now sleeps
    const id = await add();
    await waitFor(stateIs(id, 'succeeded'), 'the job, woken by notify', 5_000);
  });

  it('survives a database error in its claims, reports it, and recovers', async () => {
    const w = startWorker({ k: async () => {} });
    await waitFor(() => w.status().lastClaimAt !== null, 'a first claim');
    await h.t.database.client.execute('ALTER TABLE jobs RENAME TO jobs_away');
    await waitFor(() => w.status().consecutiveErrors >= 2, 'claims failing');
    expect(w.status().lastError).toMatch(/no such table/);
    await h.t.database.client.execute('ALTER TABLE jobs_away RENAME TO jobs');
    const id = await add();
    await waitFor(stateIs(id, 'succeeded'), 'recovered');
    expect(w.status().consecutiveErrors).toBe(0);
  });

  it('runs at most `concurrency` jobs at once', async () => {
    let running = 0;
    let peak = 0;
    const g = gate();
    startWorker({ k: async () => { running++; peak = Math.max(peak, running); await g.promise; running--; } }, { concurrency: 3 });
    const ids = await enqueueMany(db(), Array.from({ length: 10 }, () => ({ kind: 'k', storeId: 's1', payload: {} })), { clock: h.clock });
    await waitFor(() => running === 3, 'three running');
    await new Promise((r) => setTimeout(r, 50));
    expect(running).toBe(3);
    g.open();
    await waitFor(async () => (await Promise.all(ids.map(job))).every((j) => j.state === 'succeeded'), 'all done');
    expect(peak).toBe(3);
  });

  it('runs the jobs of one key one at a time, in arrival order, while other keys run beside them', async () => {
    const log: string[] = [];
    const active = new Map<string, number>();
    let overlapSameKey = 0;
    let peak = 0;
    startWorker({
      k: async ({ job }) => {
        const key = job.orderingKey!;
        const now = (active.get(key) ?? 0) + 1;
        active.set(key, now);
        if (now > 1) overlapSameKey++;
        peak = Math.max(peak, [...active.values()].reduce((a, b) => a + b, 0));
        log.push(`${key}:${(job.payload as { i: number }).i}`);
        await new Promise((r) => setTimeout(r, 2));
        active.set(key, active.get(key)! - 1);
      },
    }, { concurrency: 8 });
    const inputs = Array.from({ length: 60 }, (_, i) => ({ kind: 'k', storeId: 's1', orderingKey: `order:${i % 4}`, payload: { i } }));
    const ids = await enqueueMany(db(), inputs, { clock: h.clock });
    await waitFor(async () => (await h.t.database.client.execute("SELECT count(*) n FROM jobs WHERE state = 'succeeded'")).rows[0].n === ids.length, 'all done');
    expect(overlapSameKey).toBe(0);
    expect(peak).toBeGreaterThan(1);
    for (let k = 0; k < 4; k++) {
      const order = log.filter((l) => l.startsWith(`order:${k}:`)).map((l) => Number(l.split(':')[2]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(order).toHaveLength(15);
    }
  });

  it('keeps each target under its limit across two workers sharing the database', async () => {
    const running = new Map<string, number>();
    const peaks = new Map<string, number>();
    const handlers: HandlerMap = {
      k: async ({ job }) => {
        const tg = job.target!;
        running.set(tg, (running.get(tg) ?? 0) + 1);
        peaks.set(tg, Math.max(peaks.get(tg) ?? 0, running.get(tg)!));
        await new Promise((r) => setTimeout(r, 3));
        running.set(tg, running.get(tg)! - 1);
      },
    };
    const limits = { 'sage-write': 1, 'sage-write:BIG': 3 };
    startWorker(handlers, { concurrency: 6, targetLimits: limits, owner: 'w1' });
    startWorker(handlers, { concurrency: 6, targetLimits: limits, owner: 'w2' });
    const inputs = ['sage-write:A', 'sage-write:B', 'sage-write:BIG'].flatMap((target) =>
      Array.from({ length: 15 }, () => ({ kind: 'k', storeId: 's1', target, payload: {} })));
    await enqueueMany(db(), inputs, { clock: h.clock });
    await waitFor(async () => (await h.t.database.client.execute("SELECT count(*) n FROM jobs WHERE state = 'succeeded'")).rows[0].n === 45, 'all done');
    expect(peaks.get('sage-write:A')).toBe(1);
    expect(peaks.get('sage-write:B')).toBe(1);
    expect(peaks.get('sage-write:BIG')).toBeLessThanOrEqual(3);
    expect(peaks.get('sage-write:BIG')).toBeGreaterThan(1);
  });
});
