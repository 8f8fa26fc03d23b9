import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';
import { noKey } from '../errors';
import { normalizeSalesOrderNo } from '../numbering';
import { pagedQuery, parsePaging } from '../paging';
import { view } from '../views';

/**
 * GET /SO/SalesOrderHistory/{no}: OrderStatus A active, C completed, X deleted, Q quote, Z
 * deleted quote. Also ?changedSince paging (an addition to the contract) so a caller can find
 * completed and deleted orders without asking for each one.
 */
export function historyRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();
  app.get('/SO/SalesOrderHistory/:no', async (c) => {
    const no = normalizeSalesOrderNo(c.req.param('no'));
    const row = await ctx.sql.get('SELECT * FROM so_salesorderhistoryheader WHERE Company = ? AND SalesOrderNo = ?', [c.get('company'), no]);
    if (!row) throw noKey(`Sales order ${no} has no history`);
    return c.json(view(row));
  });
  app.get('/SO/SalesOrderHistory', async (c) => {
    const page = await pagedQuery(ctx, {
      from: 'so_salesorderhistoryheader', where: ['Company = ?'], args: [c.get('company')], key: ['SalesOrderNo'], paging: parsePaging(c.req.query()),
    });
    return c.json({ ...page, Results: page.Results.map(view) });
  });
  return app;
}
