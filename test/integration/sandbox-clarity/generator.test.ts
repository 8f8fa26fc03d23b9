import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { catalogItems } from '../../../server/sandbox/catalog/items';
import { SHIP_VIA } from '../../../server/sandbox/catalog/lookups';
import { DEFAULT_ORDER_STATUSES, type SalesOrder } from '../../../server/sandbox/clarity/index';
import { startReceiver, startSandbox, type Receiver, type RunningSandbox } from './helpers';

const cents = (n: number) => Math.round(n * 100);
const contacts = (o: SalesOrder) => [o.BillingContact, o.ShippingContact];
const addresses = (o: SalesOrder) => contacts(o).map((c) => c.Address);

describe('Clarity sandbox: the order generator', () => {
  const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);
  const clock = new FakeClock(T0);
  let app: Receiver;
  let s: RunningSandbox;
  const orders: SalesOrder[] = [];

  beforeAll(async () => {
    app = await startReceiver();
    s = await startSandbox({ appUrl: app.url, clock, generatorSeed: 7 });
    await s.sandbox.installStore({ storeId: 'st_gen' });
    for (let i = 0; i < 200; i++) {
      clock.advance(1000);
      orders.push(await s.sandbox.generator.generateOne());
    }
  });
  afterAll(async () => {
    await s.close();
    await app.close();
  });

  const some = (what: string, pred: (o: SalesOrder) => boolean) => {
    const n = orders.filter(pred).length;
    expect(n, what).toBeGreaterThan(0);
    return n;
  };

  it('produces every kind of address mess the contract names', () => {
    some('Street2 key missing', (o) => addresses(o).some((a) => !('Street2' in a)));
    some('Street2 null', (o) => addresses(o).some((a) => a.Street2 === null));
    some('Street2 empty string', (o) => addresses(o).some((a) => a.Street2 === ''));
    some('lower-case state code', (o) => addresses(o).some((a) => /^[a-z]{2}$/.test(a.RegionCode)));
    some('state spelled out', (o) => addresses(o).some((a) => a.RegionCode.trim().length > 3 && !a.RegionCode.includes('.')));
    some('AP-style state', (o) => addresses(o).some((a) => /^[A-Z][A-Za-z.]*\.$/.test(a.RegionCode)));
    some('ZIP+4 with dash', (o) => addresses(o).some((a) => /^\d{5}-\d{4}$/.test(a.PostalCode)));
    some('ZIP+4 without dash', (o) => addresses(o).some((a) => /^\d{9}$/.test(a.PostalCode)));
    some('street longer than 30', (o) => addresses(o).some((a) => a.Street1.length > 30));
    some('company longer than 30', (o) => addresses(o).some((a) => (a.Company ?? '').length > 30));
  });

  it('produces long, Unicode and guest buyers', () => {
    some('name longer than 30', (o) => contacts(o).some((c) => `${c.FirstName} ${c.LastName}`.length > 30));
    some('Unicode name', (o) => contacts(o).some((c) => /[^\x00-\x7F]/.test(c.FirstName + c.LastName)));
    some('guest checkout', (o) => o.AccountID === null && o.AccountKey === null && o.UserID === null);
    some('account order', (o) => typeof o.AccountID === 'number');
    some('PO number longer than Sage allows', (o) => (o.PurchaseOrderNumber ?? '').length > 15);
    some('long notes', (o) => (o.Notes ?? '').length > 200);
  });

  it('produces alias, unknown and inactive SKUs, and totals a cent off the lines', () => {
    const bySku = new Map(catalogItems().map((i) => [i.sku, i]));
    const lines = orders.flatMap((o) => o.SalesItems);
    expect(lines.some((l) => bySku.has(l.Sku) && bySku.get(l.Sku)!.itemCode !== l.Sku), 'alias SKU').toBe(true);
    expect(lines.some((l) => !bySku.has(l.Sku)), 'unknown SKU').toBe(true);
    expect(lines.some((l) => bySku.get(l.Sku)?.inactive), 'inactive item').toBe(true);
    // Rare cases stay rare.
    expect(lines.filter((l) => !bySku.has(l.Sku)).length).toBeLessThan(lines.length * 0.1);
    const off = some('SubTotal a cent off', (o) => Math.abs(cents(o.Totals.SubTotal) - o.SalesItems.reduce((t, l) => t + cents(l.ExtendedPrice), 0)) === 1);
    expect(off).toBeLessThan(30);
    // Everything else adds up, as a storefront's totals do.
    for (const o of orders) {
      const t = o.Totals;
      expect(cents(t.Total)).toBe(cents(t.SubTotal) + cents(t.Shipping) + cents(t.Handling) + cents(t.Fees) - cents(t.Discounts) + cents(t.Tax));
      expect(o.SalesOrderPayments.reduce((sum, p) => sum + cents(p.Slave.Amount), 0)).toBe(cents(t.Total));
    }
  });

  it('uses several payment providers with their real identifiers, the lookups’ carriers, tax, discounts and handling', () => {
    const payments = orders.flatMap((o) => o.SalesOrderPayments.map((p) => p.Slave));
    const stripe = payments.filter((p) => p.ProviderKey === 'Stripe');
    expect(stripe.length).toBeGreaterThan(0);
    expect(stripe.every((p) => /^pi_3/.test(p.TransactionID!) && /^[A-Z0-9]{6}$/.test(p.AuthCode!) && /^\d{4}$/.test(p.Last4CardDigits!))).toBe(true);
    const anet = payments.filter((p) => p.ProviderKey === 'Authorize.Net');
    expect(anet.length).toBeGreaterThan(0);
    expect(anet.every((p) => /^\d{11}$/.test(p.TransactionID!) && p.AuthCode && p.Last4CardDigits)).toBe(true);
    expect(payments.some((p) => p.ProviderKey === 'PayPal' && p.TransactionID)).toBe(true);
    expect(payments.some((p) => p.PaymentMethodKey === 'Purchase Order')).toBe(true);
    some('split payment', (o) => o.SalesOrderPayments.length > 1);

    const carriers = new Set(SHIP_VIA.map((v) => `${v.carrier}/${v.method}`));
    expect(orders.every((o) => carriers.has(`${o.ShippingDetail.CarrierName}/${o.ShippingDetail.CarrierMethodName}`))).toBe(true);
    expect(new Set(orders.map((o) => o.ShippingDetail.CarrierName)).size).toBeGreaterThan(2);
    some('tax', (o) => o.Totals.Tax > 0);
    some('tax exempt', (o) => o.Totals.Tax === 0);
    some('discount', (o) => o.Totals.Discounts > 0);
    some('handling', (o) => o.Totals.Handling > 0);
    expect(orders.every((o) => (DEFAULT_ORDER_STATUSES as readonly string[]).includes(o.StatusKey))).toBe(true);
    expect(new Set(orders.map((o) => o.StatusKey)).size).toBeGreaterThan(2);
  });

  it('sends order.created for each order, customer.created for sign-ups, and later updates and cancellations', async () => {
    const created = await s.sandbox.context.events.list({ storeId: 'st_gen', topic: 'order.created', limit: 1000 });
    expect(created).toHaveLength(200);
    expect((await s.sandbox.context.events.list({ storeId: 'st_gen', topic: 'customer.created' })).length).toBeGreaterThan(0);
    const pending = async () => Number((await s.sandbox.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM generator_followups'))!.n);
    expect(await pending()).toBeGreaterThan(0);
    clock.advance(3 * 3600_000);
    expect(await s.sandbox.generator.processFollowUps()).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    expect((await s.sandbox.context.events.list({ storeId: 'st_gen', topic: 'order.updated' })).length).toBeGreaterThan(0);
    expect((await s.sandbox.context.events.list({ storeId: 'st_gen', topic: 'order.cancelled' })).length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', async () => {
    const again = await startSandbox({ appUrl: app.url, clock: new FakeClock(T0), generatorSeed: 7 });
    const other = await startSandbox({ appUrl: app.url, clock: new FakeClock(T0), generatorSeed: 8 });
    try {
      await again.sandbox.installStore({ storeId: 'st_gen' });
      await other.sandbox.installStore({ storeId: 'st_gen' });
      const strip = (o: SalesOrder) => ({ ...o, CreatedDate: '', UpdatedDate: '' });
      const a = await again.sandbox.generator.generateOne();
      const b = await other.sandbox.generator.generateOne();
      expect(strip(a)).toEqual(strip(orders[0]));
      expect(strip(b)).not.toEqual(strip(orders[0]));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('creates a specific order through /_admin/orders, with lines completed from the catalog', async () => {
    const res = await fetch(`${s.base}_admin/orders?storeId=st_gen`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ StatusKey: 'Processing', AccountID: null, AccountKey: null, UserID: null,
        ShippingContact: { Address: { RegionCode: 'TX' } }, SalesItems: [{ Sku: 'WEB-FA1003', Quantity: 3 }] }),
    });
    expect(res.status).toBe(201);
    const o = (await res.json()) as SalesOrder;
    const item = catalogItems()[3];
    expect(o.SalesItems).toEqual([expect.objectContaining({ Sku: 'WEB-FA1003', Quantity: 3, UnitSoldPrice: item.priceCents / 100, ExtendedPrice: (item.priceCents * 3) / 100 })]);
    expect(o.Totals.SubTotal).toBe((item.priceCents * 3) / 100);
    expect(o.Totals.Tax).toBe(Math.round(item.priceCents * 3 * 0.0825) / 100);
    expect(o.AccountID).toBeNull();
    const listed = await (await fetch(`${s.base}_admin/orders?storeId=st_gen&pageSize=1`)).json();
    expect(listed.Results[0].ID).toBe(o.ID);
    const gen = await fetch(`${s.base}_admin/generator?storeId=st_gen`, { method: 'POST', body: JSON.stringify({ count: 3 }) });
    expect(((await gen.json()) as { created: number[] }).created).toHaveLength(3);
  });
});
