import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signWebhook } from '../../../server/connectors/clarity/webhook-signature';
import { count, install, manifest, newWebhookSecret, orderEvent, postWebhook, startTestApp, type TestApp } from './support';

/**
 * Where a webhook's signature is checked. An event to store has it checked by the intake's writer
 * thread, in the transaction that would store it; anything answered or acted on at the door (a body
 * that is not an event, an uninstall, a body that is not UTF-8) is checked there first. Either way
 * the answers are the same, and nothing unsigned is stored or acted on.
 */
const key = randomBytes(32).toString('base64');
let a: TestApp;
let b: TestApp;
const secret1 = newWebhookSecret();
const isoNow = () => new Date().toISOString();

beforeAll(async () => {
  a = await startTestApp({ ENCRYPTION_KEY: key });
  // A second instance on the same database file, as when several run side by side.
  b = await startTestApp({ ENCRYPTION_KEY: key, DATABASE_URL: `file:${a.dbPath}` });
  expect((await install(a.url, 'st_sig', secret1)).status).toBe(200);
});
afterAll(async () => {
  await b?.app.stop();
  await a?.close();
});

const deliveries = (where = "store_id = 'st_sig'") => count(a, 'deliveries', where);

test('a store reinstalled through another instance: the new secret works at once, the old one no longer', async () => {
  expect((await postWebhook(a.url, secret1, 'st_sig', orderEvent(7001, isoNow()))).status).toBe(200);
  const secret2 = newWebhookSecret();
  expect((await install(b.url, 'st_sig', secret2)).status).toBe(200);
  // Instance a still holds secret1 in its cache; the writer thread refuses, a reads the store again.
  const fresh = await postWebhook(a.url, secret2, 'st_sig', orderEvent(7002, isoNow()));
  expect(fresh.status).toBe(200);
  expect(await fresh.json()).toMatchObject({ ok: true, duplicate: false });
  const stale = await postWebhook(a.url, secret1, 'st_sig', orderEvent(7003, isoNow()));
  expect(stale.status).toBe(401);
  expect((await stale.json() as { error: { code: string } }).error.code).toBe('BadSignature');
  expect(await deliveries("subject_id IN ('7001', '7002', '7003')")).toBe(2);
  // Put back for the tests below.
  expect((await install(b.url, 'st_sig', secret1)).status).toBe(200);
  expect((await postWebhook(a.url, secret1, 'st_sig', orderEvent(7004, isoNow()))).status).toBe(200);
});

test('an unsigned body that is not an event is refused as unsigned, not as malformed', async () => {
  const before = await deliveries();
  const res = await postWebhook(a.url, secret1, 'st_sig', 'order=1&x=2', { secret: newWebhookSecret() });
  expect(res.status).toBe(401);
  expect((await res.json() as { error: { code: string } }).error.code).toBe('BadSignature');
  expect(await deliveries()).toBe(before);
});

test('an unsigned app.uninstalled is refused and changes nothing', async () => {
  const body = JSON.stringify({ type: 'app.uninstalled', timestamp: isoNow(), data: { storeId: 'st_sig' } });
  const res = await postWebhook(a.url, secret1, 'st_sig', body, { secret: newWebhookSecret() });
  expect(res.status).toBe(401);
  expect(await count(a, 'installations', "store_id = 'st_sig' AND status = 'active'")).toBe(1);
  expect((await postWebhook(a.url, secret1, 'st_sig', orderEvent(7101, isoNow()))).status).toBe(200);
});

test('a body that is not UTF-8 is checked against the bytes that were signed', async () => {
  const json = Buffer.from(orderEvent(7201, isoNow(), 'order.created', { Notes: '@' }));
  // Swap the '@' for a byte that is not UTF-8: the text is still JSON, but not the same bytes.
  json[json.indexOf('@')] = 0xff;
  const send = (secret: string) => {
    const id = `msg_latin_${secret.length}_${Date.now()}`;
    const ts = Math.floor(Date.now() / 1000);
    return fetch(a.url + manifest.webhooks.path, {
      method: 'POST', body: json,
      headers: { 'content-type': 'application/json', 'clarity-store-id': 'st_sig', 'webhook-id': id, 'webhook-timestamp': String(ts),
        'webhook-signature': signWebhook(secret, id, ts, json) },
    });
  };
  expect((await send(newWebhookSecret())).status).toBe(401);
  expect((await send(secret1)).status).toBe(200);
  expect(await deliveries("subject_id = '7201'")).toBe(1);
});
