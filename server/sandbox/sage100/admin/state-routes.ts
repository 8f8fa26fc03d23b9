import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';

const COUNTS: Record<string, string> = {
  items: 'ci_item',
  itemWarehouses: 'im_itemwarehouse',
  aliases: 'im_aliasitem',
  customers: 'ar_customer',
  openOrders: 'so_salesorderheader',
  unpostedInvoices: 'so_invoiceheader',
  postedInvoices: 'ar_invoicehistoryheader',
};

/** GET /_admin/state: how much of everything the company holds, plus history by status, locks and settings. */
export function stateRoutes(ctx: SandboxContext) {
  return new Hono<SageEnv>().get('/state', async (c) => {
    const company = c.get('company');
    const counts: Record<string, number> = {};
    for (const [name, table] of Object.entries(COUNTS)) {
      counts[name] = Number((await ctx.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE Company = ?`, [company]))?.n ?? 0);
    }
    const history = await ctx.sql.all<{ OrderStatus: string; n: number }>(
      'SELECT OrderStatus, COUNT(*) AS n FROM so_salesorderhistoryheader WHERE Company = ? GROUP BY OrderStatus', [company]);
    return c.json({
      company,
      counts,
      historyByStatus: Object.fromEntries(history.map((h) => [h.OrderStatus, Number(h.n)])),
      locks: ctx.locks.list(company),
      settings: ctx.settings,
      now: ctx.clock.now(),
    });
  });
}
