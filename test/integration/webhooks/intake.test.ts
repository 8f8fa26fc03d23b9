import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  count, install, manifest, newWebhookSecret, orderEvent, postWebhook, signedHeaders, startTestApp, uninstall, type TestApp,
} from './support';

let t: TestApp;
const secretA = newWebhookSecret();
const secretGone = newWebhookSecret();

beforeAll(async () => {
  t = await startTestApp();
  expect((await install(t.url, 'st_a', secretA)).status).toBe(200);
  expect((await install(t.url, 'st_gone', secretGone)).status).toBe(200);
  expect((await uninstall(t.url, 'st_gone')).status).toBe(200);
});
afterAll(async () => t?.close());

const stored = async () => ({ deliveries: await count(t, 'deliveries'), jobs: await count(t, 'jobs') });
const isoNow = () => new Date().toISOString();

describe('accepted webhooks', () => {
  test('an order event is stored with its job, then answered 200', async () => {
    const body = orderEvent(100234, '2026-11-29T09:58:12Z');
    const res = await postWebhook(t.url, secretA, 'st_a', body, { id: 'msg_first' });
    expect(res.status).toBe(200);
    const answer = await res.json() as { ok: boolean; duplicate: boolean; deliveryId: string };
    expect(answer).toMatchObject({ ok: true, duplicate: false });
    const d = (await t.app.database.client.execute({ sql: 'SELECT * FROM deliveries WHERE id = ?', args: [answer.deliveryId] })).rows[0];
    expect(d).toMatchObject({
      store_id: 'st_a', webhook_id: 'msg_first', topic: 'order.created', source: 'webhook', subject_type: 'order',
      subject_id: '100234', subject_version: '2026-11-29T09:58:12.000Z', body,
    });
    const j = (await t.app.database.client.execute({ sql: 'SELECT * FROM jobs WHERE delivery_id = ?', args: [answer.deliveryId] })).rows;
    expect(j).toHaveLength(1);
    expect(j[0].id).toBe(`job_${answer.deliveryId.slice(4)}`);
    expect(j[0]).toMatchObject({ kind: 'order.sync', store_id: 'st_a', ordering_key: 'order:st_a:100234', target: null, state: 'queued' });
    // Due at once, its times the delivery's own.
    expect(j[0]).toMatchObject({
      run_at: d.received_at, created_at: d.received_at, updated_at: d.received_at, priority: 0, attempts: 0, max_attempts: 10,
    });
    expect(JSON.parse(String(j[0].payload))).toEqual({
      deliveryId: answer.deliveryId, topic: 'order.created', orderId: '100234', updatedDate: '2026-11-29T09:58:12.000Z',
    });
  });

  test('customer and product events make their own jobs; unknown topics are kept without one', async () => {
    const before = await stored();
    const customer = JSON.stringify({ type: 'customer.updated', timestamp: isoNow(), data: { ID: 77, UpdatedDate: isoNow() } });
    const product = JSON.stringify({ type: 'product.updated', timestamp: isoNow(), data: { ID: 9, Sku: 'WID-100-BLK' } });
    const other = JSON.stringify({ type: 'review.posted', timestamp: isoNow(), data: { ID: 1 } });
    for (const b of [customer, product, other]) expect((await postWebhook(t.url, secretA, 'st_a', b)).status).toBe(200);
    expect(await stored()).toEqual({ deliveries: before.deliveries + 3, jobs: before.jobs + 2 });
    expect(await count(t, 'jobs', "kind = 'customer.sync' AND ordering_key = 'customer:st_a:77'")).toBe(1);
    expect(await count(t, 'jobs', "kind = 'product.sync' AND ordering_key = 'product:st_a:WID-100-BLK'")).toBe(1);
  });
});

