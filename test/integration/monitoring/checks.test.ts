import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../server/core/crypto';
import { createLogger } from '../../../server/core/logger';
import { getOpenAlert, listAlerts, raiseAlert, resolveAlert } from '../../../server/db/repos/alerts.repo';
import { deliveryInsertStatement } from '../../../server/db/repos/deliveries.repo';
import { deliveryArrivedSince, getMonitorState } from '../../../server/db/repos/monitoring.repo';
import { writeBatch } from '../../../server/db/repos/raw-client';
import { enqueue } from '../../../server/queue/enqueue';
import { jobInsertStatement } from '../../../server/queue/enqueue-sql';
import { cancelJobs, retryJobs } from '../../../server/queue/exceptions';
import { gatewayHealthCache } from '../../../server/monitoring/gateway-health';
import { monitorCheckHandler } from '../../../server/monitoring/monitor-check';
import { dispatchNotices } from '../../../server/monitoring/notices';
import { createMonitorTick } from '../../../server/monitoring/schedule';
import { DEFAULT_THRESHOLDS } from '../../../server/monitoring/verdicts';
import { createSageGateways } from '../../../server/sync/sage-gateway';
import { startSageServer, TEST_SAGE_KEY, type SageServer } from '../../helpers/sage-server';
import { openApiFixture, STORE_A, STORE_B, type ApiFixture } from '../api/fixture';
import { jobContext } from './support';

/**
 * The monitor's checks on a real, migrated database and a real Sage sandbox, with time on a fake
 * clock: each check is run as the worker runs the 'monitor.check' job, and the alerts, the
 * monitor's saved state and the notice jobs are read back from the tables.
 */
const MIN = 60_000;
let sage: SageServer;
let f: ApiFixture;
let check: ReturnType<typeof monitorCheckHandler>;

beforeAll(async () => { sage = await startSageServer(); });
afterAll(async () => { await sage?.close(); });
beforeEach(async () => {
  f = await openApiFixture({ sageGatewayUrl: sage.url, sageApiKey: TEST_SAGE_KEY });
  const gateways = createSageGateways({
    db: f.database.db, secrets: createSecretBox(Buffer.alloc(32, 9)), demo: false, appUrl: () => 'http://localhost', clock: f.clock,
    env: { SAGE100_GATEWAY_URL: sage.url, SAGE100_API_KEY: TEST_SAGE_KEY, SAGE100_COMPANY: 'ABC' },
  });
  const health = gatewayHealthCache(gateways, f.clock, { timeoutMs: 2000 });
  check = monitorCheckHandler({ db: f.database.db, clock: f.clock, health, thresholds: DEFAULT_THRESHOLDS, notifications: true });
});
afterEach(async () => {
  sage.sandbox.faults.reset();
  await f.close();
});

const run = (storeId: string) => check(jobContext({ storeId, kind: 'monitor.check', payload: {} }));
const open = (storeId: string, kind: string) => getOpenAlert(f.database.db, storeId, kind);

async function noticeJobs(): Promise<Array<{ storeId: string; event: string; alertId: number }>> {
  const rs = await f.database.client.execute("SELECT store_id, payload FROM jobs WHERE kind = 'alert.notify' ORDER BY seq");
  return rs.rows.map((r) => ({ storeId: String(r.store_id), ...JSON.parse(String(r.payload)) }));
}

/** A finished order poll of the store, as the 'order.poll' job leaves it. */
async function orderPoll(storeId: string, stored: number, finishedAt: number) {
  const { id, stmt } = jobInsertStatement({ kind: 'order.poll', storeId, orderingKey: `feed:${storeId}:clarity.orders`, payload: { storeId } }, finishedAt);
  await writeBatch(f.database.db, [stmt, {
    sql: "UPDATE jobs SET state = 'succeeded', attempts = 1, finished_at = ?, result = ? WHERE id = ?",
    args: [finishedAt, JSON.stringify({ pages: 1, seen: stored + 2, stored }), id],
  }]);
}

