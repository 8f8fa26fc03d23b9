import type { Rec, Sql } from './db/sql';
import { marks, money } from './db/sql';
import { view } from './views';

/** SO_Invoice* (unposted shipping entries) or AR_InvoiceHistory* (posted): same layout, two file sets. */
export type InvoiceFiles = 'so_invoice' | 'ar_invoicehistory';

/**
 * Invoices with their Tracking and Lines, in the order given; the header's totals are added as
 * InvoiceTotal (merchandise + freight + tax − discount) and Balance (after the deposit applied).
 */
export async function withTrackingAndLines(sql: Sql, files: InvoiceFiles, company: string, headers: Rec[]): Promise<Rec[]> {
  if (!headers.length) return [];
  const seq = files === 'ar_invoicehistory';
  const keyOf = (r: Rec) => (seq ? `${r.InvoiceNo}|${r.HeaderSeqNo}` : String(r.InvoiceNo));
  const nos = [...new Set(headers.map((h) => h.InvoiceNo as string))];
  const sel = (table: string, cols: string, order: string) => sql.all(
    `SELECT InvoiceNo, ${seq ? 'HeaderSeqNo, ' : ''}${cols} FROM ${files}${table} WHERE Company = ? AND InvoiceNo IN (${marks(nos.length)}) ORDER BY InvoiceNo, ${order}`,
    [company, ...nos]);
  const tracking = await sel('tracking', 'PackageNo, TrackingID, StarshipShipVia, Weight', 'PackageNo');
  const lines = await sel('detail', `DetailSeqNo, OrderLineKey, ItemType, ItemCode, ItemCodeDesc, WarehouseCode, UnitOfMeasure,
    QuantityOrdered, QuantityShipped, QuantityBackordered, UnitPrice, ExtensionAmt, TaxClass`, 'DetailSeqNo');
  const group = (rows: Rec[]) => {
    const m = new Map<string, Rec[]>();
    for (const r of rows) {
      const k = keyOf(r);
      const { InvoiceNo: _i, HeaderSeqNo: _s, ...rest } = r;
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(rest);
    }
    return m;
  };
  const t = group(tracking);
  const l = group(lines);
  return headers.map((h) => {
    const total = money(Number(h.TaxableSalesAmt) + Number(h.NonTaxableSalesAmt) + Number(h.FreightAmt) + Number(h.SalesTaxAmt) - Number(h.DiscountAmt));
    return { ...view(h), InvoiceTotal: total, Balance: money(total - Number(h.DepositAmt)), Tracking: t.get(keyOf(h)) ?? [], Lines: l.get(keyOf(h)) ?? [] };
  });
}
