import type { Rec } from '../db/sql';
import { money } from '../db/sql';
import { creditHold, creditLimit } from '../errors';

/**
 * Sage's credit check at order entry: a customer on credit hold gets no new order, and neither
 * does one whose balance + open orders + this order would pass the limit (a 0 limit means no
 * limit). The caller skips it for orders entered on hold (OrderStatus H) — the way a connector
 * records "needs credit review" in Sage — and for quotes.
 */
export function checkCredit(customer: Rec, orderTotal: number): void {
  const key = `${customer.ARDivisionNo}-${customer.CustomerNo}`;
  if (customer.CreditHold === 'Y') throw creditHold(key);
  const limit = Number(customer.CreditLimit);
  if (limit <= 0) return;
  const exposure = money(Number(customer.CurrentBalance) + Number(customer.OpenOrderAmt) + orderTotal);
  if (exposure > limit) throw creditLimit(key, exposure, limit);
}
