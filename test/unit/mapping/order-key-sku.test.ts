import { describe, expect, it } from 'vitest';
import { defaultMappingConfig, validateMappingConfig } from '../../../server/mapping/config';
import { customerPoNumber, derivePoNumber } from '../../../server/mapping/order-key';
import { skuOverride, warehouseFor } from '../../../server/mapping/sku';
import { availableQuantity } from '../../../server/mapping/stock';
import { contractOrderJson, order } from './fixtures';

describe('CustomerPONo from the Clarity order key', () => {
  it.each([
    ['WEB-100234', 'WEB-100234'],
    ['123456789012345', '123456789012345'],
  ])('%s fits and is used as it is', (key, po) => {
    expect(derivePoNumber(key)).toBe(po);
  });

  it('derives a stable 15-character form of a longer key: its last 10 characters and a checksum', () => {
    const a = derivePoNumber('STOREFRONT-EU-2026-0000100234');
    expect(a).toHaveLength(15);
    expect(a.slice(0, 10)).toBe('0000100234');
    expect(a).toMatch(/^0000100234[0-9A-Z]{5}$/);
    expect(derivePoNumber('STOREFRONT-EU-2026-0000100234')).toBe(a);
    // Same last 10 characters, different key: still a different PO number.
    expect(derivePoNumber('STOREFRONT-US-2026-0000100234')).not.toBe(a);
  });

  it('takes CustomKey, or the ID, as configured, and says when it derived', () => {
    const j = contractOrderJson();
    expect(customerPoNumber(order(j), defaultMappingConfig)).toEqual({ value: 'WEB-100234', key: 'WEB-100234', derived: false });
    const byId = validateMappingConfig({ order: { keySource: 'ID' } });
    if (!byId.ok) throw new Error(byId.problems.join());
    expect(customerPoNumber(order(j), byId.config).value).toBe('100234');
    delete j.CustomKey;
    expect(customerPoNumber(order(j), defaultMappingConfig).value).toBe('100234');
    j.CustomKey = 'MARKETPLACE-ORDER-2026-11-29-000777';
    const r = customerPoNumber(order(j), defaultMappingConfig);
    expect(r.derived).toBe(true);
    expect(r.warning).toBe(`Clarity order key "MARKETPLACE-ORDER-2026-11-29-000777" is longer than Sage's 15-character PO number; the Sage PO number is "${r.value}" (its last 10 characters and a checksum)`);
  });
});

describe('SKU overrides and warehouses', () => {
  const r = validateMappingConfig({
    skuOverrides: { 'WEB-FA1003': 'FAST-0115-SS', 'gift card': '/GIFT' },
    warehouse: { defaultCode: '000', rules: [{ skuPrefix: 'WEB-PL', warehouseCode: 'est' }, { itemCodePrefix: 'ELEC-', warehouseCode: 'WST' }] },
  });
  if (!r.ok) throw new Error(r.problems.join());
  const config = r.config;

  it.each([
    ['WEB-FA1003', 'FAST-0115-SS'],
    [' web-fa1003 ', 'FAST-0115-SS'],
    ['Gift Card', '/GIFT'],
    ['WEB-FA1004', undefined],
    ['constructor', undefined],
  ])('%s → %s', (sku, code) => {
    expect(skuOverride(config, sku)).toBe(code);
  });

  it.each([
    ['WEB-PL1234', 'PLMB-0100-BLK', 'EST'],
    ['ELEC-0101-WHT', 'ELEC-0101-WHT', 'WST'],
    ['FAST-0100-BLK', 'FAST-0100-BLK', '000'],
  ])('SKU %s / item %s ships from %s', (sku, code, wh) => {
    expect(warehouseFor(config, sku, code)).toBe(wh);
  });
});

describe("Sage's availability", () => {
  const row = { QuantityOnHand: 100, QuantityOnSalesOrder: 30, QuantityOnBackOrder: 5, QuantityOnPurchaseOrder: 50 };
  it('is on hand − on sales order − on back order, plus on purchase order when chosen', () => {
    expect(availableQuantity(row, false)).toBe(65);
    expect(availableQuantity(row, true)).toBe(115);
    expect(availableQuantity({ QuantityOnHand: 3, QuantityOnSalesOrder: null }, true)).toBe(3);
  });
});
