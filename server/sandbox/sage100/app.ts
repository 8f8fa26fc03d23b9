import { Hono } from 'hono';
import { faultMiddleware, sageErrorBody } from '../faults/index';
import { adminRoutes } from './admin/routes';
import { customerRoutes } from './ar/customer-routes';
import { invoiceHistoryRoutes } from './ar/invoice-history-routes';
import { paymentTypeRoutes } from './ar/payment-type-routes';
import { sageAuth } from './auth';
import { aliasRoutes } from './ci-im/alias-routes';
import { itemRoutes } from './ci-im/item-routes';
import { itemWarehouseRoutes } from './ci-im/item-warehouse-routes';
import { warehouseRoutes } from './ci-im/warehouse-routes';
import type { SageEnv, SandboxContext } from './context';
import { sageOnError } from './errors';
import { historyRoutes } from './so/history-routes';
import { invoiceRoutes } from './so/invoice-routes';
import { salesOrderRoutes } from './so/sales-order-routes';
import { shippingRateRoutes } from './so/shipping-rate-routes';
import { healthRoutes } from './sy/health-routes';
import { zipRoutes } from './sy/zip-routes';

/**
 * The gateway's HTTP surface. /_admin and /health are registered first, so the fault middleware
 * never stands in front of them (an outage must not lock out the switch that ends it, and health
 * reports the outage instead of suffering it). Every other route passes faults → auth → handler.
 */
export function buildSageApp(ctx: SandboxContext, log?: (err: unknown) => void): Hono<SageEnv> {
  const app = new Hono<SageEnv>();
  app.onError(sageOnError(log));
  app.notFound((c) => c.json({ error: { code: 'BadRequest', message: `no gateway call ${c.req.method} ${c.req.path}` } }, 404));
  app.route('/_admin', adminRoutes(ctx));
  // Health stands before the faults too: during an outage the gateway is up and says Sage is down.
  app.use('/health', sageAuth(ctx));
  app.route('/', healthRoutes(ctx));

  app.use('*', faultMiddleware(ctx.faults, { clock: ctx.clock, errorBody: sageErrorBody }));
  app.use('*', sageAuth(ctx));
  for (const group of [
    salesOrderRoutes, historyRoutes, invoiceRoutes, shippingRateRoutes,
    customerRoutes, paymentTypeRoutes, invoiceHistoryRoutes,
    itemRoutes, itemWarehouseRoutes, aliasRoutes, warehouseRoutes, zipRoutes,
  ]) app.route('/', group(ctx));
  return app;
}
