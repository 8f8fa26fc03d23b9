import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';

/** GET /IM/Warehouse: the company's warehouses. */
export function warehouseRoutes(ctx: SandboxContext) {
  return new Hono<SageEnv>().get('/IM/Warehouse', async (c) =>
    c.json(await ctx.sql.all('SELECT WarehouseCode, WarehouseDesc FROM im_warehouse WHERE Company = ? ORDER BY WarehouseCode', [c.get('company')])));
}
