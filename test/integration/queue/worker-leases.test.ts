import { describe, expect, it } from 'vitest';
import { transient } from '../../../server/core/errors';
import { enqueue } from '../../../server/queue/enqueue';
import { cancelJob } from '../../../server/queue/exceptions';
import type { JobRecord } from '../../../server/queue/types';
import { gate, waitFor } from '../../helpers/queue-wait';
import { workerHarness } from '../../helpers/worker-harness';

const h = workerHarness();
const { startWorker, db, add, job, attempts, stateIs } = h;

describe('worker leases', () => {
  it('lets another worker take over an expired lease; the stale worker cannot record its end', async () => {
    const g = gate();
    const signals: AbortSignal[] = [];
    // One slot, so A (stalled on its only job) does not claim, and so cannot take the job back itself.
    const a = startWorker({ k: async ({ signal }) => { signals.push(signal); await g.promise; } }, { owner: 'A', leaseMs: 30_000, concurrency: 1 });
    const id = await add();
    await waitFor(() => signals.length === 1, 'A started the job');
    h.clock.advance(30_000);
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
    h.clock.advance(30_000);
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
    h.clock.advance(600);
    await a.heartbeat();
    h.clock.advance(600); // past the first lease, inside the extended one
    startWorker({ k: async () => { started++; } }, { owner: 'B', leaseMs: 1000 });
    await new Promise((r) => setTimeout(r, 60));
    expect(await job(id)).toMatchObject({ state: 'running', lease_owner: 'A', lease_expires_at: h.clock.now() + 400 });
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
    expect(await job(id)).toMatchObject({ state: 'retrying', error_class: 'unknown_outcome', error_code: 'Released', run_at: h.clock.now(), lease_expires_at: null });
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
    expect(await cancelJob(db(), id, { storeId: 's1', actor: 'ops@merchant.test', reason: 'duplicate order', clock: h.clock })).toEqual({ state: 'cancel_requested' });
    await a.heartbeat();
    await waitFor(stateIs(id, 'cancelled'), 'cancelled');
    expect(String((aborted as Error).message)).toMatch(/cancelled/);
    expect((await job(id)).last_error).toBe('cancelled while running; the attempt ended succeeded');
    expect((await h.t.database.client.execute("SELECT count(*) n FROM jobs WHERE kind = 'child'")).rows[0].n).toBe(0);
    const audit = (await h.t.database.client.execute('SELECT actor, action, subject, reason FROM audit_log')).rows;
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
    expect((await h.t.database.client.execute({ sql: 'SELECT reason FROM audit_log WHERE subject = ?', args: [id] })).rows.map((r) => r.reason)).toEqual(['attempt 1']);
    h.clock.advance(60_000);
    await waitFor(stateIs(id, 'succeeded'), 'retry succeeded');
    expect((await h.t.database.client.execute({ sql: 'SELECT reason FROM audit_log WHERE subject = ? ORDER BY id', args: [id] })).rows.map((r) => r.reason))
      .toEqual(['attempt 1', 'attempt 2']);
    // Only statements that cannot fail on their data: anything else fails the handler, not the worker.
    const bad = await add({ kind: 'bad', maxAttempts: 1 });
    await waitFor(stateIs(bad, 'dead'), 'refused statement');
    expect(String((await job(bad)).last_error)).toMatch(/INSERT OR IGNORE and UPDATE statements only/);
    expect(Number((await h.t.database.client.execute('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBe(2);
  });
});
