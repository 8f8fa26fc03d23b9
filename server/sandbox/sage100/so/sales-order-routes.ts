import { Hono } from 'hono';
import { readBody } from '../body';
import type { SageEnv, SandboxContext } from '../context';
import { badRequest, noKey } from '../errors';
import { normalizeCustomerNo, normalizeDivision, normalizeSalesOrderNo } from '../numbering';
import { pagedQuery, parsePaging } from '../paging';
import { timeUpdated } from '../sage-time';
import { createSalesOrder } from './create-order';
import { patchSalesOrder } from './patch-order';
import { loadOrder, withLines } from './read-order';

/** /SO/SalesOrder: create, read, the duplicate check, changedSince paging, and PATCH. */
export function salesOrderRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();

  app.post('/SO/SalesOrder', async (c) => {
    const { order, warnings } = await createSalesOrder(ctx, c.get('company'), await readBody(c));
    return c.json({ ...order, Warnings: warnings }, 201);
  });

  app.get('/SO/SalesOrder/:no', async (c) => {
    const company = c.get('company');
    const no = normalizeSalesOrderNo(c.req.param('no'));
    const order = await loadOrder(ctx.sql, company, no);
    if (order) return c.json(order);
    const hist = await ctx.sql.get<{ OrderStatus: string }>('SELECT OrderStatus FROM so_salesorderhistoryheader WHERE Company = ? AND SalesOrderNo = ?', [company, no]);
    throw noKey(hist
      ? `Sales order ${no} is no longer in the open-order file; see /SO/SalesOrderHistory/${no} (status ${hist.OrderStatus})`
      : `Sales order ${no} is not on file`);
  });

  app.get('/SO/SalesOrder', async (c) => {
    const q = c.req.query();
    const company = c.get('company');
    if (q.CustomerPONo !== undefined || q.CustomerNo !== undefined) {
      // The duplicate check walks the ARDivisionNo + CustomerNo + CustomerPONo index. It reads the
      // history file, where every order ever entered has a row, so an order already shipped and
      // gone from the open-order file is still found (see README).
      if (!q.ARDivisionNo || !q.CustomerNo) throw badRequest('the duplicate check needs ARDivisionNo, CustomerNo and CustomerPONo');
      const where = ['h.Company = ?', 'h.ARDivisionNo = ?', 'h.CustomerNo = ?'];
      const args: unknown[] = [company, normalizeDivision(q.ARDivisionNo), normalizeCustomerNo(q.CustomerNo)];
      if (q.CustomerPONo !== undefined) { where.push('h.CustomerPONo = ?'); args.push(q.CustomerPONo); }
      const rows = await ctx.sql.all(
        `SELECT h.SalesOrderNo, h.ARDivisionNo, h.CustomerNo, h.CustomerPONo, h.OrderDate, h.OrderType, o.OrderStatus,
           h.OrderStatus AS HistoryStatus, COALESCE(o.DateUpdated, h.DateUpdated) AS DateUpdated, COALESCE(o.TimeK, h.TimeK) AS TimeK
         FROM so_salesorderhistoryheader h LEFT JOIN so_salesorderheader o ON o.Company = h.Company AND o.SalesOrderNo = h.SalesOrderNo
         WHERE ${where.join(' AND ')} ORDER BY h.SalesOrderNo`, args);
      return c.json(rows.map(({ TimeK, ...r }) => ({ ...r, InOpenFile: r.OrderStatus !== null, TimeUpdated: timeUpdated(Number(TimeK)) })));
    }
    const page = await pagedQuery(ctx, {
      from: 'so_salesorderheader', where: ['Company = ?'], args: [company], key: ['SalesOrderNo'], paging: parsePaging(q),
    });
    return c.json({ ...page, Results: await withLines(ctx.sql, company, page.Results) });
  });

  app.patch('/SO/SalesOrder/:no', async (c) => {
    const no = normalizeSalesOrderNo(c.req.param('no'));
    const { order, warnings } = await patchSalesOrder(ctx, c.get('company'), no, await readBody(c));
    return c.json({ ...order, Warnings: warnings });
  });
  return app;
}
