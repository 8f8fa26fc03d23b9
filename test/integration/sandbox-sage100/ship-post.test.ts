import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, webOrder, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const A = 'SAFE-0104-BRS';
const B = 'JANI-0105-GRY';
const iw = async (item: string) => (await h.call('GET', `/IM/ItemWarehouse?ItemCode=${item}&WarehouseCode=000`)).body.Results[0];
const cust = async () => (await h.call('GET', '/AR/Customer/01-TANAKA4')).body;
let po = 0;
const place = async (over: Record<string, unknown> = {}) => {
  const res = await h.call('POST', '/SO/SalesOrder', webOrder({ CustomerPONo: `SHIP-${++po}`, ...over }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('ship, partially and in full, then post', () => {
  it('runs an order through partial shipment, full shipment and posting with every quantity and amount in step', async () => {
    const stockA = await iw(A);
    const stockB = await iw(B);
    const before = await cust();
    const order = await place({
      FreightAmt: 10, TaxSchedule: 'WEB',
      Lines: [{ ItemCode: A, QuantityOrdered: 5, UnitPrice: 20 }, { ItemCode: B, QuantityOrdered: 2, UnitPrice: 15 }],
      Payments: [{ PaymentType: 'VISA', TransactionAmt: 50, CreditCardAuthorizationNo: 'AUTH01', CreditCardTransactionID: 'ch_3Nabc', Last4UnencryptedCreditCardNos: '4242' }],
    });
    const orderTotal = 130 + 10 + order.SalesTaxAmt;
    expect((await cust()).OpenOrderAmt).toBeCloseTo(before.OpenOrderAmt + orderTotal, 2);

    // Partial: 2 of A in three packages.
    h.clock.advance(3_600_000);
    const first = await h.call('POST', '/_admin/ship', { SalesOrderNo: order.SalesOrderNo, lines: [{ ItemCode: A, QuantityShipped: 2 }], packages: 3 });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      SalesOrderNo: order.SalesOrderNo, CustomerPONo: order.CustomerPONo, ShipVia: 'UPS GROUND', ShipDate: '20261129',
      FreightAmt: 10, TaxableSalesAmt: 40, SalesTaxAmt: 3.3, DepositAmt: 50,
    });
    expect(first.body.InvoiceNo).toMatch(/^\d{7}$/);
    expect(first.body.Tracking.map((t: any) => t.PackageNo)).toEqual(['0001', '0002', '0003']);
    for (const t of first.body.Tracking) {
      expect(t.TrackingID).toMatch(/^1Z[0-9A-Z]{16}$/);
      expect(t.StarshipShipVia).toBe('UPS Ground');
    }
    expect(new Set(first.body.Tracking.map((t: any) => t.TrackingID)).size).toBe(3);
    expect(first.body.Lines).toEqual([expect.objectContaining({ ItemCode: A, QuantityOrdered: 5, QuantityShipped: 2, QuantityBackordered: 3 })]);

    const open = (await h.call('GET', `/SO/SalesOrder/${order.SalesOrderNo}`)).body;
    expect(open.OrderStatus).toBe('O');
    expect(open.Lines.map((l: any) => [l.ItemCode, l.QuantityShipped, l.QuantityBackordered])).toEqual([[A, 2, 3], [B, 0, 2]]);
    const unposted = await h.call('GET', '/SO/Invoice?changedSince=2026-11-29T16:00:00Z');
    expect(unposted.body.Results.map((i: any) => i.InvoiceNo)).toEqual([first.body.InvoiceNo]);
    // Shipping does not touch on-hand: that happens when the invoice is posted.
    expect((await iw(A)).QuantityOnHand).toBe(stockA.QuantityOnHand);

    // The rest ships: the order leaves the open-order file; history still shows it.
    const second = await h.call('POST', '/_admin/ship', { SalesOrderNo: order.SalesOrderNo });
    expect(second.body.Lines.map((l: any) => [l.ItemCode, l.QuantityShipped, l.QuantityBackordered])).toEqual([[A, 3, 0], [B, 2, 0]]);
    expect(second.body.FreightAmt).toBe(0);
    const gone = await h.call('GET', `/SO/SalesOrder/${order.SalesOrderNo}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('CI_NoKey');
    expect((await h.call('GET', `/SO/SalesOrderHistory/${order.SalesOrderNo}`)).body).toMatchObject({ OrderStatus: 'A', LastInvoiceNo: second.body.InvoiceNo });

    // Posting: on hand and on sales order fall, history completes, the money moves to the balance.
    const posted = await h.call('POST', '/_admin/post', {});
    expect(posted.body.posted).toEqual([first.body.InvoiceNo, second.body.InvoiceNo]);
    expect(await iw(A)).toMatchObject({ QuantityOnHand: stockA.QuantityOnHand - 5, QuantityOnSalesOrder: stockA.QuantityOnSalesOrder });
    expect(await iw(B)).toMatchObject({ QuantityOnHand: stockB.QuantityOnHand - 2, QuantityOnSalesOrder: stockB.QuantityOnSalesOrder });
    expect((await h.call('GET', `/SO/SalesOrderHistory/${order.SalesOrderNo}`)).body.OrderStatus).toBe('C');
    const after = await cust();
    expect(after.OpenOrderAmt).toBeCloseTo(before.OpenOrderAmt, 2);
    expect(after.CurrentBalance).toBeCloseTo(before.CurrentBalance + orderTotal - 50, 2);

    const history = await h.call('GET', '/AR/InvoiceHistory?changedSince=2026-11-29T16:00:00Z');
    expect(history.body.Results.map((i: any) => [i.InvoiceNo, i.HeaderSeqNo, i.Tracking.length])).toEqual([
      [first.body.InvoiceNo, '000000', 3], [second.body.InvoiceNo, '000000', 1],
    ]);
    expect(history.body.Results[0]).toMatchObject({ SalesOrderNo: order.SalesOrderNo, InvoiceTotal: 53.3, Balance: 3.3, PostedDate: '20261129' });
    expect((await h.call('GET', '/SO/Invoice')).body.Results).toEqual([]);
  });

  it('posts one invoice by number and leaves the others', async () => {
    const a = await place();
    const b = await place();
    const ia = (await h.call('POST', '/_admin/ship', { SalesOrderNo: a.SalesOrderNo })).body.InvoiceNo;
    const ib = (await h.call('POST', '/_admin/ship', { SalesOrderNo: b.SalesOrderNo })).body.InvoiceNo;
    expect((await h.call('POST', '/_admin/post', { InvoiceNo: ib })).body.posted).toEqual([ib]);
    expect((await h.call('GET', '/SO/Invoice')).body.Results.map((i: any) => i.InvoiceNo)).toEqual([ia]);
    expect((await h.call('POST', '/_admin/post', { InvoiceNo: 'NOPE' })).status).toBe(404);
  });
});

describe('shipping rules', () => {
  it('refuses shipping more than is left, an order on hold, and an order not open', async () => {
    const o = await place({ Lines: [{ ItemCode: A, QuantityOrdered: 2 }] });
    expect((await h.call('POST', '/_admin/ship', { SalesOrderNo: o.SalesOrderNo, lines: [{ ItemCode: A, QuantityShipped: 3 }] })).body.error)
      .toMatchObject({ code: 'CI_Invalid', field: 'QuantityShipped' });
    await h.call('PATCH', `/SO/SalesOrder/${o.SalesOrderNo}`, { OrderStatus: 'H' });
    expect((await h.call('POST', '/_admin/ship', { SalesOrderNo: o.SalesOrderNo })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'OrderStatus' });
    expect((await h.call('POST', '/_admin/ship', { SalesOrderNo: '9999999' })).status).toBe(404);
  });

  it('makes tracking numbers the carrier would: FedEx 12 digits, USPS 22 digits, none for will call', async () => {
    const fedex = await place({ ShipVia: 'FEDEX GRND' });
    const usps = await place({ ShipVia: 'USPS PRI' });
    const pickup = await place({ ShipVia: 'WILL CALL' });
    const track = async (no: string) => (await h.call('POST', '/_admin/ship', { SalesOrderNo: no })).body.Tracking;
    expect((await track(fedex.SalesOrderNo))[0].TrackingID).toMatch(/^\d{12}$/);
    expect((await track(usps.SalesOrderNo))[0].TrackingID).toMatch(/^9405\d{18}$/);
    expect(await track(pickup.SalesOrderNo)).toEqual([]);
  });

  it('makes longer invoice numbers when the company is set up for them', async () => {
    await h.call('PUT', '/_admin/settings', { invoiceNoLength: 10 });
    const o = await place();
    const inv = (await h.call('POST', '/_admin/ship', { SalesOrderNo: o.SalesOrderNo })).body;
    expect(inv.InvoiceNo).toMatch(/^\d{10}$/);
    await h.call('PUT', '/_admin/settings', { invoiceNoLength: 7 });
    expect((await h.call('PUT', '/_admin/settings', { invoiceNoLength: 21 })).status).toBe(400);
  });

  it('cancelling an open order releases its stock and open amount and leaves history X', async () => {
    const before = await iw(A);
    const openBefore = (await cust()).OpenOrderAmt;
    const o = await place({ Lines: [{ ItemCode: A, QuantityOrdered: 4 }] });
    expect((await iw(A)).QuantityOnSalesOrder).toBe(before.QuantityOnSalesOrder + 4);
    expect((await h.call('POST', '/_admin/cancel', { SalesOrderNo: o.SalesOrderNo })).body).toEqual({ SalesOrderNo: o.SalesOrderNo, OrderStatus: 'X' });
    expect((await iw(A)).QuantityOnSalesOrder).toBe(before.QuantityOnSalesOrder);
    expect((await cust()).OpenOrderAmt).toBeCloseTo(openBefore, 2);
    expect((await h.call('GET', `/SO/SalesOrder/${o.SalesOrderNo}`)).status).toBe(404);
    expect((await h.call('GET', `/SO/SalesOrderHistory/${o.SalesOrderNo}`)).body.OrderStatus).toBe('X');
  });
});
