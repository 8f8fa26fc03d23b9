import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrderLink } from '../../../server/db/repos/order-links.repo';
import { listReconciliations } from '../../../server/db/repos/payment-reconciliations.repo';
import { catalogItems } from '../../../server/sandbox/catalog/index';
import { exportReconciliationCsv } from '../../../server/sync/feeds/reconcile-csv';
import { startFeedsHarness, STORE, type FeedsHarness } from './harness';

/**
 * Order status (hold, release, delete in Sage), items and prices (by field ownership) and the
 * payment reconciliation, each against both sandboxes over real HTTP.
 */
const items = catalogItems().filter((i) => !i.inactive);
const plain = items.filter((i) => i.sku === i.itemCode);
const aliased = items.find((i) => i.sku !== i.itemCode)!;

let h: FeedsHarness;
beforeAll(async () => { h = await startFeedsHarness(); });
afterAll(async () => { await h.close(); });

const orderOf = async (orderId: number) => (await h.clarityAdmin<any>(`/orders/${orderId}?storeId=${STORE}`)).order;
const product = async (sku: string) => (await h.deps.clarityFor(STORE))<any>(`/products/${encodeURIComponent(sku)}`);

describe('order status from Sage', () => {
  it('follows hold, release and delete in Sage, by the status map', async () => {
    await h.setFeedSettings({}, { status: { sageToClarity: { deleted: 'Void' } } });
    const { orderId, salesOrderNo } = await h.placeLinkedOrder([{ sku: plain[0].sku, itemCode: plain[0].itemCode, qty: 1 }]);
    h.clock.advance(60_000);
    expect((await h.sageCall('PATCH', `/SO/SalesOrder/${salesOrderNo}`, { OrderStatus: 'H' })).status).toBe(200);
    h.clock.advance(1000);
    const held = await h.poll('order-status');
    expect(held.ok, held.error).toBe(true);
    expect((await orderOf(orderId)).StatusKey).toBe('On Hold');
    expect((await getOrderLink(h.database.db, { storeId: STORE, clarityOrderId: String(orderId) }))!.sageStatus).toBe('H');

    // Seen again (the overlap): no second write.
    expect((await h.poll('order-status')).counts.updated).toBe(0);

    h.clock.advance(60_000);
    await h.sageCall('PATCH', `/SO/SalesOrder/${salesOrderNo}`, { OrderStatus: 'O' });
    h.clock.advance(1000);
    await h.poll('order-status');
    expect((await orderOf(orderId)).StatusKey).toBe('Processing');

    h.clock.advance(60_000);
    expect((await h.sageCall('POST', '/_admin/cancel', { SalesOrderNo: salesOrderNo })).status).toBe(200);
    h.clock.advance(1000);
    const gone = await h.poll('order-status');
    expect(gone.ok, gone.error).toBe(true);
    expect((await orderOf(orderId)).StatusKey).toBe('Void');
    expect((await getOrderLink(h.database.db, { storeId: STORE, clarityOrderId: String(orderId) }))!.sageStatus).toBe('X');
  });

  it('never moves a shipped order back when Sage releases a hold afterwards', async () => {
    const { orderId, salesOrderNo } = await h.placeLinkedOrder([{ sku: plain[1].sku, itemCode: plain[1].itemCode, qty: 2 }]);
    h.clock.advance(60_000);
    await h.sageCall('POST', '/_admin/ship', { SalesOrderNo: salesOrderNo, lines: [{ ItemCode: plain[1].itemCode, QuantityShipped: 1 }] });
    await h.clarity.updateOrderStatus(orderId, 'Shipped', { storeId: STORE });
    await h.sageCall('PATCH', `/SO/SalesOrder/${salesOrderNo}`, { OrderStatus: 'H' });
    h.clock.advance(1000);
    await h.poll('order-status');
    expect((await orderOf(orderId)).StatusKey).toBe('Shipped');
  });
});

