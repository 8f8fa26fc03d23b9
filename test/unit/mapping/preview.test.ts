import { describe, expect, it } from 'vitest';
import { defaultMappingConfig } from '../../../server/mapping/config';
import { describeCustomerAction, previewOrder, type PreviewInput } from '../../../server/mapping/preview';
import { contractOrderJson } from './fixtures';

const items = { 'WID-100-BLK': { itemCode: 'WID-100-BLK', source: 'same' as const } };
const base = (over: Partial<PreviewInput> = {}): PreviewInput => ({
  order: contractOrderJson(),
  customer: { ok: true, action: 'found_by_email', arDivisionNo: '01', customerNo: 'ACME', note: 'Sage customer 01-ACME found by e-mail dana@acme.example', customer: { TaxSchedule: 'TX', TermsCode: null } },
  items,
  today: '20261129',
  ...over,
});

describe('previewOrder', () => {
  it('shows the customer action, the sales order and its warnings for pasted JSON', () => {
    const r = previewOrder(base(), defaultMappingConfig);
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.outcome).toBe('create');
    expect(r.customerAction).toEqual({ action: 'found_by_email', text: 'Sage customer 01-ACME found by e-mail dana@acme.example' });
    expect(r.salesOrder).toMatchObject({ ARDivisionNo: '01', CustomerNo: 'ACME', TaxSchedule: 'TX', CustomerPONo: 'WEB-100234' });
    expect(r.salesOrder.TermsCode).toBeUndefined();
  });

  it('says what is wrong with JSON that is not an order', () => {
    const j = contractOrderJson();
    j.Totals.Total = 'lots';
    expect(previewOrder(base({ order: j }), defaultMappingConfig)).toEqual({ ok: false, problems: ['Totals.Total must be a number or a numeric string (got "lots")'] });
  });

  it('would hold an order whose customer cannot be found under a hold policy, with the reason first', () => {
    const r = previewOrder(base({ customer: { ok: false, reason: 'No Sage customer matches e-mail dana@acme.example.', field: 'BillingContact.Email1' } }), defaultMappingConfig);
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.outcome).toBe('hold');
    expect(r.holds[0]).toEqual({ code: 'customer', field: 'BillingContact.Email1', message: 'No Sage customer matches e-mail dana@acme.example.', fix: 'Link the order to a Sage customer, or change the customer policy in the mapping; then retry.' });
    expect(r.customerAction.action).toBe('hold');
  });

  it('describes each customer action in words when the order flow gives no note', () => {
    expect(describeCustomerAction({ ok: true, action: 'would_create', arDivisionNo: '01', customerNo: '(NEXT)' }).text).toBe('create a new Sage customer 01-(NEXT)');
    expect(describeCustomerAction({ ok: true, action: 'guest_shared', arDivisionNo: '01', customerNo: 'WEB' }).text).toBe('use the shared web customer for guest checkouts 01-WEB');
  });
});
