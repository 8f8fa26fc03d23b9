import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { AppError, permanent, transient } from '../../../server/core/errors';
import { enqueue, enqueueMany } from '../../../server/queue/enqueue';
import { cancelJob } from '../../../server/queue/exceptions';
import type { HandlerMap, JobRecord } from '../../../server/queue/types';
import { createWorker, type Worker, type WorkerOptions } from '../../../server/queue/worker';
import { openQueueDb, quietLog } from '../../helpers/queue-db';
import { gate, waitFor } from '../../helpers/queue-wait';

let t: Awaited<ReturnType<typeof openQueueDb>>;
let clock: FakeClock;
const workers: Worker[] = [];

beforeEach(async () => {
  t = await openQueueDb();
  clock = new FakeClock();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop({ deadlineMs: 100 })));
  t.close();
});

function startWorker(handlers: HandlerMap, opts: Partial<WorkerOptions> = {}): Worker {
  const w = createWorker({
    database: t.database, handlers, log: quietLog, clock, pollIntervalMs: 10, random: () => 0.5, ...opts,
  });
  workers.push(w);
  w.start();
  return w;
}

const db = () => t.database.db;
const add = (over: Record<string, unknown> = {}) => enqueue(db(), { kind: 'k', storeId: 's1', payload: { n: 1 }, ...over }, { clock });

async function job(id: string) {
  return (await t.database.client.execute({ sql: 'SELECT * FROM jobs WHERE id = ?', args: [id] })).rows[0];
}
async function attempts(id: string) {
  return (await t.database.client.execute({ sql: 'SELECT * FROM job_attempts WHERE job_id = ? ORDER BY id', args: [id] })).rows;
}
const stateIs = (id: string, state: string) => async () => (await job(id)).state === state;

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
    expect(row.finished_at).toBe(clock.now());
    expect(await attempts(id)).toEqual([expect.objectContaining({ attempt_no: 1, outcome: 'succeeded', started_at: clock.now(), ended_at: clock.now() })]);
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
    expect(row).toMatchObject({ run_at: clock.now() + 500, error_class: 'transient', error_code: 'SessionUnavailable', last_error: 'Sage is in its nightly backup' });
    clock.advance(499);
    await new Promise((r) => setTimeout(r, 50));
    expect((await job(id)).state).toBe('retrying');
    clock.advance(1);
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
    expect((await job(id)).run_at).toBe(clock.now() + 60_000);
    clock.advance(60_000);
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
    clock.advance(10_000);
    await waitFor(async () => (await job(id)).attempts === 2 && (await job(id)).state === 'retrying', 'second retry');
    expect((await job(id)).error_code).toBe('Unexpected');
    clock.advance(10_000);
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
    expect((await t.database.client.execute("SELECT count(*) n FROM jobs WHERE kind = 'child'")).rows[0].n).toBe(0);
    clock.advance(5_000);
    await waitFor(stateIs(id, 'succeeded'), 'parent succeeded');
    await waitFor(async () => (await t.database.client.execute("SELECT count(*) n FROM jobs WHERE kind = 'child' AND state = 'succeeded'")).rows[0].n === 1, 'one child ran');
    const children = (await t.database.client.execute("SELECT payload FROM jobs WHERE kind = 'child'")).rows;
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
    await t.database.client.execute('ALTER TABLE jobs RENAME TO jobs_away');
    await waitFor(() => w.status().consecutiveErrors >= 2, 'claims failing');
    expect(w.status().lastError).toMatch(/no such table/);
    await t.database.client.execute('ALTER TABLE jobs_away RENAME TO jobs');
    const id = await add();
    await waitFor(stateIs(id, 'succeeded'), 'recovered');
    expect(w.status().consecutiveErrors).toBe(0);
  });

  it('runs at most `concurrency` jobs at once', async () => {
    let running = 0;
    let peak = 0;
    const g = gate();
    startWorker({ k: async () => { running++; peak = Math.max(peak, running); await g.promise; running--; } }, { concurrency: 3 });
    const ids = await enqueueMany(db(), Array.from({ length: 10 }, () => ({ kind: 'k', storeId: 's1', payload: {} })), { clock });
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
    const ids = await enqueueMany(db(), inputs, { clock });
    await waitFor(async () => (await t.database.client.execute("SELECT count(*) n FROM jobs WHERE state = 'succeeded'")).rows[0].n === ids.length, 'all done');
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
    await enqueueMany(db(), inputs, { clock });
    await waitFor(async () => (await t.database.client.execute("SELECT count(*) n FROM jobs WHERE state = 'succeeded'")).rows[0].n === 45, 'all done');
    expect(peaks.get('sage-write:A')).toBe(1);
    expect(peaks.get('sage-write:B')).toBe(1);
    expect(peaks.get('sage-write:BIG')).toBeLessThanOrEqual(3);
    expect(peaks.get('sage-write:BIG')).toBeGreaterThan(1);
  });
});

