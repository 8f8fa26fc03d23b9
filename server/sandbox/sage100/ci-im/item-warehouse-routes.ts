import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';
import { pagedQuery, parsePaging } from '../paging';
import { view } from '../views';

/**
 * GET /IM/ItemWarehouse?changedSince&WarehouseCode&ItemCode&page&pageSize — stock per item and
 * warehouse. Indexed on (DateUpdated, TimeK, key), with and without a warehouse filter.
 */
export function itemWarehouseRoutes(ctx: SandboxContext) {
  return new Hono<SageEnv>().get('/IM/ItemWarehouse', async (c) => {
    const q = c.req.query();
    const where = ['Company = ?'];
    const args: unknown[] = [c.get('company')];
    if (q.WarehouseCode) { where.push('WarehouseCode = ?'); args.push(q.WarehouseCode.toUpperCase()); }
    if (q.ItemCode) { where.push('ItemCode = ?'); args.push(q.ItemCode.toUpperCase()); }
    const page = await pagedQuery(ctx, {
      from: 'im_itemwarehouse', where, args, key: ['ItemCode', 'WarehouseCode'], paging: parsePaging(q),
    });
    return c.json({ ...page, Results: page.Results.map(view) });
  });
}
