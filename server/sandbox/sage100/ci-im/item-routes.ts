import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';
import { noKey } from '../errors';
import { pagedQuery, parsePaging } from '../paging';
import { view } from '../views';

/** GET /CI/Item/{ItemCode} and GET /CI/Item?changedSince&page&pageSize. */
export function itemRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();
  // Item codes may contain "/" ("/FREIGHT"): the parameter takes the rest of the path.
  app.get('/CI/Item/:code{.+}', async (c) => {
    const code = c.req.param('code').toUpperCase();
    const row = await ctx.sql.get('SELECT * FROM ci_item WHERE Company = ? AND ItemCode = ?', [c.get('company'), code]);
    if (!row) throw noKey(`Item ${code} is not on file`);
    return c.json(view(row));
  });
  app.get('/CI/Item', async (c) => {
    const page = await pagedQuery(ctx, {
      from: 'ci_item', where: ['Company = ?'], args: [c.get('company')], key: ['ItemCode'], paging: parsePaging(c.req.query()),
    });
    return c.json({ ...page, Results: page.Results.map(view) });
  });
  return app;
}
