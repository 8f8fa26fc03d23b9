import { describe, expect, it } from 'vitest';
import { defaultMappingConfig, validateMappingConfig, type MappingConfigInput } from '../../../server/mapping/config';
import { buildSalesOrder, type BuildContext } from '../../../server/mapping/sales-order';
import { contractOrderJson, order } from './fixtures';

const ACME: BuildContext['customer'] = { ARDivisionNo: '01', CustomerNo: 'ACME' };
const ctx = (over: Partial<BuildContext> = {}): BuildContext => ({
  customer: ACME,
  items: { 'WID-100-BLK': { itemCode: 'WID-100-BLK', source: 'same' } },
  today: '20261129',
  ...over,
});
const cfg = (raw: MappingConfigInput = {}) => {
  const r = validateMappingConfig(raw);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.config;
};
const itemLines = (lines: Array<{ ItemType: number }>) => lines.filter((l) => l.ItemType === 1 || l.ItemType === 5);

describe('buildSalesOrder: the contract order', () => {
  it('becomes exactly this sales order, with no warning and no hold', () => {
    const r = buildSalesOrder(order(contractOrderJson()), ctx(), defaultMappingConfig);
    expect(r.holds).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.salesOrder).toEqual({
      ARDivisionNo: '01', CustomerNo: 'ACME', OrderDate: '20261129', OrderType: 'S', OrderStatus: 'O', CustomerPONo: 'WEB-100234',
      BillToName: 'Acme Supply', BillToAddress1: '1200 N LAMAR BLVD', BillToAddress2: 'STE 400', BillToCity: 'AUSTIN', BillToState: 'TX', BillToZipCode: '78703', BillToCountryCode: 'USA',
      ShipToName: 'Acme Supply', ShipToAddress1: '1200 N LAMAR BLVD', ShipToAddress2: 'STE 400', ShipToCity: 'AUSTIN', ShipToState: 'TX', ShipToZipCode: '78703', ShipToCountryCode: 'USA',
      ShipVia: 'UPS GROUND', FreightAmt: 9.95, Comment: 'Leave at dock 3', EmailAddress: 'dana@acme.example', WarehouseCode: '000',
      PaymentType: 'VISA', DepositAmt: 64.08,
      Lines: [
        { ItemType: 4, ItemCode: '/C', CommentText: 'Customer PO: PO-5512' },
        { ItemType: 1, ItemCode: 'WID-100-BLK', QuantityOrdered: 4, UnitPrice: 12.5, WarehouseCode: '000' },
      ],
      Payments: [{ PaymentType: 'VISA', PaymentTypeCategory: 'D', TransactionAmt: 64.08, CreditCardAuthorizationNo: 'A1B2C3', CreditCardTransactionID: 'pi_3Q8xYz', Last4UnencryptedCreditCardNos: '4242' }],
    });
    expect(r.totals).toEqual({
      basis: 'before-tax', clarityCents: 5995, sageCents: 5995, clarityTaxCents: 413,
      parts: { itemsCents: 5000, freightCents: 995, chargesCents: 0, discountCents: 0, taxLineCents: 0 },
    });
  });

  it("stamps the configured tax schedule, or the customer's, and the customer's terms", () => {
    expect(buildSalesOrder(order(contractOrderJson()), ctx({ customer: { ...ACME, TaxSchedule: 'TX', TermsCode: '00' } }), defaultMappingConfig).salesOrder)
      .toMatchObject({ TaxSchedule: 'TX', TermsCode: '00' });
    expect(buildSalesOrder(order(contractOrderJson()), ctx({ customer: { ...ACME, TaxSchedule: 'TX' } }), cfg({ tax: { mode: 'sage-schedule', taxSchedule: 'web' } })).salesOrder.TaxSchedule).toBe('WEB');
  });
});

