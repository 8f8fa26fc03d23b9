import type { Db } from '../../db/client';
import { listReconciliations, type PaymentReconciliation, type ReconciliationStatus } from '../../db/repos/payment-reconciliations.repo';

/**
 * The payment reconciliation as CSV (RFC 4180: quoted where needed, CRLF line ends), for the panel's
 * download. One row per order: its latest verdict.
 */
const HEADER = ['clarity_order_id', 'sales_order_no', 'status', 'clarity_amount', 'sage_amount', 'difference', 'checked_at', 'invoices', 'missing_transactions', 'run_id'];

export function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it behind an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reconciliationRowsToCsv(rows: PaymentReconciliation[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    const d = (r.detail ?? {}) as { difference?: number; invoices?: string[]; missingTransactions?: string[] };
    lines.push([
      r.clarityOrderId, r.salesOrderNo, r.status, r.clarityAmount.toFixed(2), r.sageAmount.toFixed(2),
      (d.difference ?? r.clarityAmount - r.sageAmount).toFixed(2), new Date(r.checkedAt).toISOString(),
      (d.invoices ?? []).join(' '), (d.missingTransactions ?? []).join(' '), r.runId,
    ].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** What the API serves for "download CSV": every order's latest verdict, or those of one status. */
export async function exportReconciliationCsv(db: Db, storeId: string, opts: { status?: ReconciliationStatus } = {}): Promise<string> {
  return reconciliationRowsToCsv(await listReconciliations(db, storeId, { status: opts.status, limit: 100_000 }));
}
