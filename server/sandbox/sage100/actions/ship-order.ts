import type { InStatement } from '@libsql/client';
import { stampNow, type SandboxContext } from '../context';
import type { Rec } from '../db/sql';
import { money, st } from '../db/sql';
import { invalid, noKey } from '../errors';
import { withTrackingAndLines } from '../invoices-read';
import { nextInvoiceNo, normalizeSalesOrderNo } from '../numbering';
import { isSageDate, sageDate } from '../sage-time';
import { computeTotals, documentTotal } from '../tax';
import { planShipment, type ShipLineRequest } from './ship-plan';
import { shipsWithoutPackages, trackingId } from './tracking';

export interface ShipRequest {
  SalesOrderNo: string;
  lines?: ShipLineRequest[];
  /** Number of packages (each gets a tracking number); 1 by default, 0 for pickup. */
  packages?: number;
  ShipDate?: string;
}

/**
 * A shipping entry: turns (part of) an open order into an unposted invoice (SO_InvoiceHeader)
 * with its packages (SO_InvoiceTracking). The order keeps what is left as backordered and stays
 * open; once everything has shipped it leaves the open-order file (history stays A until the
 * invoice is posted). Freight and discount go on the first invoice; the deposit is applied
 * invoice by invoice until used up.
 */
export async function shipOrder(ctx: SandboxContext, company: string, req: ShipRequest): Promise<Rec> {
  const no = normalizeSalesOrderNo(req.SalesOrderNo);
  return ctx.writes.run(company, async () => {
    const h = await ctx.sql.get('SELECT * FROM so_salesorderheader WHERE Company = ? AND SalesOrderNo = ?', [company, no]);
    if (!h) throw noKey(`Sales order ${no} is not in the open-order file`);
    ctx.locks.assertFree(company, 'SO_SalesOrder', no);
    if (h.OrderStatus === 'H') throw invalid('OrderStatus', `Sales order ${no} is on hold and cannot be shipped`);
    if (h.OrderType !== 'S' && h.OrderType !== 'B') throw invalid('OrderType', `Sales order ${no} is type ${h.OrderType}; only standard and back orders ship`);
    const lines = await ctx.sql.all('SELECT * FROM so_salesorderdetail WHERE Company = ? AND SalesOrderNo = ? ORDER BY LineSeqNo', [company, no]);
    const plan = planShipment(lines, req.lines);
    if (!plan.size) throw invalid('QuantityShipped', `Sales order ${no} has nothing left to ship`);
    const shipDate = req.ShipDate ?? sageDate(ctx.clock.now());
    if (!isSageDate(shipDate)) throw invalid('ShipDate', `ShipDate ${shipDate} is not a valid YYYYMMDD date`);

    const invoice = await nextInvoiceNo(ctx.sql, company, ctx.settings.invoiceNoLength);
    const inv = invoice.value;
    const s = stampNow(ctx);
    const stmts: InStatement[] = [invoice.advance];
    const invLines = lines.filter((l) => plan.has(l.LineKey as string)).map((l) => {
      const qty = plan.get(l.LineKey as string)!;
      const shippedAfter = Number(l.QuantityShipped) + qty;
      return { l, qty, shippedAfter, ExtensionAmt: money(qty * Number(l.UnitPrice)), TaxClass: String(l.TaxClass) };
    });
    const rate = await ctx.sql.get<{ TaxRate: number }>('SELECT TaxRate FROM sy_taxschedule WHERE Company = ? AND TaxSchedule = ?', [company, h.TaxSchedule]);
    const first = Number(h.FreightInvoiced) === 0;
    const freight = first ? Number(h.FreightAmt) : 0;
    const discount = first ? Number(h.DiscountAmt) : 0;
    const totals = computeTotals(invLines, Number(rate?.TaxRate ?? 0), discount);
    const total = documentTotal(totals, freight, discount);
    const deposit = money(Math.min(Number(h.DepositAmt) - Number(h.DepositApplied), total));
    const complete = lines.every((l) => Number(l.ItemType) === 4 || (plan.get(l.LineKey as string) ?? 0) + Number(l.QuantityShipped) >= Number(l.QuantityOrdered));
    const orderTotal = (await ctx.sql.get<{ t: number }>('SELECT OrderTotal AS t FROM so_salesorderhistoryheader WHERE Company = ? AND SalesOrderNo = ?', [company, no]))?.t ?? 0;
    const relief = complete ? money(Number(orderTotal) - Number(h.InvoicedAmt)) : total;

    const fields = JSON.parse(String(h.Fields)) as Record<string, string>;
    const shipTo = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith('ShipTo')));
    stmts.push(st(
      `INSERT INTO so_invoiceheader (Company, InvoiceNo, InvoiceDate, ShipDate, SalesOrderNo, ARDivisionNo, CustomerNo, CustomerPONo,
        ShipVia, TaxSchedule, TaxableSalesAmt, NonTaxableSalesAmt, FreightAmt, DiscountAmt, SalesTaxAmt, DepositAmt, OpenOrderRelief,
        Fields, DateUpdated, TimeK) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [company, inv, sageDate(ctx.clock.now()), shipDate, no, h.ARDivisionNo, h.CustomerNo, h.CustomerPONo, h.ShipVia, h.TaxSchedule,
        totals.TaxableAmt, totals.NonTaxableAmt, freight, discount, totals.SalesTaxAmt, deposit, relief, JSON.stringify(shipTo), s.DateUpdated, s.TimeK]));
    invLines.forEach((x, i) => stmts.push(st(
      `INSERT INTO so_invoicedetail (Company, InvoiceNo, DetailSeqNo, OrderLineKey, ItemType, ItemCode, ItemCodeDesc, WarehouseCode,
        UnitOfMeasure, QuantityOrdered, QuantityShipped, QuantityBackordered, UnitPrice, ExtensionAmt, TaxClass)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [company, inv, i + 1, x.l.LineKey, x.l.ItemType, x.l.ItemCode, x.l.ItemCodeDesc, x.l.WarehouseCode, x.l.UnitOfMeasure,
        x.l.QuantityOrdered, x.qty, Math.max(0, Number(x.l.QuantityOrdered) - x.shippedAfter), x.l.UnitPrice, x.ExtensionAmt, x.TaxClass])));
    const carrier = (await ctx.sql.get<{ Carrier: string }>('SELECT Carrier FROM so_shippingrate WHERE Company = ? AND ShippingCode = ?', [company, h.ShipVia]))?.Carrier ?? 'UPS';
    const packages = req.packages ?? (shipsWithoutPackages(carrier) ? 0 : 1);
    const desc = (await ctx.sql.get<{ d: string }>('SELECT ShippingCodeDesc AS d FROM so_shippingrate WHERE Company = ? AND ShippingCode = ?', [company, h.ShipVia]))?.d ?? h.ShipVia;
    for (let p = 1; p <= packages; p++) {
      const packageNo = String(p).padStart(4, '0');
      stmts.push({
        sql: 'INSERT INTO so_invoicetracking (Company, InvoiceNo, PackageNo, TrackingID, StarshipShipVia, Weight) VALUES (?, ?, ?, ?, ?, ?)',
        args: [company, inv, packageNo, trackingId(carrier, String(h.ShipVia ?? ''), inv, packageNo), desc as string, 1 + ((p * 7 + inv.length) % 30)],
      });
    }
    stmts.push(...orderUpdates(company, no, lines, plan, complete, { total, deposit }, inv, s));
    await ctx.sql.write(stmts);
    const row = await ctx.sql.get('SELECT * FROM so_invoiceheader WHERE Company = ? AND InvoiceNo = ?', [company, inv]);
    return (await withTrackingAndLines(ctx.sql, 'so_invoice', company, [row!]))[0];
  });
}

