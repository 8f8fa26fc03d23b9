import { describe, expect, it } from 'vitest';
import { defaultMappingConfig, mappingConfigSchema } from '../../../server/mapping/config';
import { allocate, buildShipments, sageDateToIso, shipmentKey, type BuildInput } from '../../../server/sync/feeds/shipments/build';
import { carrierFor, splitDescription } from '../../../server/sync/feeds/shipments/carrier';

const invoice = (over: Partial<BuildInput['invoice']> = {}): BuildInput['invoice'] => ({
  InvoiceNo: '0100023', SalesOrderNo: '0000042', ShipDate: '20261129', ShipVia: 'UPS GROUND',
  Tracking: [{ PackageNo: '0001', TrackingID: '1ZAAA', StarshipShipVia: 'UPS Ground' }],
  Lines: [{ ItemCode: 'FAST-0100-BLK', ItemType: '1', QuantityShipped: 3 }, { ItemCode: 'WID-2', ItemType: '1', QuantityShipped: 2 }],
  ...over,
} as BuildInput['invoice']);

const build = (over: Partial<BuildInput> = {}) => buildShipments({
  invoice: invoice(), posted: false, orderId: 100234, linesSent: false, withoutTracking: 'on-post',
  skuFor: (code) => ({ 'FAST-0100-BLK': 'FAST-0100-BLK', 'WID-2': 'WEB-WID2' } as Record<string, string>)[code] ?? null,
  carrier: (code) => carrierFor(code, defaultMappingConfig),
  ...over,
});

describe('shipment keys', () => {
  it.each([
    ['0100023', '0001', undefined, '0100023-0001'],
    ['0100023', '0001', '000000', '0100023-0001'],
    ['0100023', '0002', '000001', '0100023-0002-1'],
    ['IN-2026-000000000045', '0001', '', 'IN-2026-000000000045-0001'],
  ])('%s / %s / %s → %s', (inv, pkg, seq, key) => {
    expect(shipmentKey(inv, pkg, seq)).toBe(key);
  });

  it('reads Sage dates', () => {
    expect(sageDateToIso('20261129')).toBe('2026-11-29T00:00:00Z');
    expect(sageDateToIso('')).toBeNull();
  });
});

describe('lines over packages', () => {
  it.each([
    [[['A', 3], ['B', 2]], 1, [[['A', 3], ['B', 2]]]],
    [[['A', 3], ['B', 2]], 3, [[['A', 3]], [['B', 1]], [['B', 1]]]],
    [[['A', 2]], 2, [[['A', 1]], [['A', 1]]]],
    [[['A', 1], ['B', 1]], 3, [[['A', 1]], [['B', 1]]]],
    [[['A', 0.5]], 2, [[['A', 0.5]]]],
  ] as Array<[Array<[string, number]>, number, Array<Array<[string, number]>>]>)('%j in %d package(s) → %j', (lines, n, parts) => {
    const got = allocate(lines.map(([Sku, Quantity]) => ({ Sku, Quantity })), n);
    expect(got.map((p) => p.map((l) => [l.Sku, l.Quantity]))).toEqual(parts);
    const sum = (xs: Array<{ Quantity: number }>) => xs.reduce((s, l) => s + l.Quantity, 0);
    expect(sum(got.flat())).toBeCloseTo(sum(lines.map(([, q]) => ({ Quantity: q }))), 9);
  });
});

