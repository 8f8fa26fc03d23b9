import { describe, expect, it } from 'vitest';
import { defaultMappingConfig, validateMappingConfig } from '../../../server/mapping/config';

describe('mapping config', () => {
  it('has a complete default that validates as itself', () => {
    const r = validateMappingConfig(defaultMappingConfig);
    expect(r).toEqual({ ok: true, config: defaultMappingConfig });
    expect(defaultMappingConfig.version).toBe(1);
    expect(defaultMappingConfig.tax).toEqual({ mode: 'sage-schedule' });
    expect(defaultMappingConfig.charges.discount.mode).toBe('line');
    expect(defaultMappingConfig.customer.guest).toEqual({ mode: 'create' });
  });

  it('completes a partial config with the defaults', () => {
    const r = validateMappingConfig({ stock: { policy: 'hold' }, tax: { mode: 'charge-line', glAccount: '2300-00' } });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.config.stock).toEqual({ policy: 'hold', includeOnPurchaseOrder: false });
    expect(r.config.tax).toEqual({ mode: 'charge-line', itemCode: '/TAX', glAccount: '2300-00', taxSchedule: 'NONTAX' });
    expect(r.config.payment.defaultPaymentType).toBe('CC');
    expect(validateMappingConfig(undefined)).toEqual({ ok: true, config: defaultMappingConfig });
  });

  it('upper-cases Sage codes the way Sage stores them', () => {
    const r = validateMappingConfig({ skuOverrides: { 'wid-1': 'wid-100-blk' }, customer: { guest: { mode: 'shared', customerNo: 'webcust' } } });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.config.skuOverrides).toEqual({ 'wid-1': 'WID-100-BLK' });
    expect(r.config.customer.guest).toEqual({ mode: 'shared', customerNo: 'WEBCUST' });
  });

  it.each([
    [{ payment: { defaultPaymentType: 'CREDITCARD' } }, "payment.defaultPaymentType is longer than Sage's 5 characters for a payment type"],
    [{ shipVia: { rules: [{ carrier: 'UPS', shipVia: 'UPS GROUND RESIDENTIAL' }] } }, "shipVia.rules[0].shipVia is longer than Sage's 15 characters for a ship-via code"],
    [{ customer: { division: '1' } }, 'customer.division must be two digits, "00" to "99"'],
    [{ warehouse: { defaultCode: 'MAIN' } }, "warehouse.defaultCode is longer than Sage's 3 characters for a warehouse code"],
    [{ tax: { mode: 'charge-line' } }, 'tax.glAccount is missing'],
    [{ customer: { guest: { mode: 'shared' } } }, 'customer.guest.customerNo is missing'],
    [{ payment: { rules: [{ paymentType: 'VISA' }] } }, 'payment.rules[0] needs at least one of provider, method or cardType to match on'],
    [{ order: { udf: [{ field: 'WebOrder', from: 'clarity-id' }] } }, 'order.udf[0].field must be a Sage UDF name like UDF_WEB_ORDER'],
    [{ charges: { discount: { itemCode: '' } } }, 'charges.discount.itemCode must not be empty'],
    [{ order: { timeZone: 'Central Time' } }, 'order.timeZone is not a time zone (use a name like "America/Chicago")'],
  ])('names the setting that is wrong: %j', (raw, problem) => {
    const r = validateMappingConfig(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContain(problem);
  });
});
