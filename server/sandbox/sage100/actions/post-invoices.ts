import type { InStatement } from '@libsql/client';
import { stampNow, type SandboxContext } from '../context';
import type { Rec } from '../db/sql';
import { money } from '../db/sql';
import { noKey } from '../errors';
import { sageDate, sageStamp, type SageStamp } from '../sage-time';

const HEADER_COLS = `InvoiceDate, ShipDate, SalesOrderNo, ARDivisionNo, CustomerNo, CustomerPONo, ShipVia, TaxSchedule, TaxableSalesAmt,
  NonTaxableSalesAmt, FreightAmt, DiscountAmt, SalesTaxAmt, DepositAmt, OpenOrderRelief, Fields`;
const DETAIL_COLS = `DetailSeqNo, OrderLineKey, ItemType, ItemCode, ItemCodeDesc, WarehouseCode, UnitOfMeasure, QuantityOrdered,
  QuantityShipped, QuantityBackordered, UnitPrice, ExtensionAmt, TaxClass`;

export interface PostOptions {
  InvoiceNo?: string;
  /** Post only invoices whose stamp is at least this old (the demo posts yesterday's shipments). */
  olderThanMs?: number;
}

/**
 * The Sales Journal update: moves unposted invoices to AR_InvoiceHistory*, lowers on-hand and
 * on-sales-order per item-warehouse, moves the amount from the customer's open orders to their
 * balance (less the deposit already paid), and marks the order's history C once nothing of it
 * is left open or unposted. Each invoice posts in its own transaction.
 */
export async function postInvoices(ctx: SandboxContext, company: string, opts: PostOptions = {}): Promise<{ posted: string[] }> {
  return ctx.writes.run(company, async () => {
    const where = ['Company = ?'];
    const args: unknown[] = [company];
    if (opts.InvoiceNo) { where.push('InvoiceNo = ?'); args.push(opts.InvoiceNo); }
    const invoices = await ctx.sql.all(`SELECT * FROM so_invoiceheader WHERE ${where.join(' AND ')} ORDER BY InvoiceNo`, args);
    if (opts.InvoiceNo && !invoices.length) throw noKey(`Invoice ${opts.InvoiceNo} is not an unposted invoice`);
    const cutoff = opts.olderThanMs === undefined ? undefined : sageStamp(ctx.clock.now() - opts.olderThanMs);
    const posted: string[] = [];
    for (const inv of invoices) {
      if (cutoff && !notAfter(inv, cutoff)) continue;
      await ctx.sql.write(await postStatements(ctx, company, inv, stampNow(ctx)));
      posted.push(String(inv.InvoiceNo));
    }
    return { posted };
  });
}

const notAfter = (row: Rec, s: SageStamp) =>
  String(row.DateUpdated) < s.DateUpdated || (row.DateUpdated === s.DateUpdated && Number(row.TimeK) <= s.TimeK);

async function postStatements(ctx: SandboxContext, company: string, inv: Rec, s: SageStamp): Promise<InStatement[]> {
  const no = String(inv.InvoiceNo);
  const seqRow = await ctx.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM ar_invoicehistoryheader WHERE Company = ? AND InvoiceNo = ?', [company, no]);
  const seq = String(Number(seqRow?.n ?? 0)).padStart(6, '0');
  const lines = await ctx.sql.all('SELECT * FROM so_invoicedetail WHERE Company = ? AND InvoiceNo = ?', [company, no]);
  const total = money(Number(inv.TaxableSalesAmt) + Number(inv.NonTaxableSalesAmt) + Number(inv.FreightAmt) + Number(inv.SalesTaxAmt) - Number(inv.DiscountAmt));
  const out: InStatement[] = [
    { sql: `INSERT INTO ar_invoicehistoryheader (Company, InvoiceNo, HeaderSeqNo, PostedDate, ${HEADER_COLS}, DateUpdated, TimeK)
        SELECT Company, InvoiceNo, ?, ?, ${HEADER_COLS}, ?, ? FROM so_invoiceheader WHERE Company = ? AND InvoiceNo = ?`,
      args: [seq, sageDate(ctx.clock.now()), s.DateUpdated, s.TimeK, company, no] },
    { sql: `INSERT INTO ar_invoicehistorydetail (Company, InvoiceNo, HeaderSeqNo, ${DETAIL_COLS})
        SELECT Company, InvoiceNo, ?, ${DETAIL_COLS} FROM so_invoicedetail WHERE Company = ? AND InvoiceNo = ?`, args: [seq, company, no] },
    { sql: `INSERT INTO ar_invoicehistorytracking (Company, InvoiceNo, HeaderSeqNo, PackageNo, TrackingID, StarshipShipVia, Weight)
        SELECT Company, InvoiceNo, ?, PackageNo, TrackingID, StarshipShipVia, Weight FROM so_invoicetracking WHERE Company = ? AND InvoiceNo = ?`,
      args: [seq, company, no] },
    ...['so_invoiceheader', 'so_invoicedetail', 'so_invoicetracking'].map((t) => ({ sql: `DELETE FROM ${t} WHERE Company = ? AND InvoiceNo = ?`, args: [company, no] })),
    { sql: `UPDATE ar_customer SET OpenOrderAmt = max(0, round(OpenOrderAmt - ?, 2)), CurrentBalance = round(CurrentBalance + ?, 2),
        DateUpdated = ?, TimeK = ? WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?`,
      args: [Number(inv.OpenOrderRelief), money(total - Number(inv.DepositAmt)), s.DateUpdated, s.TimeK, company, inv.ARDivisionNo as string, inv.CustomerNo as string] },
  ];
  for (const l of lines) {
    if (Number(l.ItemType) !== 1) continue;
    const qty = Number(l.QuantityShipped);
    out.push({
      sql: `UPDATE im_itemwarehouse SET QuantityOnHand = QuantityOnHand - ?, QuantityOnSalesOrder = max(0, QuantityOnSalesOrder - ?),
        DateUpdated = ?, TimeK = ? WHERE Company = ? AND ItemCode = ? AND WarehouseCode = ?`,
      args: [qty, qty, s.DateUpdated, s.TimeK, company, l.ItemCode as string, l.WarehouseCode as string],
    }, {
      sql: 'UPDATE ci_item SET TotalQuantityOnHand = TotalQuantityOnHand - ?, DateUpdated = ?, TimeK = ? WHERE Company = ? AND ItemCode = ?',
      args: [qty, s.DateUpdated, s.TimeK, company, l.ItemCode as string],
    });
  }
  // Completed once the order has left the open file and no other invoice of it waits to post.
  out.push({
    sql: `UPDATE so_salesorderhistoryheader SET OrderStatus = 'C', DateUpdated = ?3, TimeK = ?4
      WHERE Company = ?1 AND SalesOrderNo = ?2 AND OrderStatus = 'A'
        AND NOT EXISTS (SELECT 1 FROM so_salesorderheader WHERE Company = ?1 AND SalesOrderNo = ?2)
        AND NOT EXISTS (SELECT 1 FROM so_invoiceheader WHERE Company = ?1 AND SalesOrderNo = ?2)`,
    args: [company, inv.SalesOrderNo as string, s.DateUpdated, s.TimeK],
  });
  return out;
}
