import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { api, startReceiver, startSandbox, type Receiver, type RunningSandbox } from './helpers';

describe('Clarity sandbox: REST routes, paging and PATCH', () => {
  const clock = new FakeClock(Date.now());
  let app: Receiver;
  let s: RunningSandbox;
  let key: string;
  const get = (path: string) => api(s.base, path, { apiKey: key });
  const patch = (path: string, body: unknown) => api(s.base, path, { apiKey: key, method: 'PATCH', body });

  beforeAll(async () => {
    app = await startReceiver();
    s = await startSandbox({ appUrl: app.url, clock });
    key = (await s.sandbox.installStore({ storeId: 'st_rest' })).apiKey;
  });
  afterAll(async () => {
    await s.close();
    await app.close();
  });

  it('pages products oldest change first, ties by ID, with totals on every page', async () => {
    const seen: Array<{ ID: number; UpdatedDate: string }> = [];
    for (let page = 1; ; page++) {
      const r = await get(`/products?page=${page}&pageSize=50`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ TotalCount: 360, TotalPages: 8, CurrentPage: page });
      seen.push(...r.json.Results);
      if (page >= r.json.TotalPages) break;
    }
    expect(seen).toHaveLength(360);
    expect(new Set(seen.map((p) => p.ID)).size).toBe(360);
    const sorted = [...seen].sort((a, b) => a.UpdatedDate.localeCompare(b.UpdatedDate) || a.ID - b.ID);
    expect(seen).toEqual(sorted);
    // The seed gives groups of rows the same UpdatedDate, as real bulk edits do.
    expect(new Set(seen.map((p) => p.UpdatedDate)).size).toBeLessThan(360);
    const past = await get('/products?page=99&pageSize=50');
    expect(past.json).toMatchObject({ Results: [], TotalCount: 360, CurrentPage: 99 });
  });

  it('filters by modifiedSince (inclusive) and refuses malformed paging in Clarity’s error shape', async () => {
    const all = (await get('/products?pageSize=500')).json.Results as Array<{ UpdatedDate: string }>;
    const since = all[200].UpdatedDate;
    const r = await get(`/products?pageSize=500&modifiedSince=${encodeURIComponent(since)}`);
    expect(r.json.TotalCount).toBe(all.filter((p) => p.UpdatedDate >= since).length);
    expect(r.json.Results[0].UpdatedDate).toBe(since);
    for (const bad of ['page=0', 'pageSize=501', 'page=abc', 'modifiedSince=yesterday']) {
      const res = await get(`/products?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.json.ActionSucceeded).toBe(false);
      expect(res.json.Messages[0]).toMatch(/page|modifiedSince/);
    }
  });

  it('serves one product by Sku (alias SKUs included) and 404s an unknown one', async () => {
    const p = await get('/products/WEB-FA1003');
    expect(p.status).toBe(200);
    expect(p.json).toMatchObject({ Sku: 'WEB-FA1003', Active: true });
    expect(Object.keys(p.json).sort()).toEqual(['Active', 'Description', 'ID', 'Name', 'PriceBase', 'Sku', 'UpdatedDate']);
    expect(await get('/products/NOPE-1')).toMatchObject({ status: 404, json: { ActionSucceeded: false } });
  });

  it('PATCH /products changes the given fields, moves UpdatedDate and sends product.updated', async () => {
    clock.advance(1000);
    const r = await patch('/products/WEB-FA1003', { PriceBase: 12.34, Active: false });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ PriceBase: 12.34, Active: false, UpdatedDate: new Date(clock.now()).toISOString() });
    const events = await s.sandbox.context.events.list({ storeId: 'st_rest', topic: 'product.updated' });
    expect(JSON.parse(events[0].body).data).toMatchObject({ Sku: 'WEB-FA1003', PriceBase: 12.34 });
    expect((await patch('/products/WEB-FA1003', { Price: 3 })).status).toBe(400);
    expect((await patch('/products/WEB-FA1003', { PriceBase: -1 })).status).toBe(400);
    expect((await patch('/products/NOPE-1', { Active: true })).status).toBe(404);
  });

  it('serves customers one by one and as a feed', async () => {
    const list = await get('/customers?pageSize=10');
    expect(list.json).toMatchObject({ TotalCount: 140, TotalPages: 14 });
    const c = list.json.Results[0];
    expect(Object.keys(c).sort()).toEqual(['Address', 'Company', 'CustomKey', 'Email', 'FirstName', 'ID', 'LastName', 'Phone', 'UpdatedDate']);
    expect((await get(`/customers/${c.ID}`)).json).toEqual(c);
    expect((await get('/customers/1')).status).toBe(404);
    expect((await get('/customers/abc')).status).toBe(400);
  });

  it('serves orders in the contract’s model and as a change feed that a change moves to the end', async () => {
    clock.advance(60_000);
    const a = await s.sandbox.createOrder();
    clock.advance(1000);
    const b = await s.sandbox.createOrder();
    const one = await get(`/orders/${a.ID}`);
    expect(one.json).toEqual(a);
    for (const k of ['ID', 'CustomKey', 'StatusKey', 'BillingContact', 'ShippingContact', 'SalesItems', 'Totals', 'SalesOrderPayments', 'SerializableAttributes']) {
      expect(one.json).toHaveProperty(k);
    }
    const since = encodeURIComponent(a.UpdatedDate);
    expect((await get(`/orders?modifiedSince=${since}`)).json.Results.map((o: { ID: number }) => o.ID)).toEqual([a.ID, b.ID]);
    clock.advance(1000);
    await patch(`/orders/${a.ID}`, { StatusKey: 'Processing' === a.StatusKey ? 'Confirmed' : 'Processing' });
    expect((await get(`/orders?modifiedSince=${since}`)).json.Results.map((o: { ID: number }) => o.ID)).toEqual([b.ID, a.ID]);
    expect((await get('/orders/999999999')).status).toBe(404);
    expect((await get('/orders?pageSize=5')).json.TotalCount).toBeGreaterThanOrEqual(32);
  });

  it('PATCH /orders merges SerializableAttributes, removes a key given null, and validates the body', async () => {
    const o = await s.sandbox.createOrder({ StatusKey: 'Processing' });
    const id = o.ID;
    clock.advance(1000);
    let r = await patch(`/orders/${id}`, { SerializableAttributes: { SageSalesOrderNo: { Key: 'SageSalesOrderNo', Value: '0001234' } } });
    expect(r.json.SerializableAttributes).toEqual({ SageSalesOrderNo: { Key: 'SageSalesOrderNo', Value: '0001234' } });
    r = await patch(`/orders/${id}`, { StatusKey: 'Confirmed', SerializableAttributes: { SageStatus: { Value: 'Open' }, Note: { Value: 'x' } } });
    expect(r.json.StatusKey).toBe('Confirmed');
    expect(r.json.SerializableAttributes).toEqual({
      SageSalesOrderNo: { Key: 'SageSalesOrderNo', Value: '0001234' }, SageStatus: { Key: 'SageStatus', Value: 'Open' }, Note: { Key: 'Note', Value: 'x' },
    });
    r = await patch(`/orders/${id}`, { SerializableAttributes: { Note: null } });
    expect(Object.keys(r.json.SerializableAttributes)).toEqual(['SageSalesOrderNo', 'SageStatus']);

    // Writing what is already there changes nothing and sends nothing.
    const before = (await s.sandbox.context.events.list({ storeId: 'st_rest', topic: 'order.updated' })).length;
    clock.advance(1000);
    const same = await patch(`/orders/${id}`, { SerializableAttributes: { SageSalesOrderNo: { Value: '0001234' } } });
    expect(same.json.UpdatedDate).toBe(r.json.UpdatedDate);
    expect((await s.sandbox.context.events.list({ storeId: 'st_rest', topic: 'order.updated' })).length).toBe(before);

    expect((await patch(`/orders/${id}`, { StatusKey: 'Teleported' })).json.Messages[0]).toMatch(/Unknown StatusKey/);
    expect((await patch(`/orders/${id}`, { Status: 'Shipped' })).status).toBe(400);
    expect((await patch(`/orders/${id}`, {})).status).toBe(400);
    expect((await api(s.base, `/orders/${id}`, { apiKey: key, method: 'PATCH', body: '{not json' })).status).toBe(400);
    const voided = await patch(`/orders/${id}`, { StatusKey: 'Void' });
    expect(voided.json.StatusKey).toBe('Void');
    const cancelled = await s.sandbox.context.events.list({ storeId: 'st_rest', topic: 'order.cancelled' });
    expect(JSON.parse(cancelled[0].body).data.ID).toBe(id);
  });

  it('answers an unknown API route with Clarity’s 404 shape', async () => {
    expect(await get('/nothing-here')).toMatchObject({ status: 404, json: { ActionSucceeded: false } });
  });
});