describe('worker leases', () => {
  it('lets another worker take over an expired lease; the stale worker cannot record its end', async () => {
    const g = gate();
    const signals: AbortSignal[] = [];
    // One slot, so A (stalled on its only job) does not claim, and so cannot take the job back itself.
    const a = startWorker({ k: async ({ signal }) => { signals.push(signal); await g.promise; } }, { owner: 'A', leaseMs: 30_000, concurrency: 1 });
    const id = await add();
    await waitFor(() => signals.length === 1, 'A started the job');
    clock.advance(30_000);
    const seenByB: JobRecord[] = [];
    startWorker({ k: async ({ job }) => { seenByB.push(job); } }, { owner: 'B', leaseMs: 30_000 });
    await waitFor(stateIs(id, 'succeeded'), 'B finished the job');
    expect(seenByB[0]).toMatchObject({ attempt: 2, previousErrorClass: 'unknown_outcome' });
    // A learns at its next heartbeat that the job is gone, and aborts its handler.
    await a.heartbeat();
    expect(signals[0].aborted).toBe(true);
    g.open();
    await new Promise((r) => setTimeout(r, 50));
    expect(await job(id)).toMatchObject({ state: 'succeeded', lease_owner: 'B', attempts: 2 });
    expect((await attempts(id)).map((r) => [r.attempt_no, r.worker, r.outcome])).toEqual([[1, 'A', 'lease_lost'], [2, 'B', 'succeeded']]);
  });

  it('keeps apart two attempts of one job when a stalled worker claims it again itself', async () => {
    const g = gate();
    const signals: AbortSignal[] = [];
    const a = startWorker({
      k: async ({ job, signal }) => { signals.push(signal); if (job.attempt === 1) await g.promise; },
    }, { owner: 'A', leaseMs: 30_000, concurrency: 2 });
    const id = await add();
    await waitFor(() => signals.length === 1, 'attempt 1 started');
    clock.advance(30_000);
    await waitFor(stateIs(id, 'succeeded'), 'attempt 2, by the same worker, succeeded');
    await a.heartbeat();
    expect(signals[0].aborted).toBe(true);
    g.open();
    await waitFor(() => a.status().inFlight === 0, 'attempt 1 leaves the worker');
    expect(await job(id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect((await attempts(id)).map((r) => [r.attempt_no, r.worker, r.outcome])).toEqual([[1, 'A', 'lease_lost'], [2, 'A', 'succeeded']]);
  });

  it('keeps a long job its own by extending the lease', async () => {
    const g = gate();
    let started = 0;
    const a = startWorker({ k: async () => { started++; await g.promise; } }, { owner: 'A', leaseMs: 1000 });
    const id = await add();
    await waitFor(() => started === 1, 'A started');
    clock.advance(600);
    await a.heartbeat();
    clock.advance(600); // past the first lease, inside the extended one
    startWorker({ k: async () => { started++; } }, { owner: 'B', leaseMs: 1000 });
    await new Promise((r) => setTimeout(r, 60));
    expect(await job(id)).toMatchObject({ state: 'running', lease_owner: 'A', lease_expires_at: clock.now() + 400 });
    g.open();
    await waitFor(stateIs(id, 'succeeded'), 'A finished');
    expect(started).toBe(1);
    expect(await attempts(id)).toHaveLength(1);
  });

  it('stop gives back a job still running at the deadline; another worker runs it at once', async () => {
    const signals: AbortSignal[] = [];
    const a = startWorker({ k: async ({ signal }) => { signals.push(signal); await new Promise(() => {}); } }, { owner: 'A' });
    const id = await add();
    await waitFor(() => signals.length === 1, 'A started');
    await a.stop({ deadlineMs: 30 });
    expect(signals[0].aborted).toBe(true);
    expect(await job(id)).toMatchObject({ state: 'retrying', error_class: 'unknown_outcome', error_code: 'Released', run_at: clock.now(), lease_expires_at: null });
    expect((await attempts(id))[0]).toMatchObject({ outcome: 'lease_lost', worker: 'A', error_code: 'Released' });
    const seen: JobRecord[] = [];
    startWorker({ k: async ({ job }) => { seen.push(job); } }, { owner: 'B' });
    await waitFor(stateIs(id, 'succeeded'), 'B ran it');
    expect(seen[0]).toMatchObject({ attempt: 2, previousErrorClass: 'unknown_outcome' });
  });

  it('stop lets running jobs finish within the deadline and claims nothing new', async () => {
    const g = gate();
    let runs = 0;
    const a = startWorker({ k: async () => { runs++; await g.promise; } }, { owner: 'A', concurrency: 1 });
    const first = await add();
    await waitFor(() => runs === 1, 'first started');
    const second = await add();
    const stopping = a.stop({ deadlineMs: 10_000 });
    setTimeout(() => g.open(), 30);
    await stopping;
    expect((await job(first)).state).toBe('succeeded');
    expect((await job(second)).state).toBe('queued');
    expect(runs).toBe(1);
  });

  it('a job cancelled while running ends cancelled, its handler is told, and its follow-ups are dropped', async () => {
    let aborted: unknown;
    const a = startWorker({
      k: async ({ signal, enqueue: follow, job }) => {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        aborted = signal.reason;
        await follow({ kind: 'child', storeId: job.storeId, payload: {} });
        return { status: 'succeeded' };
      },
    }, { owner: 'A' });
    const id = await add();
    await waitFor(stateIs(id, 'running'), 'running');
    expect(await cancelJob(db(), id, { storeId: 's1', actor: 'ops@merchant.test', reason: 'duplicate order', clock })).toEqual({ state: 'cancel_requested' });
    await a.heartbeat();
    await waitFor(stateIs(id, 'cancelled'), 'cancelled');
    expect(String((aborted as Error).message)).toMatch(/cancelled/);
    expect((await job(id)).last_error).toBe('cancelled while running; the attempt ended succeeded');
    expect((await t.database.client.execute("SELECT count(*) n FROM jobs WHERE kind = 'child'")).rows[0].n).toBe(0);
    const audit = (await t.database.client.execute('SELECT actor, action, subject, reason FROM audit_log')).rows;
    expect(audit).toEqual([expect.objectContaining({ actor: 'ops@merchant.test', action: 'job.cancel_requested', subject: id, reason: 'duplicate order' })]);
  });

  it("writes a handler's records in the transaction of the attempt's end, whatever the outcome", async () => {
    const note = (id: string, text: string) => ({
      sql: "INSERT OR IGNORE INTO audit_log (store_id, at, actor, action, subject, reason) VALUES ('s1', 1, 'worker', 'note', ?, ?)", args: [id, text],
    });
    let calls = 0;
    startWorker({
      k: async ({ job, writeWithEnd }) => {
        calls++;
        writeWithEnd(note(job.id, `attempt ${job.attempt}`));
        if (calls === 1) throw transient('Blip', 'first attempt fails');
        return { status: 'succeeded' };
      },
      bad: async ({ writeWithEnd }) => {
        writeWithEnd({ sql: 'DELETE FROM audit_log', args: [] });
        return { status: 'succeeded' };
      },
    });
    const id = await add();
    await waitFor(async () => (await job(id)).state === 'retrying', 'first attempt ended');
    // The failed attempt's record is there with its end, before any retry runs.
    expect((await t.database.client.execute({ sql: 'SELECT reason FROM audit_log WHERE subject = ?', args: [id] })).rows.map((r) => r.reason)).toEqual(['attempt 1']);
    clock.advance(60_000);
    await waitFor(stateIs(id, 'succeeded'), 'retry succeeded');
    expect((await t.database.client.execute({ sql: 'SELECT reason FROM audit_log WHERE subject = ? ORDER BY id', args: [id] })).rows.map((r) => r.reason))
      .toEqual(['attempt 1', 'attempt 2']);
    // Only statements that cannot fail on their data: anything else fails the handler, not the worker.
    const bad = await add({ kind: 'bad', maxAttempts: 1 });
    await waitFor(stateIs(bad, 'dead'), 'refused statement');
    expect(String((await job(bad)).last_error)).toMatch(/INSERT OR IGNORE and UPDATE statements only/);
    expect(Number((await t.database.client.execute('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBe(2);
  });
});
