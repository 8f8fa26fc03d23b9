import { stampNow, type SandboxContext } from '../context';
import type { Rec } from '../db/sql';
import { money } from '../db/sql';
import { invalid } from '../errors';
import { nextSalesOrderNo } from '../numbering';
import { computeTotals, documentTotal } from '../tax';
import { checkCredit } from './credit';
import { checkHeaderShape, resolveHeader } from './header-rules';
import { checkLineShape, resolveLine, type LineDraft } from './line-rules';
import { COMMITTING_TYPES } from './order-fields';
import { orderInsertStatements } from './order-statements';
import { checkPaymentShape, resolvePayment, type PaymentDraft } from './payment-rules';
import { loadOrder } from './read-order';

/**
 * POST /SO/SalesOrder. Shape checks run first; everything that reads Sage's files runs inside
 * the company's write lock (one BOI session), so a credit check and the order that follows it
 * see the same balance. A duplicate CustomerPONo is only a Warning — Sage never stops one.
 */
export async function createSalesOrder(ctx: SandboxContext, company: string, body: Rec): Promise<{ order: Rec; warnings: string[] }> {
  checkHeaderShape(body);
  const rawLines = (body.Lines ?? []) as unknown[];
  const rawPayments = (body.Payments ?? []) as unknown[];
  rawLines.forEach((l, i) => checkLineShape(l, i + 1));
  rawPayments.forEach((p, i) => checkPaymentShape(p, i + 1));
  if (!rawLines.length) throw invalid('Lines', 'A sales order needs at least one line');

  return ctx.writes.run(company, async () => {
    const warnings: string[] = [];
    const header = await resolveHeader(ctx.sql, company, body, ctx.clock.now(), warnings);
    ctx.locks.assertFree(company, 'AR_Customer', `${header.ARDivisionNo}-${header.CustomerNo}`);
    const lines: LineDraft[] = [];
    for (const [i, l] of rawLines.entries()) lines.push(await resolveLine(ctx.sql, company, l as Rec, i + 1, header.WarehouseCode, warnings));
    const payments: PaymentDraft[] = [];
    for (const [i, p] of rawPayments.entries()) payments.push(await resolvePayment(ctx.sql, company, p as Rec, i + 1, warnings));

    const rate = await ctx.sql.get<{ TaxRate: number }>('SELECT TaxRate FROM sy_taxschedule WHERE Company = ? AND TaxSchedule = ?', [company, header.TaxSchedule]);
    const totals = computeTotals(lines, Number(rate?.TaxRate ?? 0), header.DiscountAmt);
    const total = documentTotal(totals, header.FreightAmt, header.DiscountAmt);
    const deposit = header.DepositAmt ?? money(payments.filter((p) => p.PaymentTypeCategory === 'D').reduce((s, p) => s + p.TransactionAmt, 0));
    const commits = COMMITTING_TYPES.has(header.OrderType);
    if (commits && header.OrderStatus !== 'H') checkCredit(header.customer, total);

    if (header.CustomerPONo) {
      const dup = await ctx.sql.get<{ SalesOrderNo: string }>(
        'SELECT SalesOrderNo FROM so_salesorderhistoryheader WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ? AND CustomerPONo = ? ORDER BY SalesOrderNo LIMIT 1',
        [company, header.ARDivisionNo, header.CustomerNo, header.CustomerPONo]);
      if (dup) warnings.push(`Customer PO number ${header.CustomerPONo} already exists on sales order ${dup.SalesOrderNo}`);
    }

    let no = header.SalesOrderNo;
    const numbering = [];
    if (no) {
      const taken = await ctx.sql.get('SELECT 1 FROM so_salesorderhistoryheader WHERE Company = ? AND SalesOrderNo = ?', [company, no]);
      if (taken) throw invalid('SalesOrderNo', `Sales order ${no} already exists`);
    } else {
      const next = await nextSalesOrderNo(ctx.sql, company);
      no = next.value;
      numbering.push(next.advance);
    }
    const draft = { no, header, lines, payments, totals, total, deposit, commits };
    await ctx.sql.write([...numbering, ...orderInsertStatements(company, draft, stampNow(ctx))]);
    return { order: (await loadOrder(ctx.sql, company, no))!, warnings };
  });
}