describe('buildSalesOrder: messy real orders', () => {
  it('a guest with only a shipping contact, a lower-case state and a ZIP+4 without a dash', () => {
    const j = contractOrderJson();
    delete j.AccountID; delete j.AccountKey; delete j.PurchaseOrderNumber;
    j.BillingContact = { Email1: '' };
    j.ShippingContact = { FirstName: 'José', LastName: 'García', Email1: 'jose@example.com', Address: { Street1: '55 west 34th street apt 4b', City: 'new york', RegionCode: 'new york', PostalCode: '100011234' } };
    const r = buildSalesOrder(order(j), ctx({ customer: { ARDivisionNo: '01', CustomerNo: 'WEBGUEST' } }), defaultMappingConfig);
    expect(r.holds).toEqual([]);
    expect(r.salesOrder).toMatchObject({
      CustomerNo: 'WEBGUEST', EmailAddress: 'jose@example.com',
      ShipToName: 'José García', ShipToAddress1: '55 W 34TH ST APT 4B', ShipToCity: 'NEW YORK', ShipToState: 'NY', ShipToZipCode: '10001-1234',
      BillToName: 'José García', BillToAddress1: '55 W 34TH ST APT 4B',
    });
  });

  it('an alias SKU goes out as the Sage item it stands for', () => {
    const j = contractOrderJson();
    j.SalesItems[0].Sku = 'WEB-FA1003';
    const r = buildSalesOrder(order(j), ctx({ items: { 'WEB-FA1003': { itemCode: 'FAST-0115-SS', source: 'alias' } } }), defaultMappingConfig);
    expect(itemLines(r.salesOrder.Lines)).toEqual([{ ItemType: 1, ItemCode: 'FAST-0115-SS', QuantityOrdered: 4, UnitPrice: 12.5, WarehouseCode: '000' }]);
    expect(r.holds).toEqual([]);
  });

  it('an unknown SKU is held by default, naming the SKU, with no second hold for the total', () => {
    const j = contractOrderJson();
    j.SalesItems.push({ Sku: 'NOPE-1', Name: 'Mystery part', Quantity: 1, UnitSoldPrice: 5, ExtendedPrice: 5 });
    j.Totals.SubTotal = 55; j.Totals.Total = 69.08;
    const r = buildSalesOrder(order(j), ctx(), defaultMappingConfig);
    expect(r.holds).toEqual([{
      code: 'unknown-sku', field: 'SalesItems[1].Sku',
      message: 'SKU NOPE-1 (Mystery part) on line 2 is not a Sage item, an alias in Sage, or in the item map.',
      fix: 'Add SKU NOPE-1 to the item map, or make it an alias of an item in Sage, or set unknown SKUs to go on a miscellaneous line; then retry.',
    }]);
  });

  it('an unknown SKU goes on a miscellaneous line when the policy says so, and the total still matches', () => {
    const j = contractOrderJson();
    j.SalesItems.push({ Sku: 'NOPE-1', Name: 'Mystery part for the left-handed widget', Quantity: 2, UnitSoldPrice: '2.50' });
    j.Totals.SubTotal = 55; j.Totals.Total = 69.08;
    const r = buildSalesOrder(order(j), ctx(), cfg({ unknownSku: { policy: 'misc-line' } }));
    expect(r.holds).toEqual([]);
    expect(itemLines(r.salesOrder.Lines)[1]).toEqual({
      ItemType: 5, ItemCode: '/MISC', ItemCodeDesc: 'NOPE-1 Mystery part for the', QuantityOrdered: 2, UnitPrice: 2.5, WarehouseCode: '000',
      CommentText: 'NOPE-1 Mystery part for the left-handed widget',
    });
    expect(r.warnings).toEqual(['SKU NOPE-1 is not a Sage item; sent on miscellaneous item /MISC as "NOPE-1 Mystery part for the" (unknown-SKU policy)']);
  });

  it('an inactive item is held with what to do', () => {
    const r = buildSalesOrder(order(contractOrderJson()), ctx({ items: { 'WID-100-BLK': { itemCode: 'WID-100-BLK', inactive: true, source: 'same' } } }), defaultMappingConfig);
    expect(r.holds).toEqual([{ code: 'inactive-item', field: 'SalesItems[0].Sku', message: 'line 1 (SKU WID-100-BLK) is item WID-100-BLK, which is inactive in Sage.', fix: 'Make item WID-100-BLK active in Sage, or map SKU WID-100-BLK to another item, then retry.' }]);
  });

  it('a total a cent off the sum of its parts is held, showing both', () => {
    const j = contractOrderJson();
    j.Totals.Total = 64.09;
    const r = buildSalesOrder(order(j), ctx(), defaultMappingConfig);
    expect(r.holds).toEqual([{
      code: 'total-mismatch', field: 'Totals.Total',
      message: "Before tax, Sage's total would be $59.95 but Clarity's is $59.96 (Total $64.09 − tax $4.13); $0.01 less in Sage.",
      fix: "Check the order in Clarity (its lines, shipping, fees and discounts should add up to its total) and the charge and discount mapping; then retry.",
    }]);
    expect(r.totals).toMatchObject({ clarityCents: 5996, sageCents: 5995 });
  });

  it('prices that float arithmetic gets wrong still add up to the cent', () => {
    const j = contractOrderJson();
    j.SalesItems = [
      { Sku: 'A', Quantity: 3, UnitSoldPrice: 19.99, ExtendedPrice: 59.97 },
      { Sku: 'B', Quantity: 3, UnitSoldPrice: 1.255 },
      { Sku: 'C', Quantity: 1, UnitSoldPrice: '0.1' },
      { Sku: 'D', Quantity: 1, UnitSoldPrice: '0.2' },
    ];
    j.Totals = { SubTotal: 64.04, Shipping: 0.3, Tax: 0, Total: 64.34 };
    const items = Object.fromEntries(['A', 'B', 'C', 'D'].map((s) => [s, { itemCode: s, source: 'same' as const }]));
    const r = buildSalesOrder(order(j), ctx({ items }), defaultMappingConfig);
    expect(r.holds).toEqual([]);
    expect(r.totals).toMatchObject({ clarityCents: 6434, sageCents: 6434 });
    // 3 × 1.255 = 3.765 → 3.77, which no 2-decimal unit price gives: split 2 × 1.26 + 1 × 1.25.
    expect(itemLines(r.salesOrder.Lines).filter((l: any) => l.ItemCode === 'B').map((l: any) => [l.QuantityOrdered, l.UnitPrice])).toEqual([[1, 1.25], [2, 1.26]]);
    expect(r.warnings).toEqual(["line 2 (SKU B): $3.77 for 3 does not divide into whole cents; sent as 1 × $1.25 and 2 × $1.26 so Sage's total matches"]);
  });

  it("a line whose extended price is not quantity × price: Clarity's extended price wins, with a warning", () => {
    const j = contractOrderJson();
    j.SalesItems[0].ExtendedPrice = 49.99;
    j.Totals.SubTotal = 49.99; j.Totals.Total = 64.07;
    const r = buildSalesOrder(order(j), ctx(), defaultMappingConfig);
    expect(r.holds).toEqual([]);
    expect(r.warnings[0]).toBe("line 1 (SKU WID-100-BLK): 4 × 12.5 is $50.00 but Clarity's extended price is $49.99; the extended price is used");
    expect(itemLines(r.salesOrder.Lines).map((l: any) => [l.QuantityOrdered, l.UnitPrice])).toEqual([[1, 12.49], [3, 12.5]]);
  });

  it('long notes: the first 30 characters in Comment, all of it on a comment line', () => {
    const j = contractOrderJson();
    j.Notes = 'Please deliver to the loading dock at the back of the building, ring the bell twice and ask for Priya.';
    const r = buildSalesOrder(order(j), ctx(), defaultMappingConfig);
    expect(r.salesOrder.Comment).toBe('Please deliver to the loading');
    expect(r.salesOrder.Lines[0]).toEqual({ ItemType: 4, ItemCode: '/C', CommentText: `Notes: ${j.Notes}` });
  });

  it('a long name and street: shortened with warnings, nothing lost (the rest is in a comment line)', () => {
    const j = contractOrderJson();
    j.ShippingContact.Address = { Company: 'Lone Star Facilities Management Group', Street1: '1234 Martin Luther King Junior Parkway Suite 1200', Street2: 'Receiving Dock 4 Behind The Blue Warehouse', Street3: 'Attention Accounts Payable Department', City: 'Austin', RegionCode: 'Texas', PostalCode: '78701' };
    const r = buildSalesOrder(order(j), ctx(), defaultMappingConfig);
    expect(r.holds).toEqual([]);
    expect(r.salesOrder.ShipToName).toBe('Lone Star Facilities Mgmt');
    for (const k of ['ShipToAddress1', 'ShipToAddress2', 'ShipToAddress3'] as const) expect((r.salesOrder[k] ?? '').length).toBeLessThanOrEqual(30);
    const comment = r.salesOrder.Lines.find((l) => l.ItemType === 4 && l.CommentText?.includes('ship-to name'))?.CommentText ?? '';
    expect(comment).toContain('ship-to name: Lone Star Facilities Management Group');
    expect(comment).toContain('ship-to continued:');
    expect(r.warnings.filter((w) => w.startsWith('ship-to')).length).toBeGreaterThanOrEqual(3);
  });

  it('a CustomKey longer than 15 characters gets a stable derived PO number and a warning', () => {
    const j = contractOrderJson();
    j.CustomKey = 'MARKETPLACE-2026-000100234';
    const a = buildSalesOrder(order(j), ctx(), defaultMappingConfig);
    const b = buildSalesOrder(order(j), ctx(), defaultMappingConfig);
    expect(a.salesOrder.CustomerPONo).toHaveLength(15);
    expect(a.salesOrder.CustomerPONo).toBe(b.salesOrder.CustomerPONo);
    expect(a.warnings[0]).toContain('longer than Sage\'s 15-character PO number');
  });

  it('a zero quantity, a foreign currency and a bad ship-to ZIP are each held with the field to fix', () => {
    const j = contractOrderJson();
    j.SalesItems[0].Quantity = 0;
    j.CurrencyKey = 'EUR';
    j.ShippingContact.Address.PostalCode = '787';
    const codes = buildSalesOrder(order(j), ctx(), defaultMappingConfig).holds.map((h) => [h.code, h.field]);
    expect(codes).toEqual([['currency', 'CurrencyKey'], ['quantity', 'SalesItems[0].Quantity'], ['ship-to-address', 'ShippingContact.Address']]);
  });
});

