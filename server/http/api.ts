import { Hono } from 'hono';
import type { ApiDeps } from './api-deps';
import { apiErrorHandler, noStore } from './middleware/api-errors';
import { sessionAuth, type SessionEnv } from './middleware/session-auth';
import { alertRoutes } from './routes/alerts/index';
import { auditRoutes } from './routes/audit/index';
import { dashboardRoutes } from './routes/dashboard/index';
import { gatewayHealthCache } from '../monitoring/gateway-health';
import { exceptionRoutes } from './routes/exceptions/index';
import { mappingRoutes } from './routes/mappings/index';
import { orderRoutes } from './routes/orders/index';
import { settingsRoutes } from './routes/settings/index';
import { storeHealthRoutes } from './routes/store-health/index';

/**
 * The app's API for the embedded panel, mounted at /api. Session tokens only: every route runs
 * behind sessionAuth and reads the store from the verified token, never from the request.
 * `ApiType` is what ui/ builds its typed client from (hc<ApiType>).
 */
export interface CreateApiOptions extends ApiDeps {
  /** Resolves a store's session keys (client id, secret, site) for verifying its tokens. */
  sessionKeys: Parameters<typeof sessionAuth>[0]['resolveStore'];
}

export function createApi(o: CreateApiOptions) {
  const health = o.gatewayHealth ?? gatewayHealthCache(o.gateways, o.clock);
  const app = new Hono<SessionEnv>();
  app.onError(apiErrorHandler(o.log));
  app.use('*', noStore);
  app.use('*', sessionAuth({ resolveStore: o.sessionKeys, clock: o.clock }));
  return app
    .route('/orders', orderRoutes(o))
    .route('/exceptions', exceptionRoutes(o))
    .route('/dashboard', dashboardRoutes(o, health))
    .route('/mappings', mappingRoutes(o))
    .route('/settings', settingsRoutes(o, health))
    .route('/audit', auditRoutes(o))
    .route('/alerts', alertRoutes(o))
    .route('/health', storeHealthRoutes(o, health));
}

export type ApiType = ReturnType<typeof createApi>;
