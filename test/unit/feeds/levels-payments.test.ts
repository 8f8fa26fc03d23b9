import { describe, expect, it } from 'vitest';
import { feedSettingsSchema } from '../../../server/mapping/feed-settings';
import { availableIn, levelHash, locationFor, locationQuantities } from '../../../server/sync/feeds/inventory/levels';
import { clarityPayments, comparePayments } from '../../../server/sync/feeds/payments/compare';
import { csvCell, reconciliationRowsToCsv } from '../../../server/sync/feeds/reconcile-csv';
import { productPatch, currentFields, fieldsHash } from '../../../server/sync/feeds/product-fields';

const inv = (over: Record<string, unknown> = {}) => feedSettingsSchema.parse({ inventory: over }).inventory;
const q = (warehouseCode: string, onHand: number, onSalesOrder = 0, onBackOrder = 0, onPurchaseOrder = 0) =>
  ({ itemCode: 'A', warehouseCode, onHand, onSalesOrder, onBackOrder, onPurchaseOrder });

describe('available quantity per location', () => {
  it.each([
    ['Sage formula', {}, [q('000', 10, 3, 2, 50)], { '000': 5 }],
    ['with purchase orders', { includeOnPurchaseOrder: true }, [q('000', 10, 3, 2, 50)], { '000': 55 }],
    ['never below zero', {}, [q('000', 1, 5)], { '000': 0 }],
    ['safety buffer', { safetyBuffer: 3 }, [q('000', 10)], { '000': 7 }],
    ['buffer larger than stock', { safetyBuffer: 30 }, [q('000', 10)], { '000': 0 }],
    ['fractions floored', {}, [q('000', 2.5), q('EST', 0.6)], { '000': 2, EST: 0 }],
    ['two warehouses into one location, summed before flooring', { locations: { '000': 'MAIN', est: 'MAIN' } }, [q('000', 2.5), q('EST', 0.6), q('WST', 4)], { MAIN: 3, WST: 4 }],
    ['a short warehouse lowers the location', { locations: { '000': 'MAIN', EST: 'MAIN' } }, [q('000', 10), q('EST', 0, 4)], { MAIN: 6 }],
    ['only mapped warehouses', { locations: { '000': 'MAIN' }, onlyMapped: true }, [q('000', 1), q('WST', 4)], { MAIN: 1 }],
    // 0.7 + 0.1 + 0.2 is 0.9999999999999999 in floating point: still one whole unit.
    ['float noise', { locations: { '000': 'MAIN', EST: 'MAIN', WST: 'MAIN' } }, [q('000', 0.7), q('EST', 0.1), q('WST', 0.2)], { MAIN: 1 }],
  ])('%s', (_, settings, rows, expected) => {
    expect(Object.fromEntries(locationQuantities(rows, inv(settings)))).toEqual(expected);
  });

  it('maps warehouse codes case-insensitively and hashes levels stably', () => {
    expect(locationFor('est', inv({ locations: { EST: 'EAST' } }))).toBe('EAST');
    expect(availableIn(q('000', 5, 1, 1, 9), false)).toBe(3);
    expect(levelHash('A', 'MAIN', 3)).toBe(levelHash('A', 'MAIN', 3));
    expect(levelHash('A', 'MAIN', 3)).not.toBe(levelHash('A', 'MAIN', 4));
  });
});

describe('product fields by owner', () => {
  const item = { ItemCode: 'A', ItemCodeDesc: ' Hex Bolt ', StandardUnitPrice: 12.34567, InactiveItem: 'Y' } as never;
  it('sends only what Sage owns', () => {
    const s = feedSettingsSchema.parse({}).items;
    expect(productPatch(item, s)).toEqual({ PriceBase: 12.3457, Active: false });
    expect(productPatch(item, { ...s, description: 'sage', descriptionField: 'Description' })).toEqual({ Description: 'Hex Bolt', PriceBase: 12.3457, Active: false });
    expect(productPatch(item, { ...s, price: 'clarity', active: 'clarity' })).toEqual({});
  });
  it('compares with what the store shows', () => {
    const s = { ...feedSettingsSchema.parse({}).items, description: 'sage' as const };
    const store = { Sku: 'A', Name: 'Hex Bolt', PriceBase: 12.3457, Active: false, Description: 'long text' };
    expect(fieldsHash(currentFields(store, s))).toBe(fieldsHash(productPatch(item, s)));
    expect(fieldsHash(currentFields({ ...store, PriceBase: 12 }, s))).not.toBe(fieldsHash(productPatch(item, s)));
  });
});

describe('payments', () => {
  const skip = ['Void', 'Declined', 'Refunded'];
  it('adds up what Clarity holds, bare or wrapped, leaving out voided and declined payments', () => {
    expect(clarityPayments({ SalesOrderPayments: [
      { Slave: { Amount: 50, StatusKey: 'Payment Received', TransactionID: 'pi_1' } },
      { Slave: { Amount: '14.08', StatusKey: 'Authorized', TransactionID: 'pi_2' } },
      { Amount: 99, StatusKey: 'void' },
      { Slave: { Amount: 20, StatusKey: 'Declined' } },
    ] }, skip)).toEqual({ amount: 64.08, transactions: ['pi_1', 'pi_2'] });
    expect(clarityPayments({}, skip)).toEqual({ amount: 0, transactions: [] });
  });

  it.each([
    [64.08, 64.08, 'matched'],
    [64.08, 64.07, 'matched'],
    [64.08, 64.06, 'amount_differs'],
    [64.08, 0, 'missing'],
    [0, 20, 'sage_only'],
    [0, 0, 'matched'],
  ] as const)('Clarity %d vs Sage %d → %s', (c, s, status) => {
    expect(comparePayments({ amount: c, transactions: [] }, { amount: s, transactions: [] }, 0.01).status).toBe(status);
  });

  it('names Clarity transactions Sage does not record, when Sage records any', () => {
    expect(comparePayments({ amount: 10, transactions: ['a', 'b'] }, { amount: 10, transactions: ['a'] }, 0.01).missingTransactions).toEqual(['b']);
    expect(comparePayments({ amount: 10, transactions: ['a'] }, { amount: 10, transactions: [] }, 0.01).missingTransactions).toEqual([]);
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-12.50', '-12.50'],
    [null, ''],
  ])('%j → %j', (v, out) => {
    expect(csvCell(v)).toBe(out);
  });

  it('writes one row per order with CRLF line ends', () => {
    const csv = reconciliationRowsToCsv([{
      storeId: 's', clarityOrderId: '100234', salesOrderNo: '0000042', runId: 'rec_1', status: 'amount_differs',
      clarityAmount: 64.08, sageAmount: 50, checkedAt: Date.UTC(2026, 10, 29, 2, 30), detail: { difference: 14.08, invoices: ['0100023', '0100024'], missingTransactions: [] },
    }]);
    expect(csv).toBe('clarity_order_id,sales_order_no,status,clarity_amount,sage_amount,difference,checked_at,invoices,missing_transactions,run_id\r\n'
      + '100234,0000042,amount_differs,64.08,50.00,14.08,2026-11-29T02:30:00.000Z,0100023 0100024,,rec_1\r\n');
  });
});
