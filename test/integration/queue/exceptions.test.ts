import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { permanent, transient } from '../../../server/core/errors';
import { listAudit, recordAudit } from '../../../server/db/repos/audit.repo';
import { enqueueMany } from '../../../server/queue/enqueue';
import { jobForDeliveryStatement } from '../../../server/queue/enqueue-sql';
import { cancelJob, cancelJobs, listExceptions, retryJob, retryJobs } from '../../../server/queue/exceptions';
import { replayDelivery } from '../../../server/queue/replay';
import type { HandlerMap } from '../../../server/queue/types';
import { createWorker, type Worker } from '../../../server/queue/worker';
import { openQueueDb, quietLog } from '../../helpers/queue-db';
import { waitFor } from '../../helpers/queue-wait';

let t: Awaited<ReturnType<typeof openQueueDb>>;
let clock: FakeClock;
let worker: Worker | undefined;
const db = () => t.database.db;
const sql = async (q: string, args: unknown[] = []) => (await t.database.client.execute({ sql: q, args: args as never })).rows;

/** Outcome by payload: lets one handler produce every kind of exception. */
const handlers: HandlerMap = {
  order: async ({ job }) => {
    const p = job.payload as { outcome: string };
    if (p.outcome === 'held') return { status: 'held', reason: 'SKU WIDGET-9 has no Sage item code' };
    if (p.outcome === 'permanent' && job.attempt === 1) throw permanent('CI_NOF', 'no such customer');
    if (p.outcome === 'exhaust' && job.attempt === 1) throw transient('SessionUnavailable', 'Sage down');
  },
  feed: async () => {},
};

beforeEach(async () => {
  t = await openQueueDb();
  clock = new FakeClock();
});
afterEach(async () => {
  await worker?.stop({ deadlineMs: 100 });
  worker = undefined;
  t.close();
});

