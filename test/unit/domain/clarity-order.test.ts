import { describe, expect, it } from 'vitest';
import { clarityOrderId, isGuestOrder, lineSku, parseClarityOrder } from '../../../server/domain/clarity-order';
import { contractOrderJson } from '../mapping/fixtures';

describe('parseClarityOrder', () => {
  it('accepts the contract example as it stands', () => {
    const r = parseClarityOrder(contractOrderJson());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.order.Totals.Total).toBe(64.08);
    expect(r.order.SalesOrderPayments?.[0].Slave.Last4CardDigits).toBe('4242');
  });

  it('takes numbers as numeric strings and ZIPs, phones and card digits as numbers', () => {
    const j = contractOrderJson();
    j.SalesItems[0].Quantity = '4';
    j.SalesItems[0].UnitSoldPrice = ' 12.50 ';
    j.Totals.Total = '$1,064.08';
    j.BillingContact.Address.PostalCode = 78703;
    j.BillingContact.Phone1 = 5125550100;
    j.SalesOrderPayments[0].Slave.Last4CardDigits = 4242;
    const r = parseClarityOrder(j);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.order.SalesItems[0].Quantity).toBe(4);
    expect(r.order.SalesItems[0].UnitSoldPrice).toBe(12.5);
    expect(r.order.Totals.Total).toBe(1064.08);
    expect(r.order.BillingContact?.Address?.PostalCode).toBe('78703');
    expect(r.order.BillingContact?.Phone1).toBe('5125550100');
    expect(r.order.SalesOrderPayments?.[0].Slave.Last4CardDigits).toBe('4242');
  });

  it('accepts a guest order with no contacts, no Street2, nulls and a bare payment, and keeps unknown keys', () => {
    const j = contractOrderJson();
    delete j.AccountID;
    j.AccountKey = null;
    j.BillingContact = null;
    delete j.ShippingContact.Address.Street2;
    j.ShippingDetail = null;
    j.SalesOrderPayments = [{ Amount: '64.08', ProviderKey: 'PayPal' }];
    j.SiteSpecific = { Gift: true };
    const r = parseClarityOrder(j);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(isGuestOrder(r.order)).toBe(true);
    expect(r.order.SalesOrderPayments?.[0].Slave.Amount).toBe(64.08);
    expect((r.order as Record<string, unknown>).SiteSpecific).toEqual({ Gift: true });
  });

  it.each([
    ['a missing Total', (j: any) => delete j.Totals.Total, 'Totals.Total is missing'],
    ['a word for a quantity', (j: any) => (j.SalesItems[0].Quantity = 'four'), 'SalesItems[0].Quantity must be a number or a numeric string (got "four")'],
    ['a European decimal comma', (j: any) => (j.Totals.Shipping = '9,95'), 'Totals.Shipping must be a number or a numeric string (got "9,95")'],
    ['a line with no SKU', (j: any) => { delete j.SalesItems[0].Sku; delete j.SalesItems[0].ProductKey; }, 'SalesItems[0].Sku is missing (neither Sku nor ProductKey is given)'],
    ['a line with no price', (j: any) => { delete j.SalesItems[0].UnitSoldPrice; delete j.SalesItems[0].ExtendedPrice; }, 'SalesItems[0].UnitSoldPrice is missing (neither UnitSoldPrice nor ExtendedPrice is given)'],
    ['no lines at all', (j: any) => delete j.SalesItems, 'SalesItems is missing'],
    ['no identity', (j: any) => { delete j.ID; delete j.CustomKey; }, 'ID is missing (an order needs an ID or a CustomKey)'],
    ['Totals as text', (j: any) => (j.Totals = 'n/a'), 'Totals must be an object (got "n/a")'],
  ])('names the field for %s', (_name, mutate, problem) => {
    const j = contractOrderJson();
    mutate(j);
    const r = parseClarityOrder(j);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContain(problem);
  });

  it('refuses something that is not an object', () => {
    expect(parseClarityOrder([1])).toEqual({ ok: false, problems: ['the order must be a JSON object (got a list)'] });
    expect(parseClarityOrder(null)).toEqual({ ok: false, problems: ['the order must be a JSON object (got null)'] });
  });

  it('gives the ID as text, the SKU from Sku or ProductKey, and tells accounts from guests', () => {
    const j = contractOrderJson();
    const r = parseClarityOrder(j);
    if (!r.ok) throw new Error('fixture');
    expect(clarityOrderId(r.order)).toBe('100234');
    expect(isGuestOrder(r.order)).toBe(false);
    expect(lineSku({ ...r.order.SalesItems[0], Sku: '  ', ProductKey: 'P-1' })).toBe('P-1');
  });
});