describe('gateway check', () => {
  it('opens an alert once the health check has failed for 5 minutes, and resolves on the first good one', async () => {
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'gateway')).toBeNull();
    expect((await getMonitorState(f.database.db, STORE_A.storeId))?.gatewayFailingSince).toBeNull();

    sage.sandbox.faults.set({ outage: { forMs: 10 * MIN } });
    const failedAt = f.clock.now() + MIN;
    f.clock.set(failedAt);
    await run(STORE_A.storeId);
    const state = await getMonitorState(f.database.db, STORE_A.storeId);
    expect(state).toMatchObject({ gatewayFailingSince: failedAt });
    expect(state?.gatewayError).toMatch(/Sage is down/);
    f.clock.advance(4 * MIN);
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'gateway')).toBeNull();

    f.clock.advance(MIN);
    await run(STORE_A.storeId);
    const alert = await open(STORE_A.storeId, 'gateway');
    expect(alert).toMatchObject({ count: 1, openedAt: f.clock.now() });
    expect(alert?.message).toMatch(/failed its health check for 5 min/);
    f.clock.advance(MIN);
    await run(STORE_A.storeId);
    expect((await open(STORE_A.storeId, 'gateway'))?.count).toBe(2);
    // Store B shares the gateway: it has its own alert; each store hears of its own.
    expect(await open(STORE_B.storeId, 'gateway')).toBeNull();

    sage.sandbox.faults.reset();
    f.clock.advance(MIN);
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'gateway')).toBeNull();
    expect((await listAlerts(f.database.db, STORE_A.storeId))[0]).toMatchObject({ kind: 'gateway', resolvedAt: f.clock.now() });
    expect((await getMonitorState(f.database.db, STORE_A.storeId))?.gatewayFailingSince).toBeNull();
    // One notice when it opened, one when it resolved: not one per check.
    expect(await noticeJobs()).toEqual([
      { storeId: STORE_A.storeId, event: 'opened', alertId: alert!.id },
      { storeId: STORE_A.storeId, event: 'resolved', alertId: alert!.id },
    ]);
  });
});

describe('exceptions check', () => {
  it('counts jobs that reached the exception list, and resolves once none of them is left', async () => {
    const a = await f.receiveOrder(STORE_A, '5001');
    await f.setJob(a.jobId, { state: 'dead', errorCode: 'CI_NoKey', lastError: 'item not in Sage' });
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'exceptions')).toMatchObject({ count: 1 });

    f.clock.advance(MIN);
    const b = await f.receiveOrder(STORE_A, '5002');
    const c = await f.receiveOrder(STORE_A, '5003');
    await f.setJob(b.jobId, { state: 'dead' });
    await f.setJob(c.jobId, { state: 'held', errorCode: 'Held', lastError: 'customer on credit hold' });
    await run(STORE_A.storeId);
    const alert = await open(STORE_A.storeId, 'exceptions');
    expect(alert?.count).toBe(3);
    expect(alert?.message).toMatch(/^2 jobs reached the exception list .*; 3 since this alert opened/);

    // Nothing new: stays open while the three are on the list; a store's other checks go on.
    f.clock.advance(MIN);
    await run(STORE_A.storeId);
    expect((await open(STORE_A.storeId, 'exceptions'))?.count).toBe(3);
    await retryJobs(f.database.db, { storeId: STORE_A.storeId, actor: 'dana', jobIds: [a.jobId, b.jobId], clock: f.clock });
    f.clock.advance(MIN);
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'exceptions')).not.toBeNull();
    await cancelJobs(f.database.db, { storeId: STORE_A.storeId, actor: 'dana', jobIds: [c.jobId], clock: f.clock });
    f.clock.advance(MIN);
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'exceptions')).toBeNull();
    expect(await open(STORE_B.storeId, 'exceptions')).toBeNull();
  });

  it('counts a job that dies while a check runs in the next check, and only once', async () => {
    const a = await f.receiveOrder(STORE_A, '6001');
    await f.database.client.execute({ sql: "UPDATE jobs SET state = 'dead', updated_at = ? WHERE id = ?", args: [f.clock.now() + 500, a.jobId] });
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'exceptions')).toBeNull();
    f.clock.advance(MIN);
    await run(STORE_A.storeId);
    expect((await open(STORE_A.storeId, 'exceptions'))?.count).toBe(1);
    f.clock.advance(MIN);
    await run(STORE_A.storeId);
    expect((await open(STORE_A.storeId, 'exceptions'))?.count).toBe(1);
  });

  it('leaves out the monitor\'s own jobs, so a failing notifier cannot feed itself', async () => {
    const id = await enqueue(f.database.db, { kind: 'alert.notify', storeId: STORE_A.storeId, payload: { alertId: 1, event: 'opened' } }, { clock: f.clock });
    await f.setJob(id, { state: 'dead', errorCode: 'AlertWebhookRefused' });
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'exceptions')).toBeNull();
  });
});

