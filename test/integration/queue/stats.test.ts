import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { permanent, transient } from '../../../server/core/errors';
import { listAudit } from '../../../server/db/repos/audit.repo';
import { enqueueMany } from '../../../server/queue/enqueue';
import { PRUNE_JOB, pruneFinishedJobs, retentionHandlers } from '../../../server/queue/retention';
import { enqueuePrune } from '../../../server/schedules/retention';
import { jobStats, jobsForKey } from '../../../server/queue/stats';
import type { EnqueueInput, HandlerMap } from '../../../server/queue/types';
import { cancelJobsForStore } from '../../../server/queue/uninstall';
import { createWorker, type Worker } from '../../../server/queue/worker';
import { openQueueDb, quietLog } from '../../helpers/queue-db';
import { gate, waitFor } from '../../helpers/queue-wait';

let t: Awaited<ReturnType<typeof openQueueDb>>;
let clock: FakeClock;
let worker: Worker | undefined;
const db = () => t.database.db;
const sql = async (q: string, args: unknown[] = []) => (await t.database.client.execute({ sql: q, args: args as never })).rows;
let slow = gate();
let signals: AbortSignal[] = [];

const handlers: HandlerMap = {
  ok: async () => {},
  held: async () => ({ status: 'held', reason: 'credit hold' }),
  bad: async () => { throw permanent('CI_Invalid', 'bad value'); },
  flaky: async ({ job }) => { if (job.attempt === 1) throw transient('Busy', 'later'); },
  slow: async ({ signal }) => { signals.push(signal); await slow.promise; },
};

beforeEach(async () => {
  t = await openQueueDb();
  clock = new FakeClock(Date.UTC(2026, 10, 29, 10, 0, 0));
  slow = gate();
  signals = [];
  worker = createWorker({ database: t.database, handlers, log: quietLog, clock, pollIntervalMs: 10, random: () => 0.5 });
  worker.start();
});
afterEach(async () => {
  slow.open();
  await worker?.stop({ deadlineMs: 100 });
  t.close();
});

