import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { api, startReceiver, startSandbox, type Receiver, type RunningSandbox } from './helpers';

describe('Clarity sandbox: POST /shipments and PUT /inventory', () => {
  const clock = new FakeClock(Date.now());
  let app: Receiver;
  let s: RunningSandbox;
  let key: string;
  const post = (body: unknown) => api(s.base, '/shipments', { apiKey: key, method: 'POST', body });
  const put = (body: unknown) => api(s.base, '/inventory', { apiKey: key, method: 'PUT', body });
  const ship = (orderId: number, key: string, lines: Array<{ Sku: string; Quantity: number }>) => post({
    CustomKey: key, SalesOrderID: orderId, TrackingNumber: `1Z999AA1${key}`, CarrierName: 'UPS', CarrierMethodName: 'Ground',
    ShipDate: '2026-11-29T15:00:00Z', Lines: lines,
  });

  beforeAll(async () => {
    app = await startReceiver();
    s = await startSandbox({ appUrl: app.url, clock });
    key = (await s.sandbox.installStore({ storeId: 'st_ship' })).apiKey;
  });
  afterAll(async () => {
    await s.close();
    await app.close();
  });

  it('a partial shipment leaves the order open; the rest moves it to Shipped and sends order.updated', async () => {
    const order = await s.sandbox.createOrder({
      StatusKey: 'Processing',
      SalesItems: [{ Sku: 'FAST-0100-BLK', Quantity: 4 }, { Sku: 'WEB-FA1003', Quantity: 2 }],
    });
    const first = await ship(order.ID, 'INV-1', [{ Sku: 'FAST-0100-BLK', Quantity: 4 }, { Sku: 'WEB-FA1003', Quantity: 1 }]);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ CustomKey: 'INV-1', SalesOrderID: order.ID, TrackingNumber: '1Z999AA1INV-1', CustomerNotified: true });
    expect((await api(s.base, `/orders/${order.ID}`, { apiKey: key })).json.StatusKey).toBe('Processing');

    clock.advance(1000);
    const second = await ship(order.ID, 'INV-2', [{ Sku: 'WEB-FA1003', Quantity: 1 }]);
    expect(second.status).toBe(201);
    const after = (await api(s.base, `/orders/${order.ID}`, { apiKey: key })).json;
    expect(after.StatusKey).toBe('Shipped');
    expect(after.UpdatedDate).toBe(new Date(clock.now()).toISOString());
    const updates = await s.sandbox.context.events.list({ storeId: 'st_ship', topic: 'order.updated' });
    expect(updates.map((e) => JSON.parse(e.body).data).find((o) => o.ID === order.ID)?.StatusKey).toBe('Shipped');

    const recorded = await (await fetch(`${s.base}_admin/shipments?storeId=st_ship&orderId=${order.ID}`)).json();
    expect(recorded.map((x: { CustomKey: string }) => x.CustomKey).sort()).toEqual(['INV-1', 'INV-2']);
  });

  it('the same CustomKey twice is a 409 carrying the shipment first recorded, and nothing is recorded twice', async () => {
    const order = await s.sandbox.createOrder({ StatusKey: 'Processing', SalesItems: [{ Sku: 'FAST-0100-BLK', Quantity: 10 }] });
    const first = await ship(order.ID, 'INV-DUP', [{ Sku: 'FAST-0100-BLK', Quantity: 3 }]);
    const again = await ship(order.ID, 'INV-DUP', [{ Sku: 'FAST-0100-BLK', Quantity: 5 }]);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ ...first.json, ActionSucceeded: false });
    expect(again.json.Messages[0]).toMatch(/INV-DUP/);
    const recorded = await (await fetch(`${s.base}_admin/shipments?storeId=st_ship&orderId=${order.ID}`)).json();
    expect(recorded).toHaveLength(1);
  });

  it('refuses lines not on the order, more than is left, a void order, an unknown order and a malformed body', async () => {
    const order = await s.sandbox.createOrder({ StatusKey: 'Processing', SalesItems: [{ Sku: 'FAST-0100-BLK', Quantity: 2 }] });
    const notOn = await ship(order.ID, 'X-1', [{ Sku: 'PLMB-0101-WHT', Quantity: 1 }]);
    expect(notOn.status).toBe(400);
    expect(notOn.json.Messages[0]).toMatch(/not on order/);
    expect((await ship(order.ID, 'X-2', [{ Sku: 'FAST-0100-BLK', Quantity: 3 }])).json.Messages[0]).toMatch(/exceeds the 2/);
    expect((await ship(999_999_999, 'X-3', [{ Sku: 'FAST-0100-BLK', Quantity: 1 }])).status).toBe(404);
    const bad = await post({ CustomKey: 'X-4', SalesOrderID: 'abc', Lines: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.Messages.join(' ')).toMatch(/SalesOrderID/);
    expect(bad.json.Messages.join(' ')).toMatch(/Lines/);
    await s.sandbox.updateOrderStatus(order.ID, 'Void');
    expect((await ship(order.ID, 'X-5', [{ Sku: 'FAST-0100-BLK', Quantity: 1 }])).json.Messages[0]).toMatch(/void/);
  });

  it('PUT /inventory stores quantities per Sku and LocationKey and lists unknown SKUs', async () => {
    const r = await put({ Items: [
      { Sku: 'FAST-0100-BLK', LocationKey: '000', Quantity: 120 },
      { Sku: 'FAST-0100-BLK', LocationKey: 'EST', Quantity: 7 },
      { Sku: 'WEB-FA1003', LocationKey: '000', Quantity: 0 },
      { Sku: 'NOT-A-SKU', LocationKey: '000', Quantity: 5 },
      { Sku: 'NOT-A-SKU', LocationKey: 'EST', Quantity: 5 },
    ] });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ Updated: 3, Unknown: ['NOT-A-SKU'] });
    await put({ Items: [{ Sku: 'FAST-0100-BLK', LocationKey: '000', Quantity: 95 }] });
    const seen = await (await fetch(`${s.base}_admin/inventory?storeId=st_ship&sku=FAST-0100-BLK`)).json();
    expect(seen.Levels.map((l: { LocationKey: string; Quantity: number }) => [l.LocationKey, l.Quantity])).toEqual([['000', 95], ['EST', 7]]);
    expect(seen.Received).toHaveLength(3);
  });

  it('PUT /inventory takes at most 500 items and validates each', async () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ Sku: 'FAST-0100-BLK', LocationKey: `L${i}`, Quantity: i }));
    expect((await put({ Items: items(500) })).json).toEqual({ Updated: 500, Unknown: [] });
    const tooMany = await put({ Items: items(501) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.Messages[0]).toMatch(/At most 500 items/);
    const bad = await put({ Items: [{ Sku: 'FAST-0100-BLK', Quantity: 'ten' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.Messages.join(' ')).toMatch(/LocationKey/);
    expect((await put({ Items: 'x' })).status).toBe(400);
  });
});