describe('queue check', () => {
  it('raises while a due job waits past the threshold, and not for one told to wait', async () => {
    const start = f.clock.now();
    const stuck = await enqueue(f.database.db, { kind: 'nobody.handles.this', storeId: STORE_A.storeId, payload: {} }, { clock: f.clock });
    await enqueue(f.database.db, { kind: 'order.sync', storeId: STORE_B.storeId, payload: {}, runAt: start + 60 * MIN }, { clock: f.clock });
    f.clock.advance(14 * MIN);
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'queue')).toBeNull();
    f.clock.advance(2 * MIN);
    await run(STORE_A.storeId);
    await run(STORE_B.storeId);
    expect((await open(STORE_A.storeId, 'queue'))?.message).toMatch(/^1 job ready to run has waited more than 15 min to start; the oldest \(nobody\.handles\.this\) for 16 min/);
    expect(await open(STORE_B.storeId, 'queue')).toBeNull();

    await cancelJobs(f.database.db, { storeId: STORE_A.storeId, actor: 'ops', jobIds: [stuck], clock: f.clock });
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'queue')).toBeNull();
  });
});

describe('webhooks check', () => {
  it('raises when polling finds orders and no order webhook arrived, and resolves when one does', async () => {
    const now = f.clock.now();
    // Store B's webhooks work: a webhook arrived in the window, though the poll caught a straggler or three.
    await f.receiveOrder(STORE_B, '7001');
    await orderPoll(STORE_B.storeId, 3, now);
    // Store A: an old poll outside the window does not count; recent ones found 2 + 2 orders.
    await orderPoll(STORE_A.storeId, 9, now - 45 * MIN);
    await orderPoll(STORE_A.storeId, 2, now - 10 * MIN);
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'webhooks')).toBeNull();
    await orderPoll(STORE_A.storeId, 2, now - 5 * MIN);
    await run(STORE_A.storeId);
    await run(STORE_B.storeId);
    expect((await open(STORE_A.storeId, 'webhooks'))?.message).toMatch(/order poll found 4 orders that no webhook announced/);
    expect(await open(STORE_B.storeId, 'webhooks')).toBeNull();

    f.clock.advance(MIN);
    await f.receiveOrder(STORE_A, '7002');
    await run(STORE_A.storeId);
    expect(await open(STORE_A.storeId, 'webhooks')).toBeNull();
  });
});

