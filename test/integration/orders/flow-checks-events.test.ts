import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogItems, people } from '../../../server/sandbox/catalog/index';
import type { OrderOverrides, SalesOrder } from '../../../server/sandbox/clarity/index';
import { buyer, startWorld, type World } from '../../helpers/world';

/**
 * Credit and stock checks, Sage's own totals, and the events after the first: updates, holds and
 * releases, cancellations, and events that arrive in the wrong order — over real HTTP against
 * both sandboxes.
 */
let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await w?.close(); });

const person = (i: number) => people()[i];
/** Stocked items sold under their own code, one per test so their stock does not interact. */
const pool = catalogItems().filter((i) => i.sku === i.itemCode && !i.inactive && i.stock.some((s) => s.warehouseCode === '000' && s.onHand >= 20));
const sku = (line: string, n = 0) => pool.filter((i) => i.productLine === line)[n].sku;
const done = (l: { state: string; writtenBackAt: number | null }) =>
  l.state === 'held' || l.state === 'cancelled' || (l.state === 'created' && !!l.writtenBackAt);

async function send(overrides: OrderOverrides) {
  const order = await w.placeOrder({ StatusKey: 'Processing', Notes: null, PurchaseOrderNumber: null, ...overrides });
  return { order, link: await w.waitForLink(order.ID, done) };
}
const line = (Sku: string, Quantity = 1, UnitSoldPrice?: number) => ({ SalesItems: [{ Sku, Quantity, ...(UnitSoldPrice !== undefined && { UnitSoldPrice }) }] });
async function available(itemCode: string, warehouse = '000') {
  const row = await w.sage.client.items.warehouseStock(itemCode, warehouse);
  return row ? row.QuantityOnHand - row.QuantityOnSalesOrder - row.QuantityOnBackOrder : 0;
}
const sageOrdersFor = (o: SalesOrder, p = person(24)) =>
  w.sage.client.orders.findByCustomerPO({ ARDivisionNo: p.sage!.ARDivisionNo, CustomerNo: p.sage!.CustomerNo, CustomerPONo: o.CustomKey });

describe('credit', () => {
  it('a customer on credit hold: entered on hold in Sage with the reason, and the store told', async () => {
    const p = person(22);
    const { order, link } = await send({ ...buyer(p), ...line(sku('PLMB', 0), 1) });
    expect(link).toMatchObject({ state: 'created', sageStatus: 'H' });
    expect(link.holdReason).toMatch(/on credit hold in Sage/);
    const so = await w.sage.client.orders.get(link.salesOrderNo!);
    expect(so).toMatchObject({ OrderStatus: 'H', Comment: 'Credit hold: customer on hold' });
    expect((await w.clarityOrder(order.ID)).StatusKey).toBe('On Hold');
  });

  it('over the credit limit: on hold in Sage; with the app-hold policy, held in the app instead', async () => {
    const p = person(29);
    const big = { SalesItems: [{ Sku: sku('PLMB', 1), Quantity: 10, UnitSoldPrice: 600 }] };
    const a = await send({ ...buyer(p), ...big });
    expect(a.link).toMatchObject({ state: 'created', sageStatus: 'H' });
    expect(a.link.holdReason).toMatch(/over the credit limit/);
    expect((await w.sage.client.orders.get(a.link.salesOrderNo!))!.Comment).toMatch(/^Over credit limit/);

    await w.saveMapping({ credit: { policy: 'app-hold' } });
    const b = await send({ ...buyer(p), ...big });
    expect(b.link.state).toBe('held');
    expect(b.link.holdReason).toMatch(/over the credit limit: balance .* limit \$5000\.00/);
    expect(await sageOrdersFor(b.order, p)).toEqual([]);
    await w.saveMapping({});
  });
});

