import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { sageInvoices } from '../schema/feeds';

/**
 * Sage invoices the shipment feeds have read, with the amounts the payment reconciliation needs.
 * When a shipping entry is posted, its AR history row replaces the unposted one (same InvoiceNo).
 */
export type SageInvoiceRecord = typeof sageInvoices.$inferSelect;
export type SageInvoiceInput = Omit<SageInvoiceRecord, 'storeId' | 'updatedAt'>;

export async function saveSageInvoice(db: Db, storeId: string, inv: SageInvoiceInput, now: number): Promise<void> {
  const upsert = db.insert(sageInvoices).values({ ...inv, storeId, updatedAt: now })
    .onConflictDoUpdate({
      target: [sageInvoices.storeId, sageInvoices.invoiceNo, sageInvoices.headerSeqNo],
      set: { salesOrderNo: inv.salesOrderNo, posted: inv.posted, invoiceDate: inv.invoiceDate, depositAmt: inv.depositAmt, totalAmt: inv.totalAmt, updatedAt: now },
    });
  if (!inv.posted) return void (await upsert);
  await db.batch([
    upsert,
    db.delete(sageInvoices).where(and(eq(sageInvoices.storeId, storeId), eq(sageInvoices.invoiceNo, inv.invoiceNo), eq(sageInvoices.posted, false))),
  ]);
}

export async function invoicesForOrder(db: Db, storeId: string, salesOrderNo: string): Promise<SageInvoiceRecord[]> {
  return db.select().from(sageInvoices)
    .where(and(eq(sageInvoices.storeId, storeId), eq(sageInvoices.salesOrderNo, salesOrderNo)))
    .orderBy(sageInvoices.invoiceNo, sageInvoices.headerSeqNo);
}
