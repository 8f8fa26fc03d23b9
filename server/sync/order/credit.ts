import type { SageCustomer } from '../../connectors/sage100/schemas';
import { centsOrZero, formatMoney, type Cents } from '../../mapping/money';

export type CreditOutcome =
  | { ok: true }
  | {
    ok: false;
    kind: 'credit_hold' | 'over_limit';
    /** For the link and the timeline: what, why, what to do. */
    reason: string;
    /** For Sage's 30-character order Comment when the order is held in Sage. */
    comment: string;
  };

/**
 * Sage's credit rule: a customer on credit hold, or whose balance plus open orders plus this
 * order passes the credit limit, should not get an open order. A limit of 0 means no limit.
 */
export function checkCredit(customer: SageCustomer, orderTotal: Cents): CreditOutcome {
  const who = `${customer.ARDivisionNo}-${customer.CustomerNo}`;
  if (customer.CreditHold === 'Y') {
    return {
      ok: false,
      kind: 'credit_hold',
      reason: `Customer ${who} is on credit hold in Sage. Release the hold in Sage (or take payment), then release the order.`,
      comment: 'Credit hold: customer on hold',
    };
  }
  const limit = centsOrZero(customer.CreditLimit);
  if (limit <= 0) return { ok: true };
  const balance = centsOrZero(customer.CurrentBalance);
  const open = centsOrZero(customer.OpenOrderAmt);
  const exposure = balance + open + orderTotal;
  if (exposure <= limit) return { ok: true };
  return {
    ok: false,
    kind: 'over_limit',
    reason: `Customer ${who} would be over the credit limit: balance ${formatMoney(balance)} + open orders ${formatMoney(open)}`
      + ` + this order ${formatMoney(orderTotal)} = ${formatMoney(exposure)}, limit ${formatMoney(limit)}.`
      + ' Raise the limit or collect payment in Sage, then release the order.',
    comment: `Over credit limit ${formatMoney(limit)}`.slice(0, 30),
  };
}