describe('stock', () => {
  it('backorder: sends what is available and back-orders the rest', async () => {
    const avail = await available(sku('ELEC', 0));
    const { link } = await send({ ...buyer(person(24)), ...line(sku('ELEC', 0), avail + 3) });
    expect(link.state).toBe('created');
    // What the connector sent. (The Sage sandbox does not take QuantityBackordered on create yet:
    // it answers with a warning that the field was ignored, which the timeline shows.)
    const sent = (link.mapped as { Lines: Array<Record<string, unknown>> }).Lines.find((l) => l.ItemCode === sku('ELEC', 0));
    expect(sent).toMatchObject({ QuantityOrdered: avail + 3, QuantityBackordered: 3 });
    expect((await w.sage.client.orders.get(link.salesOrderNo!))!.Lines.find((l) => l.ItemCode === sku('ELEC', 0))?.QuantityOrdered).toBe(avail + 3);
    expect(link.warnings!.join('\n')).toMatch(/3 on back order/);
  });

  it('hold: holds the order, naming the item and what is available', async () => {
    await w.saveMapping({ stock: { policy: 'hold' } });
    const avail = await available(sku('ELEC', 1));
    const { order, link } = await send({ ...buyer(person(24)), ...line(sku('ELEC', 1), avail + 1) });
    expect(link.state).toBe('held');
    expect(link.holdReason).toContain(`item ${sku('ELEC', 1)} (SKU ${sku('ELEC', 1)}): ${avail + 1} ordered, ${avail} available`);
    expect(await sageOrdersFor(order)).toEqual([]);
    await w.saveMapping({});
  });

  it('send all: sends the full quantity and warns', async () => {
    await w.saveMapping({ stock: { policy: 'send-all' } });
    const avail = await available(sku('ELEC', 2));
    const { link } = await send({ ...buyer(person(24)), ...line(sku('ELEC', 2), avail + 2) });
    expect(link.state).toBe('created');
    const so = await w.sage.client.orders.get(link.salesOrderNo!);
    expect(so!.Lines.find((l) => l.ItemCode === sku('ELEC', 2))?.QuantityBackordered ?? 0).toBe(0);
    expect(link.warnings!.join('\n')).toMatch(/sent in full anyway/);
    await w.saveMapping({});
  });
});

describe('totals', () => {
  it("tax by Sage schedule: when Sage's tax differs from the store's, the order goes on hold in Sage showing both", async () => {
    await w.saveMapping({ tax: { mode: 'sage-schedule' } });
    const { link } = await send({ ...buyer(person(24)), ...line(sku('JANI', 0), 4) });
    expect(link).toMatchObject({ state: 'created', sageStatus: 'H' });
    expect(link.holdReason).toMatch(/Sage's total \$[\d.]+ differs from the store's total \$[\d.]+ \(tax: Sage \$[\d.]+, store \$[\d.]+/);
    const so = await w.sage.client.orders.get(link.salesOrderNo!);
    expect(so!.OrderStatus).toBe('H');
    expect(so!.Comment).toMatch(/^Total \$[\d.]+<>web/);
    await w.saveMapping({});
  });
});

describe('events after the first', () => {
  it('order.updated holds and releases the Sage order; a ship-to change is patched; never a second order', async () => {
    const { order, link } = await send({ ...buyer(person(24)), ...line(sku('SAFE', 0), 1) });
    expect(link.sageStatus).toBe('O');
    await w.setStatus(order.ID, 'On Hold');
    await w.waitForLink(order.ID, (l) => l.sageStatus === 'H');
    await w.setStatus(order.ID, 'Processing');
    await w.waitForLink(order.ID, (l) => l.sageStatus === 'O');

    const now = await w.clarityOrder(order.ID);
    const moved = { ...now.ShippingContact, Address: { ...now.ShippingContact.Address, Street1: '500 W 2nd St', Street2: null, City: 'Austin', RegionCode: 'TX', PostalCode: '78701' } };
    expect(await w.postWebhook('order.updated', { ...now, ShippingContact: moved, UpdatedDate: new Date(Date.parse(now.UpdatedDate) + 1000).toISOString() })).toBe(200);
    await w.waitForIdle();
    const so = await w.sage.client.orders.get(link.salesOrderNo!);
    expect(so).toMatchObject({ ShipToAddress1: '500 W 2ND ST', ShipToCity: 'AUSTIN', ShipToZipCode: '78701', OrderStatus: 'O' });

    const later = await w.clarityOrder(order.ID);
    expect(await w.postWebhook('order.updated', { ...later, ShippingContact: moved, Notes: 'Gate code 4512#', UpdatedDate: new Date(Date.parse(later.UpdatedDate) + 2000).toISOString() })).toBe(200);
    await w.waitForIdle();
    expect((await w.sage.client.orders.get(link.salesOrderNo!))!.Comment).toBe('Gate code 4512#');
    expect(await sageOrdersFor(order)).toHaveLength(1);
  });

  it('a write-back Clarity refuses is retried as a job of its own: the order job is done and the order is not created again', async () => {
    const faults = `${w.url}/sandbox/clarity/_admin/faults`;
    const put = await fetch(faults, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ routes: [{ match: 'PATCH *', errorRate: 1 }] }) });
    expect(put.status).toBe(200);
    const order = await w.placeOrder({ ...buyer(person(24)), StatusKey: 'Processing', Notes: null, PurchaseOrderNumber: null, ...line(sku('SAFE', 2), 1) });
    const created = await w.waitForLink(order.ID, (l) => l.state === 'created');
    await w.waitForLink(order.ID, async () => (await w.jobsFor(order.ID)).some((j) => j.kind === 'order.writeback' && j.state === 'retrying'));
    expect(created.writtenBackAt).toBeNull();
    // The order job ended when Sage had the order: the store's slow or failing PATCH does not hold the Sage write slot.
    expect((await w.jobsFor(order.ID)).filter((j) => j.kind === 'order.sync')).toEqual([{ kind: 'order.sync', state: 'succeeded' }]);
    await fetch(faults, { method: 'DELETE' });
    const done = await w.waitForLink(order.ID, (l) => !!l.writtenBackAt);
    expect(done.salesOrderNo).toBe(created.salesOrderNo);
    expect(await sageOrdersFor(order)).toHaveLength(1);
    const messages = (await w.timeline(order.ID)).map((e) => e.message);
    expect(messages.filter((m) => m.startsWith('sending the sales order'))).toHaveLength(1);
    expect(messages).toContainEqual(expect.stringMatching(/will retry/));
  });

  it('order.cancelled: the Sage order is put on hold as cancelled, and stays the only one', async () => {
    const { order, link } = await send({ ...buyer(person(24)), ...line(sku('SAFE', 1), 1) });
    await w.setStatus(order.ID, 'Void');
    const cancelled = await w.waitForLink(order.ID, (l) => l.state === 'cancelled');
    expect(cancelled).toMatchObject({ salesOrderNo: link.salesOrderNo, sageStatus: 'H' });
    expect(await w.sage.client.orders.get(link.salesOrderNo!)).toMatchObject({ OrderStatus: 'H', Comment: 'Cancelled in store' });
    expect(await sageOrdersFor(order)).toHaveLength(1);
  });

  it('order.updated before order.created: the update creates the order, the late create changes nothing', async () => {
    const { order } = await pastOrder(0);
    const t = Date.parse(order.UpdatedDate);
    await w.postWebhook('order.updated', { ...order, UpdatedDate: new Date(t + 60_000).toISOString() });
    const link = await w.waitForLink(order.ID, done);
    expect(link.state).toBe('created');
    await w.postWebhook('order.created', { ...order, UpdatedDate: new Date(t).toISOString() });
    await w.waitForIdle();
    expect(await sageOrdersFor(order)).toHaveLength(1);
    expect((await w.timeline(order.ID)).map((e) => e.message)).toContainEqual(expect.stringMatching(/older than the version already handled/));
    expect((await w.clarityOrder(order.ID)).SerializableAttributes.SageSalesOrderNo?.Value).toBe(link.salesOrderNo);
  });

  it('order.cancelled before order.created: nothing ever reaches Sage', async () => {
    const { order } = await pastOrder(1);
    const t = Date.parse(order.UpdatedDate);
    await w.postWebhook('order.cancelled', { ...order, StatusKey: 'Void', UpdatedDate: new Date(t + 60_000).toISOString() });
    await w.waitForLink(order.ID, (l) => l.state === 'cancelled');
    await w.postWebhook('order.created', { ...order, UpdatedDate: new Date(t).toISOString() });
    await w.waitForIdle();
    expect(await w.link(order.ID)).toMatchObject({ state: 'cancelled', salesOrderNo: null });
    expect(await sageOrdersFor(order)).toEqual([]);
  });

  it('the same webhook delivered again is taken once', async () => {
    const { order } = await pastOrder(2);
    const id = `msg_dup_${order.ID}`;
    expect(await w.postWebhook('order.created', order, id)).toBe(200);
    expect(await w.postWebhook('order.created', order, id)).toBe(200);
    await w.waitForLink(order.ID, done);
    await w.waitForIdle();
    expect(await sageOrdersFor(order)).toHaveLength(1);
  });
});

