import type { ReconciliationStatus } from '../../../db/repos/payment-reconciliations.repo';

/**
 * One order's payments, Clarity's against Sage's. Pure, so the verdicts are a table in tests.
 *
 * - Clarity: the order's SalesOrderPayments, less those whose status means no money is held
 *   (the mapping's payment.skipStatuses: Void, Declined, Refunded ...).
 * - Sage: the deposit on the open sales order, or — once the order left the open-order file —
 *   the deposits applied on its invoices.
 * Verdicts: matched (within the tolerance), missing (Clarity took money, Sage records none),
 * sage_only (Sage holds a deposit the store did not take), amount_differs.
 */
export interface PaymentSide {
  amount: number;
  transactions: string[];
}

export interface Verdict {
  status: ReconciliationStatus;
  difference: number;
  missingTransactions: string[];
}

const cents = (n: number) => Math.round(n * 100) / 100;

interface ClarityPaymentLike {
  Amount?: number | string | null;
  StatusKey?: string | null;
  TransactionID?: string | null;
}

export function clarityPayments(order: { SalesOrderPayments?: unknown }, skipStatuses: string[]): PaymentSide {
  const skip = new Set(skipStatuses.map((s) => s.trim().toLowerCase()));
  const list = Array.isArray(order.SalesOrderPayments) ? order.SalesOrderPayments : [];
  let amount = 0;
  const transactions: string[] = [];
  for (const entry of list) {
    const p = ((entry as { Slave?: ClarityPaymentLike })?.Slave ?? entry) as ClarityPaymentLike;
    if (skip.has(String(p.StatusKey ?? '').trim().toLowerCase())) continue;
    const value = Number(p.Amount ?? 0);
    if (!Number.isFinite(value)) continue;
    amount += value;
    if (p.TransactionID) transactions.push(String(p.TransactionID));
  }
  return { amount: cents(amount), transactions };
}

export function comparePayments(clarity: PaymentSide, sage: PaymentSide, tolerance: number): Verdict {
  const difference = cents(clarity.amount - sage.amount);
  const sageIds = new Set(sage.transactions);
  // Only meaningful when Sage records transaction ids at all.
  const missingTransactions = sage.transactions.length ? clarity.transactions.filter((t) => !sageIds.has(t)) : [];
  let status: ReconciliationStatus;
  if (Math.abs(difference) <= tolerance + 1e-9) status = 'matched';
  else if (clarity.amount > 0 && sage.amount === 0) status = 'missing';
  else if (clarity.amount === 0 && sage.amount > 0) status = 'sage_only';
  else status = 'amount_differs';
  return { status, difference, missingTransactions };
}