describe('every bad input is refused with a reason, and nothing is stored', () => {
  const big = 'x'.repeat(1024 * 1024);
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Promise<Response>, number, string]> = [
    ['wrong secret', () => postWebhook(t.url, secretA, 'st_a', orderEvent(1, isoNow()), { secret: newWebhookSecret() }), 401, 'BadSignature'],
    ['expired timestamp', () => postWebhook(t.url, secretA, 'st_a', orderEvent(1, isoNow()), { timestampSec: now() - 301 }), 401, 'TimestampExpired'],
    ['future timestamp', () => postWebhook(t.url, secretA, 'st_a', orderEvent(1, isoNow()), { timestampSec: now() + 301 }), 401, 'TimestampInFuture'],
    ['timestamp not a number', () => {
      const body = orderEvent(1, isoNow());
      return fetch(t.url + manifest.webhooks.path, { method: 'POST', body, headers: { ...signedHeaders(secretA, body, { storeId: 'st_a' }), 'webhook-timestamp': 'soon' } });
    }, 400, 'BadTimestamp'],
    ['truncated signature', () => {
      const body = orderEvent(1, isoNow());
      const h = signedHeaders(secretA, body, { storeId: 'st_a' });
      return fetch(t.url + manifest.webhooks.path, { method: 'POST', body, headers: { ...h, 'webhook-signature': h['webhook-signature'].slice(0, 30) } });
    }, 401, 'BadSignature'],
    ...(['webhook-id', 'webhook-timestamp', 'webhook-signature', 'clarity-store-id'].map((name) => [
      `missing ${name}`, () => {
        const body = orderEvent(1, isoNow());
        const h = signedHeaders(secretA, body, { storeId: 'st_a' });
        delete h[name];
        return fetch(t.url + manifest.webhooks.path, { method: 'POST', body, headers: h });
      }, 400, 'MissingHeaders',
    ]) as Array<[string, () => Promise<Response>, number, string]>),
    ['non-JSON body', () => postWebhook(t.url, secretA, 'st_a', 'order=1&x=2'), 400, 'MalformedJson'],
    ['empty body', () => postWebhook(t.url, secretA, 'st_a', ''), 400, 'MalformedJson'],
    ['JSON that is not an event', () => postWebhook(t.url, secretA, 'st_a', JSON.stringify({ hello: 'world' })), 400, 'BadEnvelope'],
    ['order event without an ID', () => postWebhook(t.url, secretA, 'st_a', JSON.stringify({ type: 'order.created', timestamp: isoNow(), data: {} })), 400, 'BadEvent'],
    ['body over 1 MiB', () => postWebhook(t.url, secretA, 'st_a', orderEvent(1, isoNow(), 'order.created', { Notes: big })), 413, 'PayloadTooLarge'],
    ['body over 1 MiB without Content-Length', () => {
      const body = orderEvent(1, isoNow(), 'order.created', { Notes: big });
      const bytes = new TextEncoder().encode(body);
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.slice(i, i + 64 * 1024));
          c.close();
        },
      });
      return fetch(t.url + manifest.webhooks.path, {
        method: 'POST', body: stream, headers: signedHeaders(secretA, body, { storeId: 'st_a' }), duplex: 'half',
      } as RequestInit);
    }, 413, 'PayloadTooLarge'],
    ['unknown store', () => postWebhook(t.url, secretA, 'st_nobody', orderEvent(1, isoNow())), 401, 'UnknownStore'],
    ['uninstalled store', () => postWebhook(t.url, secretGone, 'st_gone', orderEvent(1, isoNow())), 401, 'StoreUninstalled'],
  ];

  test.each(cases)('%s', async (_name, send, status, code) => {
    const before = await stored();
    const res = await send();
    expect(res.status).toBe(status);
    const answer = await res.json() as { error: { code: string; message: string } };
    expect(answer.error.code).toBe(code);
    expect(answer.error.message.length).toBeGreaterThan(0);
    expect(await stored()).toEqual(before);
  });

  test('a sender that goes away halfway through its body leaves nothing stored, and the next is served', async () => {
    const before = await stored();
    const body = orderEvent(424243, isoNow());
    const target = new URL(t.url);
    const head = [`POST ${manifest.webhooks.path} HTTP/1.1`, `Host: ${target.host}`, 'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`, ...Object.entries(signedHeaders(secretA, body, { storeId: 'st_a' })).map(([k, v]) => `${k}: ${v}`)];
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(target.port), target.hostname, () => {
        socket.write(`${head.join('\r\n')}\r\n\r\n${body.slice(0, 100)}`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.once('close', () => resolve());
      socket.once('error', reject);
    });
    expect((await postWebhook(t.url, secretA, 'st_a', orderEvent(424244, isoNow()))).status).toBe(200);
    expect(await stored()).toEqual({ deliveries: before.deliveries + 1, jobs: before.jobs + 1 });
  });

  test('a signed body a byte under the limit is accepted', async () => {
    const shell = orderEvent(424242, isoNow(), 'order.created', { Notes: '' });
    const body = orderEvent(424242, isoNow(), 'order.created', { Notes: 'y'.repeat(1024 * 1024 - Buffer.byteLength(shell)) });
    expect(Buffer.byteLength(body)).toBe(1024 * 1024);
    expect((await postWebhook(t.url, secretA, 'st_a', body)).status).toBe(200);
  });
});

