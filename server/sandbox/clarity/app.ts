import { Hono } from 'hono';
import { clarityErrorBody, faultAdminRoutes, faultMiddleware } from '../faults';
import { apiAuth, type ApiEnv } from './auth';
import type { SandboxContext } from './context';
import { clarityErrorResponse, errorBody } from './errors';
import { adminOrderRoutes } from './routes/admin-orders';
import { adminStoreRoutes } from './routes/admin-stores';
import { adminWebhookRoutes } from './routes/admin-webhooks';
import { catalogRoutes } from './routes/catalog';
import { inventoryRoutes } from './routes/inventory';
import { oauthRoutes } from './routes/oauth';
import { orderRoutes } from './routes/orders';
import { shipmentRoutes } from './routes/shipments';

/**
 * The sandbox's HTTP face. Contract routes (contracts/clarity.md): /oauth/token and /api/v1/*,
 * behind injected faults, then auth, then the per-store rate limit. /_admin/* is the platform's
 * own console (not part of the contract): no faults, no auth.
 * Fault rules match paths relative to /api/v1 ("POST /shipments") or to /oauth ("POST /token").
 */
export function createSandboxApp(ctx: SandboxContext): Hono {
  const app = new Hono();
  app.onError((err, c) => clarityErrorResponse(err, c));
  const faults = faultMiddleware(ctx.faults, { clock: ctx.clock, errorBody: clarityErrorBody });

  app.use('/oauth/*', faults);
  app.route('/', oauthRoutes({ ...ctx, lifetimeSec: () => ctx.settings.tokenLifetimeSec }));

  const api = new Hono<ApiEnv>();
  api.use('*', faults);
  api.use('*', apiAuth(ctx));
  api.use('*', ctx.rateLimiter.middleware);
  api.route('/', orderRoutes({ orders: ctx.orderRepo, service: ctx.orders }));
  api.route('/', shipmentRoutes({ service: ctx.shipments }));
  api.route('/', inventoryRoutes({ inventory: ctx.inventory, products: ctx.products, now: () => ctx.clock.now() }));
  api.route('/', catalogRoutes({
    products: ctx.products, customers: ctx.customers, now: () => ctx.clock.now(),
    onProductUpdated: (storeId, p) => ctx.sender.enqueue(storeId, 'product.updated', p),
  }));
  api.all('*', (c) => c.json(errorBody([`No API route for ${c.req.method} ${c.req.path}`]), 404));
  app.route('/api/v1', api);

  const admin = new Hono();
  admin.route('/', faultAdminRoutes(ctx.faults));
  admin.route('/', adminStoreRoutes(ctx));
  admin.route('/', adminWebhookRoutes(ctx));
  admin.route('/', adminOrderRoutes(ctx));
  app.route('/_admin', admin);

  app.all('*', (c) => c.json(errorBody([`No route for ${c.req.method} ${c.req.path}`]), 404));
  return app;
}
