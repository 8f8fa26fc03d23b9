import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';
import { badRequest } from '../errors';

/**
 * GET /IM/AliasItem?AliasItemNo= (or ?ItemCode=): [{ ItemCode, AliasItemNo, Type }] — how a
 * store SKU that differs from the Sage item code is found (Type G general, V vendor, C customer).
 */
export function aliasRoutes(ctx: SandboxContext) {
  return new Hono<SageEnv>().get('/IM/AliasItem', async (c) => {
    const { AliasItemNo, ItemCode } = c.req.query();
    if (!AliasItemNo && !ItemCode) throw badRequest('AliasItemNo or ItemCode is required');
    const column = AliasItemNo ? 'AliasItemNo' : 'ItemCode';
    const rows = await ctx.sql.all(
      `SELECT ItemCode, AliasItemNo, Type FROM im_aliasitem WHERE Company = ? AND ${column} = ? ORDER BY Type, ItemCode`,
      [c.get('company'), (AliasItemNo ?? ItemCode).toUpperCase()]);
    return c.json(rows);
  });
}
