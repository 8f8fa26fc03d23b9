import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';
import { noKey } from '../errors';
import { withTrackingAndLines } from '../invoices-read';
import { pagedQuery, parsePaging } from '../paging';

/** GET /SO/Invoice?changedSince — unposted shipping entries with packages and tracking — and /SO/Invoice/{no}. */
export function invoiceRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();
  app.get('/SO/Invoice', async (c) => {
    const company = c.get('company');
    const page = await pagedQuery(ctx, {
      from: 'so_invoiceheader', where: ['Company = ?'], args: [company], key: ['InvoiceNo'], paging: parsePaging(c.req.query()),
    });
    return c.json({ ...page, Results: await withTrackingAndLines(ctx.sql, 'so_invoice', company, page.Results) });
  });
  app.get('/SO/Invoice/:no', async (c) => {
    const company = c.get('company');
    const row = await ctx.sql.get('SELECT * FROM so_invoiceheader WHERE Company = ? AND InvoiceNo = ?', [company, c.req.param('no')]);
    if (!row) throw noKey(`Invoice ${c.req.param('no')} is not an unposted invoice`);
    return c.json((await withTrackingAndLines(ctx.sql, 'so_invoice', company, [row]))[0]);
  });
  return app;
}
