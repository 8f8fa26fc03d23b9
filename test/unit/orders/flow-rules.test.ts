import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/core/errors';
import { parseClarityOrder, type ClarityOrder } from '../../../server/domain/clarity-order';
import type { SageSalesOrderInput } from '../../../server/domain/sage';
import { defaultMappingConfig } from '../../../server/mapping/config';
import type { OrderLink } from '../../../server/db/repos/order-links.repo';
import { mustLookFirst } from '../../../server/sync/order/create-once';
import { fingerprintOf } from '../../../server/sync/order/fingerprint';
import { isOlder } from '../../../server/sync/order/handler';
import { refusalReason } from '../../../server/sync/order/refusals';
import { withSageHold } from '../../../server/sync/order/sage-hold';
import { totalsMismatch } from '../../../server/sync/order/totals-check';
import { clarityStatusToWrite } from '../../../server/sync/order/write-back';

const order = (over: Record<string, unknown> = {}): ClarityOrder => {
  const r = parseClarityOrder({
    ID: 100234, CustomKey: 'WEB-100234', StatusKey: 'Processing', UpdatedDate: '2026-11-29T09:58:12Z', Notes: 'Leave at dock 3',
    ShippingContact: { FirstName: 'Dana', LastName: 'Ortiz', Address: { Street1: '1200 N Lamar Blvd', City: 'Austin', RegionCode: 'TX', PostalCode: '78703' } },
    SalesItems: [{ Sku: 'WID-100-BLK', Quantity: 4, UnitSoldPrice: 12.5, ExtendedPrice: 50 }],
    Totals: { SubTotal: 50, Shipping: 9.95, Tax: 4.13, Total: 64.08 },
    ...over,
  });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.order;
};

describe('which events are older than what was handled', () => {
  it.each([
    ['2026-11-29T10:00:00Z', '2026-11-29T10:00:01Z', true],
    ['2026-11-29T10:00:01Z', '2026-11-29T10:00:00Z', false],
    ['2026-11-29T10:00:00Z', '2026-11-29T10:00:00.000Z', false],
    [null, '2026-11-29T10:00:00Z', false],
    ['2026-11-29T10:00:00Z', null, false],
    ['not a date', '2026-11-29T10:00:00Z', false],
  ])('%s vs handled %s → older: %s', (version, handled, older) => {
    expect(isOlder(version, handled)).toBe(older);
  });
});

describe('when a retry must look for an order before creating', () => {
  const link = (state: string, createAttempts: number) => ({ state, createAttempts }) as OrderLink;
  it.each([
    [null, null, false],
    [null, 'unknown_outcome', false],
    [link('pending', 1), null, true],
    [link('held', 0), null, false],
    [link('held', 2), null, true],
    [link('pending', 1), 'unknown_outcome', true],
    [link('created', 1), 'unknown_outcome', false],
    [link('failed', 1), 'transient', true],
  ] as const)('link %o after %s → %s', (l, prev, expected) => {
    expect(mustLookFirst(l, prev)).toBe(expected);
  });
});

describe('the Clarity status the write-back sets', () => {
  it.each([
    ['Processing', 'O', undefined],
    ['Processing', 'H', 'On Hold'],
    ['Confirmed', 'H', 'On Hold'],
    ['Pending', 'H', undefined],
    ['On Hold', 'H', undefined],
    ['On Hold', 'O', 'Processing'],
    ['Pending', 'O', 'Processing'],
    ['Some Site Status', 'H', undefined],
  ])('store %s, Sage %s → %s', (store, sage, expected) => {
    expect(clarityStatusToWrite(store, sage, defaultMappingConfig)).toBe(expected);
  });
});

