import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { api, startReceiver, startSandbox, token, type Receiver, type RunningSandbox } from './helpers';

const admin = (s: RunningSandbox, path: string, method: string, body?: unknown) =>
  fetch(`${s.base}_admin${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('Clarity sandbox: 429s from injected faults and from the built-in rate limit', () => {
  const clock = new FakeClock(Date.now());
  let app: Receiver;
  let s: RunningSandbox;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    app = await startReceiver();
    s = await startSandbox({ appUrl: app.url, clock, seed: false });
    key = (await s.sandbox.installStore({ storeId: 'st_a' })).apiKey;
    otherKey = (await s.sandbox.installStore({ storeId: 'st_b' })).apiKey;
  });
  beforeEach(async () => {
    await admin(s, '/faults', 'DELETE');
    await admin(s, '/rate-limit', 'PUT', { enabled: false });
  });
  afterAll(async () => {
    await s.close();
    await app.close();
  });

  it('a 429 storm set through /_admin/faults answers every call with Retry-After in Clarity’s shape, then ends', async () => {
    const set = await admin(s, '/faults', 'PUT', { throttle: { forMs: 30_000, retryAfterSec: 7 } });
    expect(set.status).toBe(200);
    const r = await api(s.base, '/orders', { apiKey: key });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.json).toMatchObject({ ActionSucceeded: false, Messages: [expect.any(String)] });
    const tokenCall = await fetch(`${s.base}oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(tokenCall.status).toBe(429);
    clock.advance(30_000);
    expect((await api(s.base, '/orders', { apiKey: key })).status).toBe(200);
  });

  it('a route rule hits only its route, with paths relative to /api/v1', async () => {
    s.sandbox.faults.set({ routes: [{ match: 'PUT /inventory', errorRate: 1, status: 429 }] });
    const put = await api(s.base, '/inventory', { apiKey: key, method: 'PUT', body: { Items: [] } });
    expect(put.status).toBe(429);
    expect(put.headers.get('retry-after')).toBe('1');
    expect((await api(s.base, '/orders', { apiKey: key })).status).toBe(200);
    s.sandbox.faults.set({ routes: [{ match: 'GET /orders', errorRate: 1, status: 503 }] });
    expect((await api(s.base, '/orders', { apiKey: key })).json.ActionSucceeded).toBe(false);
    expect((await api(s.base, '/orders', { apiKey: key })).status).toBe(503);
    expect((await api(s.base, '/products', { apiKey: key })).status).toBe(200);
  });

  it('timeout after write: the shipment is recorded but the answer never arrives', async () => {
    // This sandbox seeds nothing, and a store without products takes no orders: add one by hand.
    await expect(s.sandbox.createOrder({}, { storeId: 'st_a' })).rejects.toThrow(/no active products/);
    await s.sandbox.db.run(`INSERT INTO products (store_id, id, sku, name, description, price_base, active, updated_at)
      VALUES ('st_a', 1, 'SKU-1', 'Thing', 'A thing', 5, 1, 0)`);
    const placed = await s.sandbox.createOrder({ StatusKey: 'Processing', SalesItems: [{ Sku: 'SKU-1', Quantity: 1 }] }, { storeId: 'st_a' });
    s.sandbox.faults.set({ routes: [{ match: 'POST /shipments', timeoutAfterWriteRate: 1 }], timeoutHoldMs: 50 });
    const call = api(s.base, '/shipments', { apiKey: key, method: 'POST', body: { CustomKey: 'TAW-1', SalesOrderID: placed.ID, Lines: [{ Sku: 'SKU-1', Quantity: 1 }] } });
    await expect(call).rejects.toThrow();
    const recorded = await (await fetch(`${s.base}_admin/shipments?storeId=st_a`)).json();
    expect(recorded.map((x: { CustomKey: string }) => x.CustomKey)).toEqual(['TAW-1']);
    s.sandbox.faults.reset();
    // The retry with the same key learns the shipment exists.
    const retry = await api(s.base, '/shipments', { apiKey: key, method: 'POST', body: { CustomKey: 'TAW-1', SalesOrderID: placed.ID, Lines: [{ Sku: 'SKU-1', Quantity: 1 }] } });
    expect(retry.status).toBe(409);
  });

  it('an outage answers 503 until it ends', async () => {
    s.sandbox.faults.set({ outage: { forMs: 10_000 } });
    expect((await api(s.base, '/products', { apiKey: key })).status).toBe(503);
    clock.advance(10_000);
    expect((await api(s.base, '/products', { apiKey: key })).status).toBe(200);
  });

  it('the built-in limiter is a token bucket per store: past the burst 429 + Retry-After, refilled by time', async () => {
    const cfg = await admin(s, '/rate-limit', 'PUT', { enabled: true, perSecond: 2, burst: 3 });
    expect(await cfg.json()).toEqual({ enabled: true, perSecond: 2, burst: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api(s.base, '/products?pageSize=1', { apiKey: key })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api(s.base, '/products?pageSize=1', { apiKey: key });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.json.Messages[0]).toMatch(/Rate limit/);
    // Another store has its own bucket.
    expect((await api(s.base, '/products?pageSize=1', { apiKey: otherKey })).status).toBe(200);
    clock.advance(500);
    expect((await api(s.base, '/products?pageSize=1', { apiKey: key })).status).toBe(200);
    expect((await api(s.base, '/products?pageSize=1', { apiKey: key })).status).toBe(429);
    // OAuth tokens count against the same store's bucket as API keys.
    const creds = await s.sandbox.context.stores.get('st_a');
    const t = await token(s.base, creds!.client_id, creds!.client_secret);
    expect((await api(s.base, '/products?pageSize=1', { token: t.json.access_token })).status).toBe(429);
  });

  it('is off unless enabled, and the admin can turn it off again', async () => {
    for (let i = 0; i < 50; i++) expect((await api(s.base, '/products?pageSize=1', { apiKey: key })).status).toBe(200);
    expect(await (await admin(s, '/rate-limit', 'GET')).json()).toMatchObject({ enabled: false });
  });
});
