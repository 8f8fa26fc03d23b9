import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { paymentReconciliations } from '../schema/feeds';

/** The latest payment reconciliation of each order, for the panel and the CSV export. */
export type PaymentReconciliation = typeof paymentReconciliations.$inferSelect;
export type ReconciliationStatus = PaymentReconciliation['status'];
export type ReconciliationInput = Omit<PaymentReconciliation, 'storeId'>;

export async function saveReconciliation(db: Db, storeId: string, r: ReconciliationInput): Promise<void> {
  await db.insert(paymentReconciliations).values({ ...r, storeId })
    .onConflictDoUpdate({
      target: [paymentReconciliations.storeId, paymentReconciliations.clarityOrderId],
      set: {
        salesOrderNo: r.salesOrderNo, runId: r.runId, status: r.status, clarityAmount: r.clarityAmount,
        sageAmount: r.sageAmount, detail: r.detail, checkedAt: r.checkedAt,
      },
    });
}

export async function listReconciliations(
  db: Db, storeId: string, opts: { status?: ReconciliationStatus; limit?: number } = {},
): Promise<PaymentReconciliation[]> {
  const where = [eq(paymentReconciliations.storeId, storeId)];
  if (opts.status) where.push(eq(paymentReconciliations.status, opts.status));
  return db.select().from(paymentReconciliations).where(and(...where))
    .orderBy(desc(paymentReconciliations.checkedAt), paymentReconciliations.clarityOrderId).limit(opts.limit ?? 10_000);
}

export async function countReconciliations(db: Db, storeId: string): Promise<Record<ReconciliationStatus, number>> {
  const rows = await db.select({ status: paymentReconciliations.status, n: count() }).from(paymentReconciliations)
    .where(eq(paymentReconciliations.storeId, storeId)).groupBy(paymentReconciliations.status);
  const out: Record<ReconciliationStatus, number> = { matched: 0, missing: 0, amount_differs: 0, sage_only: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}