describe('buildShipments', () => {
  it('one shipment per tracked package, under the SKUs sold, with carrier and method from the ship-via code', () => {
    const r = build({ invoice: invoice({ Tracking: [
      { PackageNo: '0002', TrackingID: '1ZBBB', StarshipShipVia: 'UPS Ground' },
      { PackageNo: '0001', TrackingID: '1ZAAA', StarshipShipVia: 'UPS Ground' },
    ] }) });
    expect(r.shipments).toEqual([
      { CustomKey: '0100023-0001', SalesOrderID: 100234, TrackingNumber: '1ZAAA', CarrierName: 'UPS', CarrierMethodName: 'Ground', ShipDate: '2026-11-29T00:00:00Z', Lines: [{ Sku: 'FAST-0100-BLK', Quantity: 3 }, { Sku: 'WEB-WID2', Quantity: 1 }] },
      { CustomKey: '0100023-0002', SalesOrderID: 100234, TrackingNumber: '1ZBBB', CarrierName: 'UPS', CarrierMethodName: 'Ground', ShipDate: '2026-11-29T00:00:00Z', Lines: [{ Sku: 'WEB-WID2', Quantity: 1 }] },
    ]);
  });

  it('leaves out charges, comments, zero quantities and items not on the order, and says which', () => {
    const r = build({ invoice: invoice({ Lines: [
      { ItemCode: '/FREIGHT', ItemType: '3', QuantityShipped: 1 }, { ItemCode: 'NOTE', ItemType: '4', QuantityShipped: 0 },
      { ItemCode: 'FAST-0100-BLK', ItemType: '1', QuantityShipped: 0 }, { ItemCode: 'OTHER-9', ItemType: '1', QuantityShipped: 4 },
      { ItemCode: 'WID-2', ItemType: '1', QuantityShipped: 1 }, { ItemCode: 'WID-2', ItemType: '1', QuantityShipped: 1 },
    ] as never }) });
    expect(r.shipments[0].Lines).toEqual([{ Sku: 'WEB-WID2', Quantity: 2 }]);
    expect(r.skippedLines).toEqual([{ ItemCode: 'OTHER-9', QuantityShipped: 4, reason: 'item OTHER-9 is not on Clarity order 100234' }]);
  });

  it.each([
    ['on-post', false, 0, 'ships when posted'],
    ['on-post', true, 1, null],
    ['immediately', false, 1, null],
    ['never', true, 0, 'not sent'],
  ] as const)('no tracking, %s, posted %s → %d shipment(s)', (policy, posted, n, waiting) => {
    const r = build({ invoice: invoice({ Tracking: [] }), posted, withoutTracking: policy });
    expect(r.shipments).toHaveLength(n);
    if (n) expect(r.shipments[0]).toMatchObject({ CustomKey: '0100023-0000', TrackingNumber: null, Lines: [{ Sku: 'FAST-0100-BLK', Quantity: 3 }, { Sku: 'WEB-WID2', Quantity: 2 }] });
    if (waiting) expect(r.waiting).toMatch(waiting);
    else expect(r.waiting).toBeNull();
  });

  it('joins the tracking numbers of packages beyond the units shipped into the first', () => {
    const r = build({ invoice: invoice({ Lines: [{ ItemCode: 'WID-2', ItemType: '1', QuantityShipped: 1 }], Tracking: [
      { PackageNo: '0001', TrackingID: '1ZAAA', StarshipShipVia: null }, { PackageNo: '0002', TrackingID: '1ZBBB', StarshipShipVia: null },
    ] }) });
    expect(r.shipments).toEqual([expect.objectContaining({ CustomKey: '0100023-0001', TrackingNumber: '1ZAAA,1ZBBB', Lines: [{ Sku: 'WEB-WID2', Quantity: 1 }] })]);
  });

  it('sends nothing more once the invoice\'s lines went out (a package added later)', () => {
    expect(build({ linesSent: true }).shipments).toEqual([]);
  });
});

describe('carrier from the ship-via code', () => {
  const config = mappingConfigSchema.parse({ shipVia: { rules: [
    { carrier: 'UPS', method: 'Ground', shipVia: 'UPS GROUND' }, { carrier: 'Pickup', shipVia: 'WILL CALL' }, { carrier: 'FedEx', shipVia: 'FEDEX 2DAY' },
  ] } });
  const desc = new Map([['FEDEX 2DAY', 'FedEx 2Day'], ['WILL CALL', 'Customer pickup'], ['DHL EXP', 'DHL Express Worldwide']]);
  it.each([
    ['UPS GROUND', { CarrierName: 'UPS', CarrierMethodName: 'Ground' }],
    ['ups  ground', { CarrierName: 'UPS', CarrierMethodName: 'Ground' }],
    ['FEDEX 2DAY', { CarrierName: 'FedEx', CarrierMethodName: '2Day' }],
    ['WILL CALL', { CarrierName: 'Pickup', CarrierMethodName: 'Customer pickup' }],
    ['DHL EXP', { CarrierName: 'DHL', CarrierMethodName: 'Express Worldwide' }],
    ['ROADRUNNER LTL', { CarrierName: 'ROADRUNNER', CarrierMethodName: 'LTL' }],
    ['', { CarrierName: null, CarrierMethodName: null }],
  ])('%j → %j', (code, carrier) => {
    expect(carrierFor(code, config, desc)).toEqual(carrier);
  });

  it('splits a description', () => {
    expect(splitDescription('UPS 2nd Day Air')).toEqual({ CarrierName: 'UPS', CarrierMethodName: '2nd Day Air' });
    expect(splitDescription('UPS', 'UPS')).toEqual({ CarrierName: 'UPS', CarrierMethodName: null });
  });
});
