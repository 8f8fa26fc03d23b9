import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { createLogger } from '../../../server/core/logger';
import { createWorker, type Worker } from '../../../server/queue/worker';
import { createClaritySandbox, type ClaritySandbox } from '../../../server/sandbox/clarity/index';
import { CLARITY_ORDERS_FEED, ORDER_POLL_JOB, orderFeedPollHandler } from '../../../server/sync/order-feed-poll';
import { scheduleOrderPolling, type OrderPollSchedule } from '../../../server/webhooks/order-poll-schedule';
import { startIntake, type IntakeModule } from '../../../server/webhooks/start-intake';
import { waitFor } from '../../helpers/queue-wait';
import { APP_SECRET, count, manifest, startTestApp, type TestApp } from './support';

/**
 * The polling fallback end to end: the Clarity sandbox over real HTTP, the real app receiving its
 * lifecycle call and webhooks, the schedule enqueueing 'order.poll', the job engine running it.
 */
let t: TestApp;
let clarity: ClaritySandbox;
let clarityServer: ServerType;
let module: IntakeModule;
let worker: Worker;
let schedule: OrderPollSchedule;
const clock = new FakeClock(Date.now());
const log = createLogger('silent');
const STORE = 'st_poll';

beforeAll(async () => {
  t = await startTestApp();
  let sandboxApp: Hono | undefined;
  clarityServer = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: (req) => sandboxApp!.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (clarityServer.address() as { port: number }).port;
  clarity = await createClaritySandbox({
    dbUrl: `file:${t.dir}/clarity.db`, publicUrl: `http://127.0.0.1:${port}/`, appUrl: t.url, manifest,
    appSecret: APP_SECRET,
  });
  sandboxApp = clarity.app;
  await clarity.installStore({ storeId: STORE });

  module = await startIntake({ database: t.app.database, config: t.app.config, manifest, log, clock });
  // Small pages, so a handful of orders crosses several of them.
  const handlers = {
    [ORDER_POLL_JOB]: orderFeedPollHandler({ db: t.app.database.db, intake: module.intake, clarityFor: module.clarityOrdersFor, clock, pageSize: 2 }),
  };
  worker = createWorker({ database: t.app.database, handlers, log, clock, pollIntervalMs: 20 });
  worker.start();
  schedule = scheduleOrderPolling({ db: t.app.database.db, log, clock, pattern: '0 0 0 1 1 *' });
});

afterAll(async () => {
  schedule?.stop();
  await worker?.stop({ deadlineMs: 2000 });
  await module?.stop();
  await clarity?.close();
  await new Promise((r) => clarityServer?.close(r));
  await t?.close();
});

const orderSyncJobs = () => count(t, 'jobs', "kind = 'order.sync' AND store_id = ?", [STORE]);
const deliveriesBy = (source: string) => count(t, 'deliveries', 'store_id = ? AND source = ?', [STORE, source]);

async function pollOnce(): Promise<{ seen: number; stored: number; pages: number }> {
  const before = await count(t, 'jobs', `kind = '${ORDER_POLL_JOB}' AND state = 'succeeded'`);
  expect(await schedule.tick()).toBe(1);
  // Due and already waiting: a second tick enqueues nothing.
  expect(await schedule.tick()).toBe(0);
  await waitFor(async () => (await count(t, 'jobs', `kind = '${ORDER_POLL_JOB}' AND state = 'succeeded'`)) > before, 'the poll job');
  const rs = await t.app.database.client.execute(`SELECT result FROM jobs WHERE kind = '${ORDER_POLL_JOB}' ORDER BY seq DESC LIMIT 1`);
  return JSON.parse(String(rs.rows[0].result));
}

const feed = async () => (await t.app.database.client.execute({
  sql: 'SELECT * FROM feed_states WHERE store_id = ? AND feed = ?', args: [STORE, CLARITY_ORDERS_FEED],
})).rows[0];