describe('buildSalesOrder: status', () => {
  it.each([
    ['Pending', 'H', []],
    ['On Hold', 'H', []],
    ['Processing', 'O', []],
    ['Full Payment Received', 'O', []],
    ['Shipped', 'O', ['status']],
    ['Void', 'O', ['status']],
    ['Awaiting Review', 'H', []],
  ])('Clarity %s → OrderStatus %s, holds %j', (statusKey, orderStatus, holds) => {
    const j = contractOrderJson();
    j.StatusKey = statusKey;
    const r = buildSalesOrder(order(j), ctx(), defaultMappingConfig);
    expect(r.salesOrder.OrderStatus).toBe(orderStatus);
    expect(r.holds.map((h) => h.code)).toEqual(holds);
  });
});

describe('buildSalesOrder: charges, discounts and tax', () => {
  const three = () => {
    const j = contractOrderJson();
    j.SalesItems = [
      { Sku: 'A', Quantity: 3, UnitSoldPrice: 19.99 },
      { Sku: 'B', Quantity: 1, UnitSoldPrice: 10 },
      { Sku: 'C', Quantity: 7, UnitSoldPrice: 0.01 },
    ];
    j.Totals = { SubTotal: 70.04, Shipping: 9.95, Handling: 2.5, Fees: 1.25, Discounts: 10, Tax: 5.42, Total: 79.16 };
    return j;
  };
  const items = Object.fromEntries(['A', 'B', 'C'].map((s) => [s, { itemCode: s, source: 'same' as const }]));

  it("discount as a negative line, handling and fees as charge lines with their GL accounts", () => {
    const r = buildSalesOrder(order(three()), ctx({ items }), cfg({ charges: { handling: { glAccount: '4100-00' }, fees: { glAccount: '4110-00' }, discount: { glAccount: '4900-00' } } }));
    expect(r.holds).toEqual([]);
    expect(r.salesOrder.FreightAmt).toBe(9.95);
    expect(r.salesOrder.Lines.filter((l) => l.ItemCode.startsWith('/') && l.ItemType !== 4)).toEqual([
      { ItemType: 3, ItemCode: '/HANDLING', ItemCodeDesc: 'Handling', QuantityOrdered: 1, UnitPrice: 2.5, SalesAcctKey: '4100-00' },
      { ItemType: 3, ItemCode: '/FEE', ItemCodeDesc: 'Fees', QuantityOrdered: 1, UnitPrice: 1.25, SalesAcctKey: '4110-00' },
      { ItemType: 5, ItemCode: '/DISCOUNT', ItemCodeDesc: 'Discount', QuantityOrdered: 1, UnitPrice: -10, SalesAcctKey: '4900-00' },
    ]);
    expect(r.totals).toMatchObject({ basis: 'before-tax', clarityCents: 7374, sageCents: 7374 });
  });

  it('discount spread over the prices by largest remainder, still exact to the cent', () => {
    const r = buildSalesOrder(order(three()), ctx({ items }), cfg({ charges: { discount: { mode: 'reduce-price' }, handling: { mode: 'freight' } } }));
    expect(r.holds).toEqual([]);
    expect(r.salesOrder.Lines.some((l) => l.ItemCode === '/DISCOUNT')).toBe(false);
    expect(r.salesOrder.FreightAmt).toBe(12.45);
    expect(r.totals.parts.itemsCents).toBe(7004 - 1000);
    expect(r.totals.sageCents).toBe(r.totals.clarityCents);
    for (const l of itemLines(r.salesOrder.Lines) as any[]) expect(Math.round(l.UnitPrice * 100)).toBe(Number((l.UnitPrice * 100).toFixed(6)));
  });

  it('tax as a charge line to a GL account, compared with the full Total', () => {
    const r = buildSalesOrder(order(three()), ctx({ items }), cfg({ tax: { mode: 'charge-line', glAccount: '2300-00' }, charges: { freight: { mode: 'charge-line', glAccount: '4200-00' }, discount: { itemType: 3 } } }));
    expect(r.holds).toEqual([]);
    expect(r.salesOrder.TaxSchedule).toBe('NONTAX');
    expect(r.salesOrder.FreightAmt).toBe(0);
    expect(r.salesOrder.Lines.filter((l) => l.ItemType === 3).map((l) => [l.ItemCode, l.UnitPrice, l.SalesAcctKey])).toEqual([
      ['/FREIGHT', 9.95, '4200-00'], ['/HANDLING', 2.5, undefined], ['/FEE', 1.25, undefined], ['/DISCOUNT', -10, undefined], ['/TAX', 5.42, '2300-00'],
    ]);
    expect(r.totals).toMatchObject({ basis: 'with-tax', clarityCents: 7916, sageCents: 7916 });
  });
});