describe("what an update changed (the order's fingerprint)", () => {
  const base = fingerprintOf(order());
  it('our own write-back echo changes nothing that matters', () => {
    const echo = fingerprintOf(order({ StatusKey: 'On Hold', UpdatedDate: '2026-11-29T10:00:00Z', SerializableAttributes: { SageSalesOrderNo: { Key: 'SageSalesOrderNo', Value: '0001234' } } }));
    expect(echo).toEqual(base);
  });
  it('tells ship-to, lines and notes apart', () => {
    const moved = fingerprintOf(order({ ShippingContact: { FirstName: 'Dana', LastName: 'Ortiz', Address: { Street1: '500 W 2nd St', City: 'Austin', RegionCode: 'TX', PostalCode: '78701' } } }));
    expect([moved.shipTo !== base.shipTo, moved.lines !== base.lines, moved.notes !== base.notes]).toEqual([true, false, false]);
    const more = fingerprintOf(order({ SalesItems: [{ Sku: 'WID-100-BLK', Quantity: 5, UnitSoldPrice: 12.5 }] }));
    expect([more.shipTo !== base.shipTo, more.lines !== base.lines]).toEqual([false, true]);
    expect(fingerprintOf(order({ Notes: 'Call first' })).notes).not.toBe(base.notes);
  });
});

describe('an order entered on hold in Sage', () => {
  const so = { OrderStatus: 'O', Comment: 'Leave at dock 3', Lines: [{ ItemType: 1, ItemCode: 'A', QuantityOrdered: 1, UnitPrice: 1 }] } as unknown as SageSalesOrderInput;
  it('carries the reason in Comment and keeps the notes on a comment line', () => {
    const held = withSageHold(so, 'Over credit limit $5000.00 and more words', defaultMappingConfig);
    expect(held.OrderStatus).toBe('H');
    expect(held.Comment).toBe('Over credit limit $5000.00 and');
    expect(held.Lines[0]).toEqual({ ItemType: 4, ItemCode: '/C', CommentText: 'Notes: Leave at dock 3' });
    expect(so.OrderStatus).toBe('O');
  });
  it('does not repeat notes already on a comment line', () => {
    const withNotes = { ...so, Lines: [{ ItemType: 4, ItemCode: '/C', CommentText: 'Notes: Leave at dock 3 and call' }, ...so.Lines] } as SageSalesOrderInput;
    expect(withSageHold(withNotes, 'Credit hold', defaultMappingConfig).Lines).toHaveLength(2);
  });
});

describe("Sage's total against the store's", () => {
  const sage = (o: Record<string, number>) => ({ SalesOrderNo: '0001234', ARDivisionNo: '01', CustomerNo: 'A', OrderStatus: 'O', Lines: [], ...o });
  it('agrees to the cent', () => {
    expect(totalsMismatch(sage({ TaxableAmt: 50, NonTaxableAmt: 0, FreightAmt: 9.95, SalesTaxAmt: 4.13 }), order())).toBeNull();
  });
  it('names both totals and both taxes when Sage taxed differently', () => {
    const m = totalsMismatch(sage({ TaxableAmt: 50, NonTaxableAmt: 0, FreightAmt: 9.95, SalesTaxAmt: 4.12 }), order());
    expect(m?.reason).toBe("Sage's total $64.07 differs from the store's total $64.08 (tax: Sage $4.12, store $4.13; check the order's tax schedule). Sales order 0001234 is on hold in Sage: correct it there and release it.");
    expect(m!.comment.length).toBeLessThanOrEqual(30);
  });
});

describe('Sage refusals in plain words', () => {
  it.each([
    [new AppError('CI_Invalid', 'ShipToZipCode 59001 is not in the ZIP code table', { status: 422, field: 'ShipToZipCode' }), /ZIP code is not in Sage's ZIP code table: add it in Sage/],
    [new AppError('IM_Inactive', 'Line 1: item X is inactive', { status: 422, field: 'ItemCode' }), /Make the item active in Sage/],
    [new AppError('CI_NOF', 'ShipVia XYZ is not on file', { status: 422, field: 'ShipVia' }), /The ShipVia does not exist in Sage/],
  ])('%s', (err, fix) => {
    const text = refusalReason(err, { ShipToZipCode: '59001', ShipVia: 'XYZ' });
    expect(text).toMatch(/^Sage refused the sales order: /);
    expect(text).toMatch(fix);
    expect(text).toContain(`[field ${err.field}`);
  });
});
