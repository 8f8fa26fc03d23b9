import { Hono } from 'hono';
import { faultAdminRoutes } from '../../faults/index';
import { cancelOrder } from '../actions/cancel-order';
import { generateInventory, touchInventory } from '../actions/inventory-bulk';
import { adjustStock, changeCustomerCredit, changeItem } from '../actions/master-data';
import { postInvoices } from '../actions/post-invoices';
import { shipOrder, type ShipRequest } from '../actions/ship-order';
import { sageAuth } from '../auth';
import { readBody } from '../body';
import type { SageEnv, SandboxContext } from '../context';
import { badRequest } from '../errors';
import { lockRoutes } from './lock-routes';
import { settingsRoutes } from './settings-routes';
import { stateRoutes } from './state-routes';

/**
 * /_admin: not part of the gateway contract. What a Sage user or the weather does to the
 * system — ship, post, cancel, change stock and prices, lock records, inject faults — for the
 * demo's activity and for tests. Needs the API key; the company header is optional.
 */
export function adminRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();
  app.use('*', sageAuth(ctx, { companyOptional: true }));
  app.route('/', faultAdminRoutes(ctx.faults) as unknown as Hono<SageEnv>);
  app.route('/', lockRoutes(ctx));
  app.route('/', settingsRoutes(ctx));
  app.route('/', stateRoutes(ctx));

  app.post('/ship', async (c) => {
    const body = await readBody(c);
    if (typeof body.SalesOrderNo !== 'string') throw badRequest('SalesOrderNo is required', 'SalesOrderNo');
    if (body.lines !== undefined && !Array.isArray(body.lines)) throw badRequest('lines must be an array', 'lines');
    if (body.packages !== undefined && !(Number.isInteger(body.packages) && Number(body.packages) >= 0 && Number(body.packages) <= 99)) {
      throw badRequest('packages must be a whole number from 0 to 99', 'packages');
    }
    return c.json(await shipOrder(ctx, c.get('company'), body as unknown as ShipRequest), 201);
  });
  app.post('/post', async (c) => {
    const body = await readBody(c).catch(() => ({} as Record<string, unknown>));
    const invoiceNo = typeof body.InvoiceNo === 'string' ? body.InvoiceNo : undefined;
    return c.json(await postInvoices(ctx, c.get('company'), { InvoiceNo: invoiceNo }));
  });
  app.post('/cancel', async (c) => {
    const body = await readBody(c);
    if (typeof body.SalesOrderNo !== 'string') throw badRequest('SalesOrderNo is required', 'SalesOrderNo');
    return c.json(await cancelOrder(ctx, c.get('company'), body.SalesOrderNo));
  });
  app.post('/stock', async (c) => c.json(await adjustStock(ctx, c.get('company'), await readBody(c))));
  app.patch('/item/:code{.+}', async (c) => c.json(await changeItem(ctx, c.get('company'), c.req.param('code'), await readBody(c))));
  app.patch('/customer/:key', async (c) => c.json(await changeCustomerCredit(ctx, c.get('company'), c.req.param('key'), await readBody(c))));
  app.post('/inventory/generate', async (c) => c.json(await generateInventory(ctx, c.get('company'), Number((await readBody(c)).rows)), 201));
  app.post('/inventory/touch', async (c) => c.json(await touchInventory(ctx, c.get('company'), (await readBody(c)).fraction as number)));
  return app;
}