describe('buildSalesOrder: stock policies', () => {
  const twoLines = () => {
    const j = contractOrderJson();
    j.SalesItems = [{ Sku: 'WID-100-BLK', Quantity: 4, UnitSoldPrice: 12.5 }, { Sku: 'WID-100-BLK', Quantity: 3, UnitSoldPrice: 12.5 }];
    j.Totals = { Shipping: 9.95, Tax: 0, Total: 97.45 };
    return j;
  };
  const availability = { 'WID-100-BLK': 5 };

  it('hold: a hold for the line that runs short, naming what is available', () => {
    const r = buildSalesOrder(order(twoLines()), ctx({ availability }), cfg({ stock: { policy: 'hold' } }));
    expect(r.holds).toEqual([{ code: 'stock-short', field: 'SalesItems[1].Quantity', message: 'Not enough stock for item WID-100-BLK (SKU WID-100-BLK): 3 ordered, 1 available in Sage.', fix: 'Retry when the stock has arrived, or change the stock policy to back-order or send all, or release the order by hand.' }]);
  });

  it('backorder: what is available ships, the rest is on back order', () => {
    const r = buildSalesOrder(order(twoLines()), ctx({ availability }), cfg({ stock: { policy: 'backorder' } }));
    expect(r.holds).toEqual([]);
    expect(itemLines(r.salesOrder.Lines).map((l: any) => [l.QuantityOrdered, l.QuantityBackordered])).toEqual([[4, undefined], [3, 2]]);
    expect(r.warnings).toEqual(['item WID-100-BLK (SKU WID-100-BLK): 3 ordered, 1 available in Sage; 2 on back order (stock policy)']);
  });

  it('send-all: sent in full, with a warning', () => {
    const r = buildSalesOrder(order(twoLines()), ctx({ availability }), cfg({ stock: { policy: 'send-all' } }));
    expect(r.holds).toEqual([]);
    expect(itemLines(r.salesOrder.Lines).every((l: any) => l.QuantityBackordered === undefined)).toBe(true);
    expect(r.warnings).toEqual(['item WID-100-BLK (SKU WID-100-BLK): 3 ordered, 1 available in Sage; sent in full anyway (stock policy: send all)']);
  });

  it('an item with no known availability is not checked, and says so once', () => {
    const r = buildSalesOrder(order(twoLines()), ctx({ availability: {} }), cfg({ stock: { policy: 'hold' } }));
    expect(r.holds).toEqual([]);
    expect(r.warnings).toEqual(["Sage's availability of item WID-100-BLK is not known; its stock was not checked"]);
  });
});