describe('at least once, in any order', () => {
  test('a repeated webhook-id answers 200 and makes no second job', async () => {
    const before = await stored();
    const body = orderEvent(5001, '2026-11-29T10:00:00Z');
    const first = await postWebhook(t.url, secretA, 'st_a', body, { id: 'msg_repeat' });
    const again = await postWebhook(t.url, secretA, 'st_a', body, { id: 'msg_repeat' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect((await again.json() as { duplicate: boolean }).duplicate).toBe(true);
    expect(await stored()).toEqual({ deliveries: before.deliveries + 1, jobs: before.jobs + 1 });
  });

  test('20 identical deliveries at the same instant: one delivery, one job', async () => {
    const before = await stored();
    const body = orderEvent(5002, '2026-11-29T10:01:00Z');
    const headers = signedHeaders(secretA, body, { storeId: 'st_a', id: 'msg_burst' });
    const answers = await Promise.all(Array.from({ length: 20 }, async () => {
      const res = await fetch(t.url + manifest.webhooks.path, { method: 'POST', headers, body });
      return { status: res.status, ...(await res.json() as { duplicate: boolean }) };
    }));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(await stored()).toEqual({ deliveries: before.deliveries + 1, jobs: before.jobs + 1 });
    expect(await count(t, 'jobs', "ordering_key = 'order:st_a:5002'")).toBe(1);
  });

  test('order.updated before order.created: both kept, jobs of one key in arrival order', async () => {
    const updated = orderEvent(5003, '2026-11-29T10:05:00Z', 'order.updated');
    const created = orderEvent(5003, '2026-11-29T10:00:00Z', 'order.created');
    expect((await postWebhook(t.url, secretA, 'st_a', updated)).status).toBe(200);
    expect((await postWebhook(t.url, secretA, 'st_a', created)).status).toBe(200);
    const rows = (await t.app.database.client.execute(
      "SELECT payload FROM jobs WHERE ordering_key = 'order:st_a:5003' ORDER BY seq",
    )).rows.map((r) => JSON.parse(String(r.payload)) as { topic: string; updatedDate: string });
    expect(rows.map((p) => [p.topic, p.updatedDate])).toEqual([
      ['order.updated', '2026-11-29T10:05:00.000Z'],
      ['order.created', '2026-11-29T10:00:00.000Z'],
    ]);
  });

  test('the same order version under another webhook-id is taken once', async () => {
    const before = await stored();
    const a = await postWebhook(t.url, secretA, 'st_a', orderEvent(5004, '2026-11-29T10:07:00Z', 'order.updated'));
    // Same instant, spelled differently: still the same version.
    const b = await postWebhook(t.url, secretA, 'st_a', orderEvent(5004, '2026-11-29T10:07:00.000Z', 'order.updated'));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await b.json() as { duplicate: boolean }).duplicate).toBe(true);
    expect(await stored()).toEqual({ deliveries: before.deliveries + 1, jobs: before.jobs + 1 });
  });

  test('200 different events at once all get stored, each with its job (group commit)', async () => {
    const before = await stored();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) =>
      postWebhook(t.url, secretA, 'st_a', orderEvent(60_000 + i, '2026-11-29T11:00:00Z')).then((r) => r.status)));
    expect(answers.every((s) => s === 200)).toBe(true);
    expect(await stored()).toEqual({ deliveries: before.deliveries + 200, jobs: before.jobs + 200 });
  });
});