/**
 * An order already in the store that the app never heard of (the store's seeded history), made
 * into a plain open order of a known customer, so the test decides which events the app sees.
 */
async function pastOrder(n: number): Promise<{ order: SalesOrder }> {
  const res = await fetch(`${w.url}/sandbox/clarity/_admin/orders?storeId=${w.storeId}&pageSize=200`);
  const { Results } = await res.json() as { Results: SalesOrder[] };
  const unseen = [];
  for (const o of Results) if (!(await w.link(o.ID))) unseen.push(o);
  const base = unseen.sort((a, b) => a.ID - b.ID)[n];
  const b = buyer(person(24));
  const order: SalesOrder = {
    ...base, StatusKey: 'Processing', Notes: null, PurchaseOrderNumber: null, AccountID: b.AccountID ?? null, AccountKey: null,
    BillingContact: b.BillingContact as SalesOrder['BillingContact'], ShippingContact: b.ShippingContact as SalesOrder['ShippingContact'],
    SalesItems: [{ ...base.SalesItems[0], Sku: sku('TOOL', 0), ProductKey: sku('TOOL', 0), Quantity: 1, UnitSoldPrice: 20, ExtendedPrice: 20, ExtendedTaxAmount: 0 }],
    Totals: { SubTotal: 20, Shipping: 0, Handling: 0, Fees: 0, Discounts: 0, Tax: 0, Total: 20 },
    SalesOrderPayments: [],
  };
  return { order };
}