describe('items and prices', () => {
  it('pushes description, price and inactive to the product, under the SKU the store sells', async () => {
    await h.setFeedSettings({ items: { description: 'sage' } });
    h.clock.advance(60_000);
    const first = await h.poll('items');
    expect(first.ok, first.error).toBe(true);
    // Only products whose names differ from Sage's descriptions are patched (every 11th is longer in the store).
    const longer = catalogItems().filter((_, i) => i % 11 === 5).length;
    expect(first.counts.patched).toBe(longer);

    h.clock.advance(60_000);
    await h.sageCall('PATCH', `/_admin/item/${encodeURIComponent(aliased.itemCode)}`, { StandardUnitPrice: 77.5, ItemCodeDesc: 'Renamed in Sage', InactiveItem: 'Y' });
    h.clock.advance(1000);
    const next = await h.poll('items');
    expect(next.counts.patched).toBe(1);
    // The store's catalog is walked whole on the first poll and daily after; in between, only its changes.
    expect([first.skuMap.full, next.skuMap.full]).toEqual([true, false]);
    expect(next.skuMap.products).toBeLessThan(first.skuMap.products);
    expect(await product(aliased.sku)).toMatchObject({ Sku: aliased.sku, PriceBase: 77.5, Name: 'Renamed in Sage', Active: false });
    await h.setFeedSettings({});
  });

  it('leaves fields the store owns alone', async () => {
    await h.setFeedSettings({ items: { price: 'clarity' } });
    const before = await product(plain[2].sku);
    h.clock.advance(60_000);
    await h.sageCall('PATCH', `/_admin/item/${encodeURIComponent(plain[2].itemCode)}`, { StandardUnitPrice: 1.23, ItemCodeDesc: 'Sage name', InactiveItem: 'Y' });
    h.clock.advance(1000);
    await h.poll('items');
    expect(await product(plain[2].sku)).toMatchObject({ PriceBase: before.PriceBase, Name: before.Name, Active: false });
    await h.setFeedSettings({});
  });
});

describe('payment reconciliation', () => {
  it('finds matched, missing and differing payments, from open orders and from posted invoices, and exports CSV', async () => {
    const matched = await h.placeLinkedOrder([{ sku: plain[3].sku, itemCode: plain[3].itemCode, qty: 1 }], { deposit: 'paid' });
    const missing = await h.placeLinkedOrder([{ sku: plain[4].sku, itemCode: plain[4].itemCode, qty: 1 }]);
    const differs = await h.placeLinkedOrder([{ sku: plain[5].sku, itemCode: plain[5].itemCode, qty: 1 }], { deposit: 1 });
    // Shipped in full and posted: the deposit now sits on the invoice, which the shipment feeds
    // recorded (priced so the invoice can take the whole deposit).
    const invoiced = await h.placeLinkedOrder([{ sku: plain[6].sku, itemCode: plain[6].itemCode, qty: 1 }], { deposit: 'paid', unitPrice: 500 });
    h.clock.advance(60_000);
    await h.sageCall('POST', '/_admin/ship', { SalesOrderNo: invoiced.salesOrderNo });
    await h.sageCall('POST', '/_admin/post', {});
    h.clock.advance(1000);
    await h.poll('shipments');
    await h.poll('posted-invoices');

    const run = await h.poll('payments');
    expect(run.ok, run.error).toBe(true);
    const rows = new Map((await listReconciliations(h.database.db, STORE)).map((r) => [r.clarityOrderId, r]));
    expect(rows.get(String(matched.orderId))).toMatchObject({ status: 'matched', clarityAmount: matched.paid, sageAmount: matched.paid });
    expect(rows.get(String(missing.orderId))).toMatchObject({ status: 'missing', sageAmount: 0 });
    expect(rows.get(String(differs.orderId))).toMatchObject({ status: 'amount_differs', clarityAmount: differs.paid, sageAmount: 1 });
    expect(rows.get(String(invoiced.orderId))).toMatchObject({ status: 'matched', sageAmount: invoiced.paid });
    expect((rows.get(String(invoiced.orderId))!.detail as { source: string }).source).toBe('invoices');

    const csv = await exportReconciliationCsv(h.database.db, STORE, { status: 'amount_differs' });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('clarity_order_id,sales_order_no,status,clarity_amount,sage_amount,difference,checked_at,invoices,missing_transactions,run_id');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6))).toContainEqual([
      String(differs.orderId), differs.salesOrderNo, 'amount_differs', differs.paid.toFixed(2), '1.00', (differs.paid - 1).toFixed(2),
    ]);
    // The next run is the next scheduled time (02:30 by default), not minutes away.
    const next = new Date(run.nextPollAt);
    expect([next.getHours(), next.getMinutes()]).toEqual([2, 30]);
  });
});
