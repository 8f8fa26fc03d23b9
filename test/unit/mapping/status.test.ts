import { describe, expect, it } from 'vitest';
import { defaultMappingConfig, validateMappingConfig } from '../../../server/mapping/config';
import { clarityToSage, sageToClarity, type SageOrderState } from '../../../server/mapping/status';

const config = defaultMappingConfig;

describe('Clarity status → Sage', () => {
  it.each([
    ['Pending', 'hold', 'H'],
    ['On Hold', 'hold', 'H'],
    ['Processing', 'open', 'O'],
    ['Confirmed', 'open', 'O'],
    ['Full Payment Received', 'open', 'O'],
    ['Shipped', 'complete', 'C'],
    ['Completed', 'complete', 'C'],
    ['Void', 'cancel', 'C'],
    ['  on   hold ', 'hold', 'H'],
    ['PROCESSING', 'open', 'O'],
  ])('%s → %s (%s)', (status, action, orderStatus) => {
    expect(clarityToSage(status, config)).toEqual({ action, orderStatus, known: true });
  });

  it('treats a status the map does not know as configured, with a warning that says how to choose', () => {
    const r = clarityToSage('Awaiting Fraud Review', config);
    expect(r).toMatchObject({ action: 'hold', orderStatus: 'H', known: false });
    expect(r.warning).toBe('Clarity status "Awaiting Fraud Review" is not in the status mapping; the order is treated as on hold in Sage. Add the status to the mapping to choose.');
    const open = validateMappingConfig({ status: { unknownClarityStatus: 'open' } });
    if (!open.ok) throw new Error(open.problems.join());
    expect(clarityToSage(null, open.config)).toMatchObject({ action: 'open', orderStatus: 'O', known: false });
  });

  it('follows a merchant map', () => {
    const r = validateMappingConfig({ status: { clarityToSage: { Pending: 'open', 'Ready for Pickup': 'open' } } });
    if (!r.ok) throw new Error(r.problems.join());
    expect(clarityToSage('Pending', r.config).action).toBe('open');
    expect(clarityToSage('Ready for Pickup', r.config).action).toBe('open');
    expect(clarityToSage('Processing', r.config).known).toBe(false);
  });
});

describe('Sage status → Clarity', () => {
  const cases: Array<[string, SageOrderState, string | null]> = [
    ['new order', { file: 'open', OrderStatus: 'N' }, 'Processing'],
    ['open order, nothing shipped', { file: 'open', OrderStatus: 'O', quantityOrdered: 5, quantityShipped: 0 }, 'Processing'],
    ['open order, part shipped', { file: 'open', OrderStatus: 'O', quantityOrdered: 5, quantityShipped: 2 }, null],
    ['open order, shipped in full', { file: 'open', OrderStatus: 'O', quantityOrdered: 5, quantityShipped: 5 }, 'Shipped'],
    ['on hold', { file: 'open', OrderStatus: 'H' }, 'On Hold'],
    ['closed', { file: 'open', OrderStatus: 'C' }, 'Completed'],
    ['history: completed', { file: 'history', OrderStatus: 'C' }, 'Completed'],
    ['history: active after leaving the open file', { file: 'history', OrderStatus: 'A' }, 'Shipped'],
    ['history: deleted', { file: 'history', OrderStatus: 'X' }, null],
    ['history: quote', { file: 'history', OrderStatus: 'Q' }, null],
  ];
  it.each(cases)('%s → %s', (_name, state, clarity) => {
    expect(sageToClarity(state, config)).toBe(clarity);
  });

  it('follows a merchant map', () => {
    const r = validateMappingConfig({ status: { sageToClarity: { deleted: 'Void', partiallyShipped: 'Split', hold: null } } });
    if (!r.ok) throw new Error(r.problems.join());
    expect(sageToClarity({ file: 'history', OrderStatus: 'X' }, r.config)).toBe('Void');
    expect(sageToClarity({ file: 'open', OrderStatus: 'O', quantityOrdered: 3, quantityShipped: 1 }, r.config)).toBe('Split');
    expect(sageToClarity({ file: 'open', OrderStatus: 'H' }, r.config)).toBeNull();
    expect(sageToClarity({ file: 'open', OrderStatus: 'O' }, r.config)).toBe('Processing');
  });
});
