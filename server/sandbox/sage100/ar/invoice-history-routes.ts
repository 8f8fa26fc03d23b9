import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';
import { withTrackingAndLines } from '../invoices-read';
import { pagedQuery, parsePaging } from '../paging';

/** GET /AR/InvoiceHistory?changedSince&page&pageSize (optionally &SalesOrderNo): posted invoices. */
export function invoiceHistoryRoutes(ctx: SandboxContext) {
  return new Hono<SageEnv>().get('/AR/InvoiceHistory', async (c) => {
    const company = c.get('company');
    const q = c.req.query();
    const where = ['Company = ?'];
    const args: unknown[] = [company];
    if (q.SalesOrderNo) { where.push('SalesOrderNo = ?'); args.push(q.SalesOrderNo); }
    const page = await pagedQuery(ctx, {
      from: 'ar_invoicehistoryheader', where, args, key: ['InvoiceNo', 'HeaderSeqNo'], paging: parsePaging(q),
    });
    return c.json({ ...page, Results: await withTrackingAndLines(ctx.sql, 'ar_invoicehistory', company, page.Results) });
  });
}