function run() {
  worker = createWorker({ database: t.database, handlers, log: quietLog, clock, pollIntervalMs: 10, random: () => 0.5 });
  worker.start();
}
async function settled(ids: string[]) {
  await waitFor(async () => (await sql(`SELECT count(*) n FROM jobs WHERE state IN ('queued','running','retrying') AND id IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)]))[0].n === 0, 'jobs settled');
}
const state = async (id: string) => (await sql('SELECT state FROM jobs WHERE id = ?', [id]))[0].state;

/** s1: held, dead-permanent (order), dead-exhausted, a succeeded feed; s2: a dead one of its own. */
async function makeExceptions() {
  const at = clock.now();
  const [held, perm, exhausted, ok] = await enqueueMany(db(), [
    { kind: 'order', storeId: 's1', payload: { outcome: 'held' }, orderingKey: 'order:1' },
    { kind: 'order', storeId: 's1', payload: { outcome: 'permanent' }, orderingKey: 'order:2' },
    { kind: 'order', storeId: 's1', payload: { outcome: 'exhaust' }, maxAttempts: 1 },
    { kind: 'feed', storeId: 's1', payload: {} },
  ], { clock });
  clock.advance(60_000);
  const [other] = await enqueueMany(db(), [{ kind: 'order', storeId: 's2', payload: { outcome: 'permanent' } }], { clock });
  run();
  await settled([held, perm, exhausted, ok, other]);
  return { held, perm, exhausted, ok, other, at };
}

describe('exception list', () => {
  it('lists held and dead jobs of one store, with filters and paging', async () => {
    const j = await makeExceptions();
    const all = await listExceptions(db(), { storeId: 's1' });
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.id)).toEqual([j.exhausted, j.perm, j.held]); // newest first
    expect((await listExceptions(db(), { storeId: 's1', states: ['held'] })).items.map((i) => i.id)).toEqual([j.held]);
    expect((await listExceptions(db(), { storeId: 's1', errorClass: 'permanent' })).items.map((i) => i.id)).toEqual([j.perm]);
    expect((await listExceptions(db(), { storeId: 's1', kinds: ['feed'] })).total).toBe(0);
    expect((await listExceptions(db(), { storeId: 's2' })).items.map((i) => i.id)).toEqual([j.other]);
    expect((await listExceptions(db(), { storeId: 's2', createdTo: j.at })).total).toBe(0); // age: s2's is newer
    expect((await listExceptions(db(), { storeId: 's1', createdTo: j.at })).total).toBe(3);
    const p1 = await listExceptions(db(), { storeId: 's1', limit: 2 });
    expect(p1.items).toHaveLength(2);
    const p2 = await listExceptions(db(), { storeId: 's1', limit: 2, before: p1.nextCursor! });
    expect(p2.items.map((i) => i.id)).toEqual([j.held]);
    expect(p2.nextCursor).toBeNull();
    expect(p2.total).toBe(3);
  });

  it('retries one dead job with a fresh budget, audited; it runs again and succeeds', async () => {
    const j = await makeExceptions();
    const job = await retryJob(db(), j.exhausted, { storeId: 's1', actor: 'ana@shop.test', reason: 'Sage is back', clock });
    expect(job.state === 'queued' || job.state === 'running' || job.state === 'succeeded').toBe(true);
    await waitFor(async () => (await state(j.exhausted)) === 'succeeded', 'the retried job succeeds');
    const attempts = await sql('SELECT attempt_no, outcome FROM job_attempts WHERE job_id = ? ORDER BY id', [j.exhausted]);
    expect(attempts.map((a) => [a.attempt_no, a.outcome])).toEqual([[1, 'failed'], [2, 'succeeded']]);
    const audit = await listAudit(db(), { storeId: 's1' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actor: 'ana@shop.test', action: 'job.retry', subject: j.exhausted, reason: 'Sage is back', at: clock.now() });
    expect(audit.items[0].detail).toMatchObject({ kind: 'order', fromState: 'dead', errorClass: 'transient', errorCode: 'SessionUnavailable' });
  });

  it('refuses to retry a job that is not an exception, or one of another store', async () => {
    const j = await makeExceptions();
    await expect(retryJob(db(), j.ok, { storeId: 's1', actor: 'a' })).rejects.toMatchObject({ code: 'JobStateConflict', status: 409 });
    await expect(retryJob(db(), j.other, { storeId: 's1', actor: 'a' })).rejects.toMatchObject({ code: 'JobNotFound', status: 404 });
    expect(await state(j.other)).toBe('dead');
    expect((await sql('SELECT count(*) n FROM audit_log'))[0].n).toBe(0);
  });

  it('retries in bulk by filter, one audit row per job, and leaves the rest alone', async () => {
    const j = await makeExceptions();
    await worker!.stop();
    const r = await retryJobs(db(), { storeId: 's1', actor: 'ops', reason: 'mapping fixed', filter: { errorClass: 'permanent' } });
    expect(r.changed).toEqual([j.perm]);
    expect(await state(j.perm)).toBe('queued');
    expect(await state(j.held)).toBe('held');
    const byIds = await retryJobs(db(), { storeId: 's1', actor: 'ops', reason: 'all of them', jobIds: [j.held, j.exhausted, j.ok, j.other] });
    expect(byIds.changed.sort()).toEqual([j.held, j.exhausted].sort());
    expect(await state(j.other)).toBe('dead');
    const audit = (await listAudit(db(), { storeId: 's1', action: 'job.retry' })).items;
    expect(audit.map((a) => a.subject).sort()).toEqual([j.perm, j.held, j.exhausted].sort());
    expect((await listAudit(db(), { storeId: 's2' })).items).toHaveLength(0);
  });

  it('cancels an exception, audited; a finished job cannot be cancelled', async () => {
    const j = await makeExceptions();
    expect(await cancelJob(db(), j.held, { storeId: 's1', actor: 'ana', reason: 'customer cancelled the order', clock })).toEqual({ state: 'cancelled' });
    expect((await sql('SELECT state, finished_at, last_error FROM jobs WHERE id = ?', [j.held]))[0])
      .toMatchObject({ state: 'cancelled', finished_at: clock.now(), last_error: 'cancelled: customer cancelled the order' });
    await expect(cancelJob(db(), j.ok, { storeId: 's1', actor: 'ana' })).rejects.toMatchObject({ code: 'JobStateConflict' });
    await expect(cancelJob(db(), j.held, { storeId: 's1', actor: 'ana' })).rejects.toMatchObject({ code: 'JobStateConflict' });
    const bulk = await cancelJobs(db(), { storeId: 's1', actor: 'ana', reason: 'clean up', filter: { kinds: ['order'] } });
    expect(bulk.cancelled.sort()).toEqual([j.perm, j.exhausted].sort());
    const audit = (await listAudit(db(), { storeId: 's1' })).items;
    expect(audit.map((a) => [a.action, a.subject])).toEqual(expect.arrayContaining([
      ['job.cancel', j.held], ['job.cancel', j.perm], ['job.cancel', j.exhausted],
    ]));
    expect(audit).toHaveLength(3);
  });

  it('needs an actor and a selection', async () => {
    await expect(retryJobs(db(), { storeId: 's1', actor: '' , jobIds: ['x'] })).rejects.toMatchObject({ code: 'ActorRequired' });
    await expect(retryJobs(db(), { storeId: 's1', actor: 'a' })).rejects.toMatchObject({ code: 'SelectionRequired' });
  });
});

describe('replay of a stored delivery', () => {
  async function storeDelivery(id: string, storeId: string, withJob: boolean) {
    const now = clock.now();
    const stmts = [{
      sql: `INSERT INTO deliveries (id, store_id, webhook_id, topic, source, subject_id, body, received_at) VALUES (?, ?, ?, 'order.created', 'webhook', '1001', '{}', ?)`,
      args: [id, storeId, `wh_${id}`, now],
    }];
    let jobId: string | undefined;
    if (withJob) {
      const j = jobForDeliveryStatement({ kind: 'order', payload: { outcome: 'ok', deliveryId: id }, orderingKey: 'order:1001', target: 'sage-write:ABC', maxAttempts: 7 }, id);
      jobId = j.id;
      stmts.push(j.stmt as never);
    }
    await t.database.client.batch(stmts, 'write');
    return jobId;
  }

  it('makes a new job pointing at the delivery, same kind, key and payload; audited; it runs', async () => {
    const original = await storeDelivery('dl_1', 's1', true);
    run();
    await settled([original!]);
    const r = await replayDelivery(db(), 'dl_1', 'support@vendor.test', 'customer says the order never reached Sage', { storeId: 's1', clock });
    expect(r.originalJobId).toBe(original);
    expect(r.jobId).not.toBe(original);
    await waitFor(async () => (await state(r.jobId)) === 'succeeded', 'the replay runs');
    const [copy] = await sql('SELECT * FROM jobs WHERE id = ?', [r.jobId]);
    expect(copy).toMatchObject({ kind: 'order', store_id: 's1', ordering_key: 'order:1001', target: 'sage-write:ABC', delivery_id: 'dl_1', max_attempts: 7 });
    expect(JSON.parse(String(copy.payload))).toEqual({ outcome: 'ok', deliveryId: 'dl_1' });
    expect(await state(original!)).toBe('succeeded');
    const audit = (await listAudit(db(), { storeId: 's1', action: 'delivery.replay' })).items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'support@vendor.test', subject: 'dl_1', reason: 'customer says the order never reached Sage' });
    expect(audit[0].detail).toEqual({ jobId: r.jobId, originalJobId: original, kind: 'order', topic: 'order.created' });
  });

  it('refuses a delivery of another store, an unknown one, and one that made no job', async () => {
    await storeDelivery('dl_2', 's2', true);
    await storeDelivery('dl_3', 's1', false);
    await expect(replayDelivery(db(), 'dl_2', 'a', null, { storeId: 's1' })).rejects.toMatchObject({ code: 'DeliveryNotFound' });
    await expect(replayDelivery(db(), 'nope', 'a', null)).rejects.toMatchObject({ code: 'DeliveryNotFound' });
    await expect(replayDelivery(db(), 'dl_3', 'a', null)).rejects.toMatchObject({ code: 'NothingToReplay' });
    expect((await sql('SELECT count(*) n FROM audit_log'))[0].n).toBe(0);
  });
});

describe('audit trail', () => {
  it('records entries and lists them newest first, by store, with filters and paging', async () => {
    for (let i = 0; i < 5; i++) {
      await recordAudit(db(), { storeId: 's1', actor: i % 2 ? 'ana' : 'bo', action: i < 3 ? 'mapping.update' : 'job.retry', subject: `x${i}`, reason: `r${i}`, detail: { i }, at: 1000 + i });
    }
    await recordAudit(db(), { storeId: 's2', actor: 'zed', action: 'mapping.update' });
    const page1 = await listAudit(db(), { storeId: 's1', limit: 3 });
    expect(page1.items.map((a) => a.subject)).toEqual(['x4', 'x3', 'x2']);
    expect(page1.items[0]).toMatchObject({ actor: 'bo', reason: 'r4', detail: { i: 4 }, at: 1004 });
    const page2 = await listAudit(db(), { storeId: 's1', limit: 3, before: page1.nextCursor! });
    expect(page2.items.map((a) => a.subject)).toEqual(['x1', 'x0']);
    expect(page2.nextCursor).toBeNull();
    expect((await listAudit(db(), { storeId: 's1', action: 'job.retry' })).items.map((a) => a.subject)).toEqual(['x4', 'x3']);
    expect((await listAudit(db(), { storeId: 's1', actor: 'ana' })).items.map((a) => a.subject)).toEqual(['x3', 'x1']);
    expect((await listAudit(db(), { storeId: 's2' })).items).toHaveLength(1);
  });
});