describe('the orders client against the Clarity sandbox', () => {
  // A store of its own, so these orders stay out of the polling tests' counts.
  const CLIENT_STORE = 'st_client';
  beforeAll(async () => {
    await clarity.installStore({ storeId: CLIENT_STORE });
  });
  afterAll(async () => {
    await clarity.sender.processDue();
    await clarity.uninstallStore(CLIENT_STORE);
  });

  test('get, list by page and patch, answers checked against the schema', async () => {
    const orders = await module.clarityOrdersFor(CLIENT_STORE);
    const placed = await clarity.createOrder({}, { storeId: CLIENT_STORE });
    const got = await orders.getOrder(placed.ID);
    expect(got).toMatchObject({ ID: placed.ID, CustomKey: placed.CustomKey, StatusKey: placed.StatusKey });
    const page = await orders.listOrders(new Date(Date.parse(placed.UpdatedDate) - 1000).toISOString(), 1, 100);
    expect(page.Results.map((o) => o.ID)).toContain(placed.ID);
    expect(page.CurrentPage).toBe(1);
    const patched = await orders.patchOrder(placed.ID, {
      SerializableAttributes: { SageSalesOrderNo: { Key: 'SageSalesOrderNo', Value: '0001234' } },
    });
    expect(patched.SerializableAttributes).toMatchObject({ SageSalesOrderNo: { Value: '0001234' } });
  });

  test('an order that does not exist is a permanent error, not a retry', async () => {
    const orders = await module.clarityOrdersFor(CLIENT_STORE);
    await expect(orders.getOrder(987654321)).rejects.toMatchObject({ status: 404, errorClass: 'permanent' });
    await expect(orders.listOrders('2026-01-01T00:00:00Z', 0)).rejects.toMatchObject({ code: 'BadPage' });
  });
});

describe('order feed polling', () => {
  test('orders whose webhooks never came are taken by the poll, across pages', async () => {
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await clarity.createOrder({}, { storeId: STORE }));
    const r = await pollOnce();
    expect(r).toMatchObject({ seen: 5, stored: 5, pages: 3 });
    expect(await deliveriesBy('poll')).toBe(5);
    expect(await orderSyncJobs()).toBe(5);
    const newest = orders.map((o) => new Date(o.UpdatedDate).toISOString()).sort().at(-1);
    expect((await feed()).watermark).toBe(newest);
    const d = (await t.app.database.client.execute({ sql: 'SELECT webhook_id, topic, body FROM deliveries WHERE subject_id = ?', args: [String(orders[0].ID)] })).rows[0];
    expect(d.webhook_id).toBe(`poll:${orders[0].ID}:${new Date(orders[0].UpdatedDate).toISOString()}`);
    expect(JSON.parse(String(d.body))).toMatchObject({ type: 'order.updated', data: { ID: orders[0].ID } });
  });

  test('the late webhooks of those same orders are acknowledged and make no second job', async () => {
    const outcomes = await clarity.sender.processDue();
    expect(outcomes.filter((o) => o.topic === 'order.created')).toHaveLength(5);
    expect(outcomes.every((o) => o.ok && o.status === 200)).toBe(true);
    expect(await deliveriesBy('webhook')).toBe(0);
    expect(await orderSyncJobs()).toBe(5);
  });

  test('a change seen by webhook first is not taken again by the next poll (overlap re-reads it)', async () => {
    const [first] = (await t.app.database.client.execute({ sql: 'SELECT subject_id FROM deliveries WHERE store_id = ? LIMIT 1', args: [STORE] })).rows;
    await clarity.updateOrderStatus(Number(first.subject_id), 'On Hold', { storeId: STORE });
    const sent = await clarity.sender.processDue();
    expect(sent.map((o) => [o.topic, o.status])).toEqual([['order.updated', 200]]);
    expect(await deliveriesBy('webhook')).toBe(1);
    expect(await orderSyncJobs()).toBe(6);

    clock.advance(6 * 60_000);
    const r = await pollOnce();
    expect(r.seen).toBeGreaterThanOrEqual(1);
    expect(r.stored).toBe(0);
    expect(await orderSyncJobs()).toBe(6);
  });

  test('a poll of an uninstalled store reads nothing', async () => {
    await clarity.createOrder({}, { storeId: STORE });
    await clarity.uninstallStore(STORE);
    const { stmt } = (await import('../../../server/queue/enqueue-sql')).jobInsertStatement(
      { kind: ORDER_POLL_JOB, storeId: STORE, payload: { storeId: STORE } }, clock.now());
    await t.app.database.client.execute(stmt);
    worker.notify();
    await waitFor(async () => (await count(t, 'jobs', `kind = '${ORDER_POLL_JOB}' AND state = 'succeeded'`)) === 3, 'the poll job');
    expect(await orderSyncJobs()).toBe(6);
    // And the schedule no longer considers the store.
    clock.advance(60 * 60_000);
    expect(await schedule.tick()).toBe(0);
  });
});
