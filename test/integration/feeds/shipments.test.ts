import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogItems } from '../../../server/sandbox/catalog/index';
import { listOrderEvents } from '../../../server/db/repos/order-events.repo';
import { getFeedState } from '../../../server/db/repos/feed-states.repo';
import { startFeedsHarness, STORE, type FeedsHarness } from './harness';

/**
 * Sage shipping entries and posted invoices → Clarity shipments, over real HTTP to both sandboxes.
 * Each shipment must exist once: polled twice, re-read after posting, or retried after Clarity
 * stored it but its answer never came back.
 */
const items = catalogItems().filter((i) => !i.inactive);
const plain = items.find((i) => i.sku === i.itemCode)!;
const aliased = items.find((i) => i.sku !== i.itemCode)!;
const other = items.filter((i) => i.sku === i.itemCode)[5];

let h: FeedsHarness;
beforeAll(async () => { h = await startFeedsHarness({ clarityTimeoutMs: 700, timeoutHoldMs: 1500 }); });
afterAll(async () => { await h.close(); });

const shipmentsOf = (orderId: number) => h.clarityAdmin<any[]>(`/shipments?storeId=${STORE}&orderId=${orderId}`);
const orderOf = async (orderId: number) => (await h.clarityAdmin<any>(`/orders/${orderId}?storeId=${STORE}`)).order;
const ship = async (body: Record<string, unknown>) => {
  const res = await h.sageCall('POST', '/_admin/ship', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('shipments feed', () => {
  it('creates one shipment per package once, however often it polls and after posting', async () => {
    const { orderId, salesOrderNo } = await h.placeLinkedOrder([
      { sku: plain.sku, itemCode: plain.itemCode, qty: 3 },
      { sku: aliased.sku, itemCode: aliased.itemCode, qty: 2 },
    ]);
    h.clock.advance(60_000);
    const invoice = await ship({ SalesOrderNo: salesOrderNo, packages: 3 });
    h.clock.advance(1000);

    const first = await h.poll('shipments');
    expect(first.ok, first.error).toBe(true);
    expect(first.counts).toMatchObject({ created: 3, failed: 0 });
    const sent = await shipmentsOf(orderId);
    expect(sent.map((s) => s.CustomKey).sort()).toEqual(['0001', '0002', '0003'].map((p) => `${invoice.InvoiceNo}-${p}`));
    const byKey = new Map(sent.map((s) => [s.CustomKey, s]));
    const lead = byKey.get(`${invoice.InvoiceNo}-0001`);
    // Sage does not say what is in which package: one unit in each later package, the rest in the
    // first; the alias the order was sold under, not Sage's item code.
    expect(lead.Lines).toEqual([{ Sku: plain.sku, Quantity: 3 }]);
    expect(byKey.get(`${invoice.InvoiceNo}-0002`).Lines).toEqual([{ Sku: aliased.sku, Quantity: 1 }]);
    expect(byKey.get(`${invoice.InvoiceNo}-0003`).Lines).toEqual([{ Sku: aliased.sku, Quantity: 1 }]);
    expect(new Set(sent.map((s) => s.TrackingNumber))).toEqual(new Set(invoice.Tracking.map((t: any) => t.TrackingID)));
    expect(lead).toMatchObject({ CarrierName: 'UPS', CarrierMethodName: 'Ground', TrackingNumber: invoice.Tracking[0].TrackingID, ShipDate: '2026-11-29T00:00:00Z' });
    expect((await orderOf(orderId)).StatusKey).toBe('Shipped');

    // Polled again (the overlap re-reads it) and much later: nothing new.
    const again = await h.poll('shipments');
    expect(again.counts.created).toBe(0);
    h.clock.advance(10 * 60_000);
    await h.poll('shipments');
    expect(await shipmentsOf(orderId)).toHaveLength(3);

    // Posted: the same invoice read from AR history makes no new shipment; the closed order completes.
    expect((await h.sageCall('POST', '/_admin/post', { InvoiceNo: invoice.InvoiceNo })).status).toBe(200);
    h.clock.advance(1000);
    const posted = await h.poll('posted-invoices');
    expect(posted.ok, posted.error).toBe(true);
    expect(posted.counts.created).toBe(0);
    expect(await shipmentsOf(orderId)).toHaveLength(3);
    expect((await orderOf(orderId)).StatusKey).toBe('Completed');
    const timeline = await listOrderEvents(h.database.db, STORE, String(orderId));
    expect(timeline.filter((e) => e.step === 'shipment' && /Shipment sent/.test(e.message))).toHaveLength(3);
  });

  it('ships part of an order, then the rest; the order is Shipped only after the rest', async () => {
    const { orderId, salesOrderNo } = await h.placeLinkedOrder([
      { sku: plain.sku, itemCode: plain.itemCode, qty: 4 },
      { sku: other.sku, itemCode: other.itemCode, qty: 1 },
    ]);
    h.clock.advance(60_000);
    const part = await ship({ SalesOrderNo: salesOrderNo, lines: [{ ItemCode: plain.itemCode, QuantityShipped: 2 }], packages: 1 });
    h.clock.advance(1000);
    expect((await h.poll('shipments')).counts.created).toBe(1);
    expect((await shipmentsOf(orderId)).map((s) => s.Lines)).toEqual([[{ Sku: plain.sku, Quantity: 2 }]]);
    expect((await orderOf(orderId)).StatusKey).toBe('Processing');

    h.clock.advance(60_000);
    const rest = await ship({ SalesOrderNo: salesOrderNo, packages: 1 });
    h.clock.advance(1000);
    expect((await h.poll('shipments')).counts.created).toBe(1);
    const all = await shipmentsOf(orderId);
    expect(all.map((s) => s.CustomKey).sort()).toEqual([`${part.InvoiceNo}-0001`, `${rest.InvoiceNo}-0001`].sort());
    const restShipment = all.find((s) => s.CustomKey === `${rest.InvoiceNo}-0001`);
    expect(restShipment.Lines.sort((a: any, b: any) => a.Sku.localeCompare(b.Sku))).toEqual(
      [{ Sku: plain.sku, Quantity: 2 }, { Sku: other.sku, Quantity: 1 }].sort((a, b) => a.Sku.localeCompare(b.Sku)));
    expect((await orderOf(orderId)).StatusKey).toBe('Shipped');
  });

  it('creates the shipment once when Clarity stored it but its answer timed out', async () => {
    const { orderId, salesOrderNo } = await h.placeLinkedOrder([{ sku: other.sku, itemCode: other.itemCode, qty: 2 }]);
    h.clock.advance(60_000);
    const invoice = await ship({ SalesOrderNo: salesOrderNo, packages: 1 });
    h.clock.advance(1000);
    const before = await getFeedState(h.database.db, { storeId: STORE, feed: 'shipments' });

    // Every answer to POST /shipments is lost after Clarity committed: the poll fails (unknown outcome).
    h.clarity.faults.set({ routes: [{ match: 'POST /shipments', timeoutAfterWriteRate: 1 }] });
    const lost = await h.poll('shipments');
    h.clarity.faults.reset();
    expect(lost.ok).toBe(false);
    expect(lost.error).toMatch(/UnknownOutcome/);
    expect(await shipmentsOf(orderId)).toHaveLength(1);
    const failed = await getFeedState(h.database.db, { storeId: STORE, feed: 'shipments' });
    expect(failed!.consecutiveFailures).toBe(1);
    expect(failed!.watermark).toBe(before!.watermark);

    // The next poll reads the invoice again; Clarity answers 409 with the stored shipment.
    h.clock.set(failed!.nextPollAt!);
    const retry = await h.poll('shipments');
    expect(retry.ok, retry.error).toBe(true);
    expect(retry.counts).toMatchObject({ created: 0, alreadyThere: 1 });
    const sent = await shipmentsOf(orderId);
    expect(sent.map((s) => s.CustomKey)).toEqual([`${invoice.InvoiceNo}-0001`]);
    expect(sent[0].Lines).toEqual([{ Sku: other.sku, Quantity: 2 }]);
    expect((await h.poll('shipments')).counts.created).toBe(0);
    expect(await shipmentsOf(orderId)).toHaveLength(1);
  });

  it('leaves invoices of orders that did not come from the store alone', async () => {
    h.clock.advance(60_000);
    const res = await h.sageCall('POST', '/SO/SalesOrder', {
      ARDivisionNo: '01', CustomerNo: 'TANAKA4', CustomerPONo: 'PHONE-1', ShipVia: 'UPS GROUND', TaxSchedule: 'WEB',
      Lines: [{ ItemCode: plain.itemCode, QuantityOrdered: 1, UnitPrice: 10 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await ship({ SalesOrderNo: res.body.SalesOrderNo, packages: 1 });
    h.clock.advance(1000);
    const r = await h.poll('shipments');
    expect(r.counts).toMatchObject({ created: 0, notOurs: 1 });
  });
});