/**
 * The order side of a shipment: shipped quantities, what is left becomes backordered on every
 * line, bookkeeping for the next invoice, history, and leaving the open file when done.
 */
function orderUpdates(company: string, no: string, lines: Rec[], plan: Map<string, number>, complete: boolean,
  amounts: { total: number; deposit: number }, inv: string, s: { DateUpdated: string; TimeK: number }): InStatement[] {
  const out: InStatement[] = [{
    sql: 'UPDATE so_salesorderhistoryheader SET LastInvoiceNo = ?, LastInvoiceDate = ?, DateUpdated = ?, TimeK = ? WHERE Company = ? AND SalesOrderNo = ?',
    args: [inv, s.DateUpdated, s.DateUpdated, s.TimeK, company, no],
  }];
  if (complete) {
    for (const t of ['so_salesorderheader', 'so_salesorderdetail', 'so_salesorderpayment']) {
      out.push({ sql: `DELETE FROM ${t} WHERE Company = ? AND SalesOrderNo = ?`, args: [company, no] });
    }
    return out;
  }
  for (const l of lines) {
    if (Number(l.ItemType) === 4) continue;
    const shippedAfter = Number(l.QuantityShipped) + (plan.get(l.LineKey as string) ?? 0);
    out.push({
      sql: `UPDATE so_salesorderdetail SET QuantityShipped = ?, QuantityBackordered = ? WHERE Company = ? AND SalesOrderNo = ? AND LineKey = ?`,
      args: [shippedAfter, Math.max(0, Number(l.QuantityOrdered) - shippedAfter), company, no, l.LineKey as string],
    });
  }
  out.push({
    sql: `UPDATE so_salesorderheader SET OrderStatus = 'O', InvoicedAmt = round(InvoicedAmt + ?, 2), DepositApplied = round(DepositApplied + ?, 2),
      FreightInvoiced = 1, DateUpdated = ?, TimeK = ? WHERE Company = ? AND SalesOrderNo = ?`,
    args: [amounts.total, amounts.deposit, s.DateUpdated, s.TimeK, company, no],
  });
  return out;
}
