import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';

/** GET /AR/PaymentType: PaymentType, PaymentDesc, PaymentMethod (C check, O other, R credit card, D COD). */
export function paymentTypeRoutes(ctx: SandboxContext) {
  return new Hono<SageEnv>().get('/AR/PaymentType', async (c) =>
    c.json(await ctx.sql.all('SELECT PaymentType, PaymentDesc, PaymentMethod FROM ar_paymenttype WHERE Company = ? ORDER BY PaymentType', [c.get('company')])));
}
