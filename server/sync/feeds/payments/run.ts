import { newId } from '../../../core/ids';
import { clarityOrders } from '../../../connectors/clarity/orders';
import { sage100ClientOver } from '../../../connectors/sage100/client';
import { setFeedProgress } from '../../../db/repos/feed-states.repo';
import { listOrderLinks, type OrderLink } from '../../../db/repos/order-links.repo';
import { saveReconciliation, type ReconciliationStatus } from '../../../db/repos/payment-reconciliations.repo';
import { invoicesForOrder } from '../../../db/repos/sage-invoices.repo';
import type { FeedContext } from '../context';
import { clarityPayments, comparePayments, type PaymentSide } from './compare';

/**
 * The daily payment reconciliation: every order that went to Sage and changed within the lookback
 * window is compared — Clarity's payments against Sage's deposit and invoices — and the verdict
 * stored per order (payment_reconciliations), with the run's tally as the feed's progress.
 */
export const PAYMENTS_FEED = 'payments';

export interface ReconcileResult {
  runId: string;
  orders: number;
  counts: Record<ReconciliationStatus, number>;
}

export async function runPaymentsReconciliation(ctx: FeedContext): Promise<ReconcileResult> {
  const runId = newId('rec');
  const started = ctx.clock.now();
  const since = started - ctx.settings.payments.lookbackDays * 86_400_000;
  const counts: Record<ReconciliationStatus, number> = { matched: 0, missing: 0, amount_differs: 0, sage_only: 0 };
  const key = { storeId: ctx.storeId, feed: PAYMENTS_FEED };
  let orders = 0;
  const progress = (state: 'running' | 'done') => setFeedProgress(ctx.db, key, {
    kind: 'reconcile', state, done: orders, total: null, startedAt: started, counts: { ...counts },
    ...(state === 'done' ? { finishedAt: ctx.clock.now(), message: runId } : {}),
  }, ctx.clock.now());
  await progress('running');
  let before: number | undefined;
  for (;;) {
    const page = await listOrderLinks(ctx.db, ctx.storeId, { states: ['created', 'cancelled'], limit: 200, before });
    const inWindow = page.filter((l) => l.updatedAt >= since);
    for (const link of inWindow) {
      if (!link.salesOrderNo) continue;
      const status = await reconcileOrder(ctx, link, runId);
      counts[status]++;
      orders++;
    }
    await progress('running');
    if (page.length < 200 || inWindow.length < page.length) break;
    before = page[page.length - 1].updatedAt;
  }
  await progress('done');
  return { runId, orders, counts };
}

async function reconcileOrder(ctx: FeedContext, link: OrderLink, runId: string): Promise<ReconciliationStatus> {
  const order = await clarityOrders(ctx.clarity).getOrder(link.clarityOrderId);
  const clarity = clarityPayments(order as { SalesOrderPayments?: unknown }, ctx.config.payment.skipStatuses);
  const sage = await sageSide(ctx, link.salesOrderNo!);
  const verdict = comparePayments(clarity, sage.side, ctx.settings.payments.tolerance);
  await saveReconciliation(ctx.db, ctx.storeId, {
    clarityOrderId: link.clarityOrderId, salesOrderNo: link.salesOrderNo, runId, status: verdict.status,
    clarityAmount: clarity.amount, sageAmount: sage.side.amount, checkedAt: ctx.clock.now(),
    detail: {
      difference: verdict.difference, source: sage.source, invoices: sage.invoices,
      clarityTransactions: clarity.transactions, missingTransactions: verdict.missingTransactions,
    },
  });
  return verdict.status;
}

/**
 * Sage's side: an order still open carries its deposit (DepositAmt stays the whole deposit while
 * parts are applied to invoices); an order that left the open-order file has its deposit on its
 * invoices, as the shipment feeds recorded them.
 */
async function sageSide(ctx: FeedContext, salesOrderNo: string): Promise<{ side: PaymentSide; source: string; invoices: string[] }> {
  const invoices = await invoicesForOrder(ctx.db, ctx.storeId, salesOrderNo);
  const open = await sage100ClientOver(ctx.sage).orders.get(salesOrderNo);
  const payments = ((open as { Payments?: Array<{ CreditCardTransactionID?: string | null }> } | null)?.Payments ?? []);
  const transactions = payments.map((p) => p.CreditCardTransactionID).filter((t): t is string => Boolean(t));
  const onInvoices = Math.round(invoices.reduce((s, i) => s + i.depositAmt, 0) * 100) / 100;
  if (open) return { side: { amount: Number(open.DepositAmt ?? 0), transactions }, source: 'sales-order', invoices: invoices.map((i) => i.invoiceNo) };
  return { side: { amount: onInvoices, transactions }, source: 'invoices', invoices: invoices.map((i) => i.invoiceNo) };
}