describe('buildSalesOrder: header options', () => {
  it('order date from Clarity in the merchant time zone, UDFs, and unit of measure when asked', () => {
    const j = contractOrderJson();
    j.CreatedDate = '2026-11-30T03:00:00Z';
    j.BillingContact.Email1 = 'purchasing.department@acme-supply-holdings.example';
    const r = buildSalesOrder(order(j), ctx(), cfg({ order: {
      orderDate: 'clarity-created', timeZone: 'America/Chicago', sendUnitOfMeasure: true,
      udf: [{ field: 'UDF_WEB_ORDER', from: 'clarity-id' }, { field: 'UDF_CUST_PO', from: 'purchase-order-number' }, { field: 'UDF_EMAIL', from: 'customer-email' }],
    } }));
    expect(r.salesOrder.OrderDate).toBe('20261129');
    expect(r.salesOrder.UDF_WEB_ORDER).toBe('100234');
    expect(r.salesOrder.UDF_CUST_PO).toBe('PO-5512');
    expect(r.salesOrder.UDF_EMAIL).toBe('purchasing.department@acme-sup');
    expect(r.warnings).toEqual(['UDF_EMAIL holds 30 characters; "purchasing.department@acme-supply-holdings.example" is cut to fit']);
    expect(itemLines(r.salesOrder.Lines)[0]).toMatchObject({ UnitOfMeasure: 'EA' });
    j.SalesItems[0].ProductUnitOfMeasure = 'CARTON';
    const long = buildSalesOrder(order(j), ctx(), cfg({ order: { sendUnitOfMeasure: true } }));
    expect(itemLines(long.salesOrder.Lines)[0]).not.toHaveProperty('UnitOfMeasure');
    expect(long.warnings).toEqual(['line 1 (SKU WID-100-BLK): unit of measure "CARTON" is longer than Sage\'s 4 characters; Sage\'s own unit for the item is used']);
  });
});
