import { Hono } from 'hono';
import { sleep } from '../../../core/clock';
import { readBody } from '../body';
import type { SageEnv, SandboxContext } from '../context';
import { noKey } from '../errors';
import { parseCustomerKey } from '../numbering';
import { pagedQuery, parsePaging } from '../paging';
import { normalizeZip } from '../sy/zip-lookup';
import { view } from '../views';
import { createCustomer } from './create-customer';

/**
 * AR customers: read one by key, search (by e-mail — a slow full scan — or by name and ZIP —
 * indexed), page through changes, and create.
 */
export function customerRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();

  app.get('/AR/Customer/:key', async (c) => {
    const [division, customerNo] = parseCustomerKey(c.req.param('key'));
    const row = await ctx.sql.get('SELECT * FROM ar_customer WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?',
      [c.get('company'), division, customerNo]);
    if (!row) throw noKey(`Customer ${division}-${customerNo} is not on file`);
    return c.json(view(row));
  });

  app.get('/AR/Customer', async (c) => {
    const q = c.req.query();
    const company = c.get('company');
    if (q.EmailAddress !== undefined) {
      // AR_Customer has no index on EmailAddress: the gateway reads every customer. NOT INDEXED
      // keeps SQLite honest about that, and the delay makes the cost visible to the caller.
      if (ctx.settings.emailScanDelayMs > 0) await sleep(ctx.settings.emailScanDelayMs);
      const rows = await ctx.sql.all('SELECT * FROM ar_customer NOT INDEXED WHERE Company = ? AND lower(EmailAddress) = lower(?) ORDER BY ARDivisionNo, CustomerNo',
        [company, q.EmailAddress.trim()]);
      return c.json(rows.map(view));
    }
    if (q.CustomerName !== undefined || q.ZipCode !== undefined) {
      const where = ['Company = ?'];
      const args: unknown[] = [company];
      if (q.CustomerName) { where.push('CustomerName = ? COLLATE NOCASE'); args.push(q.CustomerName.trim()); }
      if (q.ZipCode) { where.push('(ZipCode = ? OR substr(ZipCode, 1, 5) = ?)'); args.push(q.ZipCode.trim(), normalizeZip(q.ZipCode)); }
      const rows = await ctx.sql.all(`SELECT * FROM ar_customer WHERE ${where.join(' AND ')} ORDER BY ARDivisionNo, CustomerNo`, args);
      return c.json(rows.map(view));
    }
    const page = await pagedQuery(ctx, {
      from: 'ar_customer', where: ['Company = ?'], args: [company], key: ['ARDivisionNo', 'CustomerNo'], paging: parsePaging(q),
    });
    return c.json({ ...page, Results: page.Results.map(view) });
  });

  app.post('/AR/Customer', async (c) => {
    const { customer, warnings } = await createCustomer(ctx, c.get('company'), await readBody(c));
    return c.json({ ...view(customer), Warnings: warnings }, 201);
  });
  return app;
}