async function runAll(inputs: Array<Partial<EnqueueInput> & { kind: string }>, until: string[] = ['succeeded', 'dead', 'held', 'retrying']) {
  const ids = await enqueueMany(db(), inputs.map((i) => ({ storeId: 's1', payload: {}, ...i })), { clock });
  await waitFor(async () => {
    const rows = await sql(`SELECT state FROM jobs WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)]);
    return rows.every((r) => until.includes(String(r.state)));
  }, 'jobs to settle');
  return ids;
}

describe('jobStats', () => {
  it('counts by state, queue depth, exceptions, throughput per 5 minutes and the oldest wait', async () => {
    const t0 = clock.now();
    await runAll([{ kind: 'ok' }, { kind: 'ok' }, { kind: 'ok' }]);
    clock.advance(7 * 60_000);
    await runAll([{ kind: 'ok' }, { kind: 'bad' }, { kind: 'held' }, { kind: 'ok', storeId: 's2' }]);
    await enqueueMany(db(), [{ kind: 'ok', storeId: 's1', payload: {}, runAt: t0 + 3600_000 }], { clock });
    await worker!.stop();
    await enqueueMany(db(), [{ kind: 'ok', storeId: 's1', payload: {} }, { kind: 'ok', storeId: 's1', payload: {} }], { clock });
    clock.advance(60_000);

    const s = await jobStats(db(), 's1', clock);
    expect(s.byState).toEqual({ queued: 3, running: 0, retrying: 0, held: 1, dead: 1, succeeded: 4, cancelled: 0 });
    expect(s.queueDepth).toBe(3);
    expect(s.exceptions).toBe(2);
    expect(s.oldestQueuedAgeMs).toBe(60_000); // the future-dated job is not waiting yet
    expect(s.throughput).toHaveLength(12);
    // now = t0 + 8 min: the last bucket is [t0+5, t0+10), the one before it [t0, t0+5).
    expect(s.throughput[11]).toEqual({ from: t0 + 5 * 60_000, succeeded: 1, dead: 1, cancelled: 0 });
    expect(s.throughput[10]).toEqual({ from: t0, succeeded: 3, dead: 0, cancelled: 0 });
    expect(s.throughput.slice(0, 10).every((b) => b.succeeded + b.dead + b.cancelled === 0)).toBe(true);

    const all = await jobStats(db(), undefined, clock);
    expect(all.byState.succeeded).toBe(5);
    expect((await jobStats(db(), 'nobody', clock)).oldestQueuedAgeMs).toBeNull();
  });
});

describe('jobsForKey', () => {
  it('returns an order\'s jobs in arrival order with their attempts', async () => {
    const [a, b] = await enqueueMany(db(), [
      { kind: 'flaky', orderingKey: 'order:5' }, { kind: 'ok', orderingKey: 'order:5' }, { kind: 'ok', orderingKey: 'order:6' },
    ].map((i) => ({ storeId: 's1', payload: {}, ...i })), { clock });
    await waitFor(async () => (await sql('SELECT state FROM jobs WHERE id = ?', [a]))[0].state === 'retrying', 'a failed once');
    clock.advance(10_000);
    await waitFor(async () => (await sql('SELECT state FROM jobs WHERE id = ?', [b]))[0].state === 'succeeded', 'b');
    const list = await jobsForKey(db(), 's1', 'order:5');
    expect(list.map((j) => j.id)).toEqual([a, b]);
    expect(list[0].attemptRows.map((r) => r.outcome)).toEqual(['failed', 'succeeded']);
    expect(list[1].attemptRows.map((r) => r.outcome)).toEqual(['succeeded']);
    expect(await jobsForKey(db(), 's2', 'order:5')).toEqual([]);
  });
});

describe('cancelJobsForStore (uninstall)', () => {
  it('cancels every waiting job of the store at once, marks the running one, and is idempotent', async () => {
    const [running] = await enqueueMany(db(), [{ kind: 'slow', storeId: 's1', payload: {} }], { clock });
    await waitFor(() => signals.length === 1, 'slow job running');
    const [queued, queuedOther] = await enqueueMany(db(), [
      { kind: 'ok', storeId: 's1', payload: {}, runAt: clock.now() + 3600_000 },
      { kind: 'ok', storeId: 's2', payload: {}, runAt: clock.now() + 3600_000 },
    ], { clock });
    const [held, dead, retrying] = await runAll([{ kind: 'held' }, { kind: 'bad' }, { kind: 'flaky' }]);

    expect(await cancelJobsForStore(db(), 's1', { clock })).toEqual({ cancelled: 3, cancelRequested: 1 });
    for (const id of [queued, held, retrying]) expect((await sql('SELECT state FROM jobs WHERE id = ?', [id]))[0].state).toBe('cancelled');
    expect((await sql('SELECT state FROM jobs WHERE id = ?', [dead]))[0].state).toBe('dead');
    expect((await sql('SELECT state FROM jobs WHERE id = ?', [queuedOther]))[0].state).toBe('queued');
    clock.advance(10_000); // the flaky job's retry time passes: it must not run
    await worker!.heartbeat();
    expect(signals[0].aborted).toBe(true);
    slow.open();
    await waitFor(async () => (await sql('SELECT state FROM jobs WHERE id = ?', [running]))[0].state === 'cancelled', 'the running job ends cancelled');
    expect((await sql("SELECT count(*) n FROM job_attempts WHERE job_id = ?", [retrying]))[0].n).toBe(1);

    const audit = (await listAudit(db(), { storeId: 's1' })).items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'system:uninstall', action: 'jobs.cancel_all', reason: 'app uninstalled', detail: { cancelled: 3, cancelRequested: 1 } });
    expect(await cancelJobsForStore(db(), 's1', { clock })).toEqual({ cancelled: 0, cancelRequested: 0 });
  });
});

describe('pruneFinishedJobs', () => {
  it('deletes old finished jobs and their attempts, never exceptions or recent ones', async () => {
    const [oldOk, oldHeld] = await runAll([{ kind: 'ok' }, { kind: 'held' }]);
    clock.advance(31 * 24 * 3600_000);
    const [recent] = await runAll([{ kind: 'ok' }]);
    expect(await pruneFinishedJobs(db(), { keepMs: 30 * 24 * 3600_000, batch: 1, clock })).toBe(1);
    const left = (await sql('SELECT id FROM jobs ORDER BY seq')).map((r) => r.id);
    expect(left).toEqual([oldHeld, recent]);
    expect((await sql('SELECT count(*) n FROM job_attempts WHERE job_id = ?', [oldOk]))[0].n).toBe(0);
    expect((await sql('SELECT count(*) n FROM job_attempts'))[0].n).toBe(2);
  });
});

describe('daily retention', () => {
  it('the schedule enqueues one prune a day, and the prune job deletes old finished jobs', async () => {
    const [oldOk] = await runAll([{ kind: 'ok' }]);
    clock.advance(31 * 24 * 3600_000);
    await worker!.stop({ deadlineMs: 100 });
    worker = createWorker({
      database: t.database, log: quietLog, clock, pollIntervalMs: 10, random: () => 0.5,
      handlers: { ...handlers, ...retentionHandlers({ db: db(), keepMs: 30 * 24 * 3600_000, clock }) },
    });
    worker.start();
    expect(await enqueuePrune(db(), clock.now())).toBe(1);
    // A second instance firing the same day adds nothing.
    expect(await enqueuePrune(db(), clock.now() + 3600_000)).toBe(0);
    await waitFor(async () => (await sql('SELECT state FROM jobs WHERE kind = ?', [PRUNE_JOB]))[0]?.state === 'succeeded', 'the prune job to finish');
    expect(await sql('SELECT id FROM jobs WHERE id = ?', [oldOk])).toHaveLength(0);
    const [prune] = await sql('SELECT result FROM jobs WHERE kind = ?', [PRUNE_JOB]);
    expect(JSON.parse(String(prune.result))).toEqual({ deleted: 1 });
  });
});
