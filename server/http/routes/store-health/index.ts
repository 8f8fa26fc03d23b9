import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { ApiDeps } from '../../api-deps';
import type { SessionEnv } from '../../middleware/session-auth';
import type { GatewayHealthCache } from '../../../monitoring/gateway-health';

/** The store's view of health (GET /api/health): database, worker and its Sage gateway. */
export function storeHealthRoutes(d: ApiDeps, health: GatewayHealthCache) {
  return new Hono<SessionEnv>().get('/', async (c) => {
    const { storeId } = c.get('session');
    let database = true;
    try {
      await d.db.run(sql`SELECT 1`);
    } catch {
      database = false;
    }
    const gateway = await health.get(storeId, c.req.query('fresh') === '1');
    const worker = d.workerHealth ? await d.workerHealth().catch((err: Error) => ({ ok: false, detail: err.message })) : null;
    const ok = database && gateway.ok && (worker ? worker.ok : true);
    return c.json({ status: ok ? ('ok' as const) : ('degraded' as const), database: { ok: database }, worker, gateway });
  });
}
