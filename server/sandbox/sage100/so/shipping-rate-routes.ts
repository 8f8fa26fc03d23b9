import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';

/** GET /SO/ShippingRate: the ship-via codes (ShippingCode, ShippingCodeDesc). */
export function shippingRateRoutes(ctx: SandboxContext) {
  return new Hono<SageEnv>().get('/SO/ShippingRate', async (c) =>
    c.json(await ctx.sql.all('SELECT ShippingCode, ShippingCodeDesc FROM so_shippingrate WHERE Company = ? ORDER BY ShippingCode', [c.get('company')])));
}