describe('deliveryArrivedSince', () => {
  it('finds the first delivery at a time by bisection and agrees with a full scan', async () => {
    const t0 = f.clock.now();
    const rows: Array<{ storeId: string; source: 'webhook' | 'poll'; topic: string; at: number }> = [];
    for (let i = 0; i < 300; i++) {
      rows.push({
        storeId: i % 3 === 0 ? STORE_B.storeId : STORE_A.storeId, source: i % 5 === 0 || i > 200 ? 'poll' : 'webhook',
        topic: i % 7 === 0 ? 'product.updated' : 'order.created', at: t0 + i * 1000,
      });
    }
    await writeBatch(f.database.db, rows.map((r, i) => deliveryInsertStatement({
      id: `dlv_${String(i).padStart(4, '0')}`, storeId: r.storeId, webhookId: `msg_${i}`, topic: r.topic, source: r.source, body: '{}', receivedAt: r.at,
    })));
    // Gaps in the rowids, as deletes leave them.
    await f.database.client.execute("DELETE FROM deliveries WHERE id IN ('dlv_0100', 'dlv_0101', 'dlv_0102', 'dlv_0150')");
    const kept = rows.filter((_, i) => ![100, 101, 102, 150].includes(i));
    for (const since of [t0 - 5000, t0, t0 + 99_500, t0 + 101_000, t0 + 150_000, t0 + 199_000, t0 + 200_000, t0 + 299_000, t0 + 400_000]) {
      for (const store of [STORE_A.storeId, STORE_B.storeId]) {
        const expected = kept.some((r) => r.storeId === store && r.source === 'webhook' && r.topic.startsWith('order.') && r.at >= since);
        expect(await deliveryArrivedSince(f.database.db, store, 'webhook', 'order.', since), `${store} since +${since - t0}`).toBe(expected);
      }
    }
  });
});

describe('the schedule', () => {
  it('adds one check per active store per interval, whatever the number of ticks', async () => {
    const tick = createMonitorTick({ db: f.database.db, clock: f.clock, log: createLogger('silent'), intervalMs: MIN });
    const other = createMonitorTick({ db: f.database.db, clock: f.clock, log: createLogger('silent'), intervalMs: MIN });
    expect(await Promise.all([tick(), other()]).then(([x, y]) => x + y)).toBe(2);
    expect(await tick()).toBe(0);
    const jobs = await f.database.client.execute("SELECT id, store_id, priority FROM jobs WHERE kind = 'monitor.check' ORDER BY store_id");
    expect(jobs.rows.map((r) => [r.store_id, r.priority])).toEqual([[STORE_A.storeId, 10], [STORE_B.storeId, 10]]);
    // Done, but younger than the interval: no new one yet.
    for (const r of jobs.rows) await f.setJob(String(r.id), { state: 'succeeded' });
    f.clock.advance(MIN - 1000);
    expect(await tick()).toBe(0);
    f.clock.advance(2000);
    await f.database.client.execute({ sql: "UPDATE installations SET status = 'uninstalled' WHERE store_id = ?", args: [STORE_B.storeId] });
    expect(await tick()).toBe(1);
    // A check still waiting (no worker took it) is not doubled, however long it waits.
    f.clock.advance(10 * MIN);
    expect(await tick()).toBe(0);
  });
});

describe('notices', () => {
  it('hands each opening and resolution over once, and skips stale events and disabled notifications', async () => {
    const db = f.database.db;
    const now = f.clock.now();
    const { alert: stale } = await raiseAlert(db, STORE_A.storeId, 'feed:items', 'old', now - 2 * 3_600_000);
    const { alert } = await raiseAlert(db, STORE_A.storeId, 'feed:shipments', 'The shipments feed failed 5 times in a row.', now);
    await resolveAlert(db, STORE_A.storeId, 'feed:shipments', now);
    const { alert: other } = await raiseAlert(db, STORE_B.storeId, 'gateway', 'down', now);

    const made = await Promise.all([
      dispatchNotices(db, STORE_A.storeId, now, { enabled: true }),
      dispatchNotices(db, STORE_A.storeId, now, { enabled: true }),
    ]);
    expect(made.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    expect(await noticeJobs()).toEqual([
      { storeId: STORE_A.storeId, event: 'opened', alertId: alert.id },
      { storeId: STORE_A.storeId, event: 'resolved', alertId: alert.id },
    ]);
    expect((await listAlerts(db, STORE_A.storeId)).find((a) => a.id === stale.id)?.openNoticeAt).toBe(now);
    expect(await dispatchNotices(db, STORE_A.storeId, now, { enabled: true })).toBe(0);

    expect(await dispatchNotices(db, STORE_B.storeId, now, { enabled: false })).toBe(0);
    expect((await listAlerts(db, STORE_B.storeId)).find((a) => a.id === other.id)?.openNoticeAt).toBe(now);
    expect(await noticeJobs()).toHaveLength(2);
  });
});
