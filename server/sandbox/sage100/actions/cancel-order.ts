import type { InStatement } from '@libsql/client';
import { stampNow, type SandboxContext } from '../context';
import { money } from '../db/sql';
import { noKey } from '../errors';
import { normalizeSalesOrderNo } from '../numbering';
import { COMMITTING_TYPES } from '../so/order-fields';
import { changeOpenOrderAmt, raiseOnSalesOrder } from '../so/order-statements';

/**
 * Deletes an open order the way a Sage user does: what was not shipped comes off
 * QuantityOnSalesOrder and the customer's OpenOrderAmt, the order leaves the open-order file,
 * and its history says X (deleted) — or Z for a quote. Invoices already made stay.
 */
export async function cancelOrder(ctx: SandboxContext, company: string, salesOrderNo: string): Promise<{ SalesOrderNo: string; OrderStatus: string }> {
  const no = normalizeSalesOrderNo(salesOrderNo);
  return ctx.writes.run(company, async () => {
    const h = await ctx.sql.get('SELECT * FROM so_salesorderheader WHERE Company = ? AND SalesOrderNo = ?', [company, no]);
    if (!h) throw noKey(`Sales order ${no} is not in the open-order file`);
    ctx.locks.assertFree(company, 'SO_SalesOrder', no);
    const s = stampNow(ctx);
    const stmts: InStatement[] = [];
    if (COMMITTING_TYPES.has(String(h.OrderType))) {
      const lines = await ctx.sql.all('SELECT * FROM so_salesorderdetail WHERE Company = ? AND SalesOrderNo = ? AND ItemType = 1', [company, no]);
      for (const l of lines) {
        const left = Number(l.QuantityOrdered) - Number(l.QuantityShipped);
        if (left > 0) stmts.push(raiseOnSalesOrder(company, String(l.ItemCode), String(l.WarehouseCode), -left, s));
      }
      const hist = await ctx.sql.get<{ t: number }>('SELECT OrderTotal AS t FROM so_salesorderhistoryheader WHERE Company = ? AND SalesOrderNo = ?', [company, no]);
      const open = money(Number(hist?.t ?? 0) - Number(h.InvoicedAmt));
      stmts.push(changeOpenOrderAmt(company, String(h.ARDivisionNo), String(h.CustomerNo), -open, s));
    }
    const status = h.OrderType === 'Q' ? 'Z' : 'X';
    stmts.push(
      ...['so_salesorderheader', 'so_salesorderdetail', 'so_salesorderpayment'].map((t) => ({ sql: `DELETE FROM ${t} WHERE Company = ? AND SalesOrderNo = ?`, args: [company, no] })),
      { sql: 'UPDATE so_salesorderhistoryheader SET OrderStatus = ?, DateUpdated = ?, TimeK = ? WHERE Company = ? AND SalesOrderNo = ?', args: [status, s.DateUpdated, s.TimeK, company, no] },
    );
    await ctx.sql.write(stmts);
    return { SalesOrderNo: no, OrderStatus: status };
  });
}
