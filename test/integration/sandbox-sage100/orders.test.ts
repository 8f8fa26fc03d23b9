import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, webOrder, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

let po = 0;
const nextPo = () => `T-${++po}`;
const order = (over: Record<string, unknown> = {}) => h.call('POST', '/SO/SalesOrder', webOrder({ CustomerPONo: nextPo(), ...over }));
const stock = async (item: string, wh = '000') =>
  (await h.call('GET', `/IM/ItemWarehouse?ItemCode=${item}&WarehouseCode=${wh}`)).body.Results[0];
const customer = async (key: string) => (await h.call('GET', `/AR/Customer/${key}`)).body;

/** A customer of our own, so credit tests do not depend on the seed's balances. */
async function makeCustomer(over: Record<string, unknown>) {
  const res = await h.call('POST', '/AR/Customer', { ARDivisionNo: '01', CustomerName: 'Credit Test', ZipCode: '78703', ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ARDivisionNo: res.body.ARDivisionNo as string, CustomerNo: res.body.CustomerNo as string };
}

describe('creating a sales order', () => {
  it('numbers orders from Sage next number, 7 digits zero-padded, one after another', async () => {
    const a = await order();
    const b = await order();
    expect(a.status).toBe(201);
    expect(a.body.SalesOrderNo).toMatch(/^\d{7}$/);
    expect(Number(b.body.SalesOrderNo)).toBe(Number(a.body.SalesOrderNo) + 1);
    expect(a.body.Lines[0].LineKey).toBe('000001');
  });

  it('computes SalesTaxAmt from the tax schedule and ignores a written one with a Warning', async () => {
    const res = await order({
      SalesTaxAmt: 999,
      Lines: [{ ItemCode: 'FAST-0100-BLK', QuantityOrdered: 2, UnitPrice: 50 }, { ItemCode: '/FREIGHT', ItemType: 3, UnitPrice: 7 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ TaxableAmt: 100, NonTaxableAmt: 7, SalesTaxAmt: 8.25 });
    expect(res.body.Warnings).toEqual([expect.stringMatching(/SalesTaxAmt is calculated by Sage/)]);
    const exempt = await order({ TaxSchedule: 'NONTAX', Lines: [{ ItemCode: 'FAST-0100-BLK', QuantityOrdered: 2, UnitPrice: 50 }] });
    expect(exempt.body.SalesTaxAmt).toBe(0);
  });

  it('raises QuantityOnSalesOrder per item-warehouse and the customer OpenOrderAmt; on hand stays', async () => {
    const before = await stock('ELEC-0102-SS', 'EST').catch(() => undefined);
    const beforeMain = await stock('TOOL-0103-ZN');
    const cust = await customer('01-TANAKA4');
    const res = await order({
      FreightAmt: 10, TaxSchedule: 'NONTAX',
      Lines: [{ ItemCode: 'TOOL-0103-ZN', QuantityOrdered: 4, UnitPrice: 5 }, { ItemCode: 'ELEC-0102-SS', QuantityOrdered: 3, UnitPrice: 10, WarehouseCode: 'EST' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const afterMain = await stock('TOOL-0103-ZN');
    expect(afterMain.QuantityOnSalesOrder).toBe(beforeMain.QuantityOnSalesOrder + 4);
    expect(afterMain.QuantityOnHand).toBe(beforeMain.QuantityOnHand);
    // Sage creates the item-warehouse record when an order first uses the warehouse.
    expect((await stock('ELEC-0102-SS', 'EST')).QuantityOnSalesOrder).toBe((before?.QuantityOnSalesOrder ?? 0) + 3);
    expect((await customer('01-TANAKA4')).OpenOrderAmt).toBeCloseTo(cust.OpenOrderAmt + 60, 2);
  });

  it('does not commit stock for a quote', async () => {
    const before = await stock('TOOL-0103-ZN');
    const res = await order({ OrderType: 'Q', Lines: [{ ItemCode: 'TOOL-0103-ZN', QuantityOrdered: 9 }] });
    expect(res.status).toBe(201);
    expect((await stock('TOOL-0103-ZN')).QuantityOnSalesOrder).toBe(before.QuantityOnSalesOrder);
    expect((await h.call('GET', `/SO/SalesOrderHistory/${res.body.SalesOrderNo}`)).body.OrderStatus).toBe('Q');
  });

  it('defaults Bill-To and Ship-To from the customer, and prices and descriptions from the item', async () => {
    const res = await h.call('POST', '/SO/SalesOrder', { ARDivisionNo: '1', CustomerNo: 'tanaka4', CustomerPONo: nextPo(), Lines: [{ ItemCode: 'fast-0100-blk', QuantityOrdered: 1 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const cust = await customer('01-TANAKA4');
    const item = (await h.call('GET', '/CI/Item/FAST-0100-BLK')).body;
    expect(res.body).toMatchObject({ ARDivisionNo: '01', CustomerNo: 'TANAKA4', ShipToName: cust.CustomerName, BillToZipCode: cust.ZipCode, ShipVia: cust.ShipMethod });
    expect(res.body.Lines[0]).toMatchObject({ ItemCode: 'FAST-0100-BLK', UnitPrice: item.StandardUnitPrice, ItemCodeDesc: item.ItemCodeDesc });
  });

  it('reports fields Sage does not have as Warnings and stores UDFs', async () => {
    const res = await order({ ShipToPhone: '555', UDF_CLARITY_ORDER: 'ord_123' });
    expect(res.status).toBe(201);
    expect(res.body.Warnings).toEqual([expect.stringMatching(/^ShipToPhone is not a field/)]);
    expect((await h.call('GET', `/SO/SalesOrder/${res.body.SalesOrderNo}`)).body.UDF_CLARITY_ORDER).toBe('ord_123');
  });

  it('takes a SalesOrderNo the caller gives, padded, and refuses one already used', async () => {
    const res = await order({ SalesOrderNo: '777' });
    expect(res.body.SalesOrderNo).toBe('0000777');
    const again = await order({ SalesOrderNo: '0000777' });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'CI_Invalid', field: 'SalesOrderNo' });
  });
});

describe("Sage's refusals", () => {
  it('an unknown item: 422 CI_NOF on ItemCode, naming the line', async () => {
    const res = await order({ Lines: [{ ItemCode: 'FAST-0100-BLK', QuantityOrdered: 1 }, { ItemCode: 'NO-SUCH-ITEM', QuantityOrdered: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CI_NOF', field: 'ItemCode' });
    expect(res.body.error.message).toMatch(/^Line 2: item NO-SUCH-ITEM/);
  });

  it('a store SKU that is only an alias is not an item code; the alias lookup finds the item', async () => {
    const refused = await order({ Lines: [{ ItemCode: 'WEB-FA1003', QuantityOrdered: 1 }] });
    expect(refused.body.error).toMatchObject({ code: 'CI_NOF', field: 'ItemCode' });
    const alias = await h.call('GET', '/IM/AliasItem?AliasItemNo=WEB-FA1003');
    expect(alias.body).toEqual([{ ItemCode: 'FAST-0115-LG', AliasItemNo: 'WEB-FA1003', Type: 'G' }]);
    expect((await h.call('GET', '/IM/AliasItem?AliasItemNo=NOPE')).body).toEqual([]);
    expect((await order({ Lines: [{ ItemCode: alias.body[0].ItemCode, QuantityOrdered: 1 }] })).status).toBe(201);
  });

  it('an inactive item: 422 IM_Inactive', async () => {
    const res = await order({ Lines: [{ ItemCode: 'FAST-0185-SS', QuantityOrdered: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'IM_Inactive', field: 'ItemCode' });
  });

  it('a ZIP code not in the ZIP table: 422 CI_Invalid on ShipToZipCode / BillToZipCode; ZIP+4 of a known ZIP is fine', async () => {
    const ship = await order({ ShipToZipCode: '59001' });
    expect(ship.body.error).toMatchObject({ code: 'CI_Invalid', field: 'ShipToZipCode' });
    const bill = await order({ BillToZipCode: '82001' });
    expect(bill.body.error).toMatchObject({ code: 'CI_Invalid', field: 'BillToZipCode' });
    expect((await order({ ShipToZipCode: '78703-1234' })).status).toBe(201);
    // Once the ZIP is added to Sage's table, the same order goes in.
    expect((await h.call('POST', '/SY/ZipCode', { ZipCode: '59001', City: 'Billings', State: 'MT' })).status).toBe(201);
    expect((await h.call('GET', '/SY/ZipCode/59001')).body).toMatchObject({ ZipCode: '59001', City: 'BILLINGS', State: 'MT', CountryCode: 'USA' });
    expect((await order({ ShipToZipCode: '59001' })).status).toBe(201);
  });

  it('a customer not on file, an unknown ship via, a bad order status', async () => {
    expect((await order({ CustomerNo: 'NOBODY' })).body.error).toMatchObject({ code: 'CI_NOF', field: 'CustomerNo' });
    expect((await order({ ShipVia: 'PONY EXPRESS' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'ShipVia' });
    expect((await order({ OrderStatus: 'C' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'OrderStatus' });
    expect((await order({ Lines: [] })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'Lines' });
    expect((await order({ Lines: [{ ItemCode: 'FAST-0100-BLK', QuantityOrdered: 0 }] })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'QuantityOrdered' });
  });

  it('credit hold: 422 SO_CreditHold, but an order entered on hold (H) is accepted', async () => {
    const c = await makeCustomer({ CreditHold: 'Y' });
    const refused = await order({ ...c, ShipToZipCode: '78703' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'SO_CreditHold', field: 'CustomerNo' });
    const held = await order({ ...c, OrderStatus: 'H' });
    expect(held.status).toBe(201);
    expect(held.body.OrderStatus).toBe('H');
  });

  it('credit limit: balance + open orders + this order over the limit → 422 SO_CreditLimit; H accepted; 0 means no limit', async () => {
    const c = await makeCustomer({ CreditLimit: 500, TaxSchedule: 'NONTAX' });
    await h.call('PATCH', `/_admin/customer/${c.ARDivisionNo}-${c.CustomerNo}`, { CurrentBalance: 300 });
    const line = (price: number) => [{ ItemCode: 'FAST-0100-BLK', QuantityOrdered: 1, UnitPrice: price }];
    expect((await order({ ...c, TaxSchedule: 'NONTAX', FreightAmt: 0, Lines: line(150) })).status).toBe(201); // 300 + 0 + 150 = 450
    const over = await order({ ...c, TaxSchedule: 'NONTAX', FreightAmt: 0, Lines: line(60) }); // 300 + 150 + 60 = 510
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'SO_CreditLimit', field: 'CustomerNo' });
    expect((await order({ ...c, TaxSchedule: 'NONTAX', FreightAmt: 0, Lines: line(50) })).status).toBe(201); // exactly 500 is within
    expect((await order({ ...c, TaxSchedule: 'NONTAX', FreightAmt: 0, OrderStatus: 'H', Lines: line(5000) })).status).toBe(201);
    const unlimited = await makeCustomer({ CreditLimit: 0 });
    expect((await order({ ...unlimited, Lines: line(1_000_000) })).status).toBe(201);
  });
});

describe('duplicates', () => {
  it('a duplicate CustomerPONo is only a Warning, and the indexed duplicate check finds both orders', async () => {
    const first = await order({ CustomerPONo: 'DUP-1' });
    const second = await order({ CustomerPONo: 'DUP-1' });
    expect(second.status).toBe(201);
    expect(second.body.Warnings).toEqual([`Customer PO number DUP-1 already exists on sales order ${first.body.SalesOrderNo}`]);
    const check = await h.call('GET', '/SO/SalesOrder?ARDivisionNo=01&CustomerNo=TANAKA4&CustomerPONo=DUP-1');
    expect(check.body.map((o: any) => o.SalesOrderNo)).toEqual([first.body.SalesOrderNo, second.body.SalesOrderNo]);
    expect(check.body[0]).toMatchObject({ CustomerPONo: 'DUP-1', InOpenFile: true, OrderStatus: 'N', HistoryStatus: 'A' });
    expect((await h.call('GET', '/SO/SalesOrder?ARDivisionNo=01&CustomerNo=TANAKA4&CustomerPONo=NEVER')).body).toEqual([]);
  });

  it('the duplicate check still finds an order that shipped and left the open-order file', async () => {
    const o = await order({ CustomerPONo: 'GONE-1' });
    expect((await h.call('POST', '/_admin/ship', { SalesOrderNo: o.body.SalesOrderNo })).status).toBe(201);
    expect((await h.call('GET', `/SO/SalesOrder/${o.body.SalesOrderNo}`)).status).toBe(404);
    const check = await h.call('GET', '/SO/SalesOrder?ARDivisionNo=01&CustomerNo=TANAKA4&CustomerPONo=GONE-1');
    expect(check.body).toEqual([expect.objectContaining({ SalesOrderNo: o.body.SalesOrderNo, InOpenFile: false, OrderStatus: null, HistoryStatus: 'A' })]);
  });
});

describe('PATCH and record locks', () => {
  it('holds and releases an order, changes Comment and Ship-To, restamping it', async () => {
    const o = await order();
    h.clock.advance(90 * 60_000);
    const held = await h.call('PATCH', `/SO/SalesOrder/${o.body.SalesOrderNo}`, { OrderStatus: 'H', Comment: 'Check address', ShipToAddress2: 'Dock 4' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ OrderStatus: 'H', Comment: 'Check address', ShipToAddress2: 'Dock 4', TimeUpdated: '16.50000' });
    const released = await h.call('PATCH', `/SO/SalesOrder/${o.body.SalesOrderNo}`, { OrderStatus: 'O' });
    expect(released.body.OrderStatus).toBe('O');
    expect((await h.call('PATCH', `/SO/SalesOrder/${o.body.SalesOrderNo}`, { OrderStatus: 'C' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'OrderStatus' });
    expect((await h.call('PATCH', `/SO/SalesOrder/${o.body.SalesOrderNo}`, { ShipToZipCode: '82001' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'ShipToZipCode' });
    expect((await h.call('PATCH', '/SO/SalesOrder/9999999', { Comment: 'x' })).body.error.code).toBe('CI_NoKey');
  });

  it('a locked order: 409 RecordInUse until the lock expires on the clock', async () => {
    const o = await order();
    const lock = await h.call('POST', '/_admin/lock', { table: 'SO_SalesOrder', key: o.body.SalesOrderNo, ms: 5000 });
    expect(lock.status).toBe(201);
    const busy = await h.call('PATCH', `/SO/SalesOrder/${o.body.SalesOrderNo}`, { Comment: 'try' });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('RecordInUse');
    expect((await h.call('POST', '/_admin/ship', { SalesOrderNo: o.body.SalesOrderNo })).status).toBe(409);
    h.clock.advance(5000);
    expect((await h.call('PATCH', `/SO/SalesOrder/${o.body.SalesOrderNo}`, { Comment: 'try' })).status).toBe(200);
  });

  it('a locked customer: new orders for it get 409 until the lock is released', async () => {
    await h.call('POST', '/_admin/lock', { table: 'customer', key: '1-tanaka4', ms: 60_000 });
    expect((await order()).status).toBe(409);
    expect((await h.call('GET', '/_admin/lock')).body).toEqual([expect.objectContaining({ table: 'AR_Customer', key: '01-TANAKA4' })]);
    expect((await h.call('DELETE', '/_admin/lock', { table: 'customer', key: '01-TANAKA4' })).body).toEqual({ released: 1 });
    expect((await order()).status).toBe(201);
  });
});
