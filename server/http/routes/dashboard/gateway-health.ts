import type { Clock } from '../../../core/clock';
import type { GatewayHealth } from '../../../contracts/dashboard';
import type { SageGateways } from '../../../sync/sage-gateway';

/**
 * The Sage gateway's GET /health for a store (a read, allowed from here), remembered briefly per
 * store so a dashboard refreshing every few seconds does not become load on the merchant's gateway.
 */
export function gatewayHealthCache(gateways: SageGateways, clock: Clock, ttlMs = 30_000) {
  const cache = new Map<string, GatewayHealth>();
  const pending = new Map<string, Promise<GatewayHealth>>();

  async function check(storeId: string): Promise<GatewayHealth> {
    const started = clock.now();
    try {
      const gw = await gateways.forStore(storeId);
      const h = await gw.client.lookups.health();
      const up = h.sage === 'up';
      return {
        ok: up, sage: h.sage, company: h.company ?? gw.settings.company, version: h.version ?? null,
        latencyMs: clock.now() - started, error: up ? null : 'The gateway answers, but Sage is down (backup, licence, or service stopped).', checkedAt: clock.now(),
      };
    } catch (err) {
      return { ok: false, sage: null, company: null, version: null, latencyMs: null, error: (err as Error).message, checkedAt: clock.now() };
    }
  }

  return {
    async get(storeId: string, fresh = false): Promise<GatewayHealth> {
      const hit = cache.get(storeId);
      if (!fresh && hit && clock.now() - hit.checkedAt < ttlMs) return hit;
      let p = pending.get(storeId);
      if (!p) {
        p = check(storeId).then((h) => (cache.set(storeId, h), h)).finally(() => pending.delete(storeId));
        pending.set(storeId, p);
      }
      return p;
    },
    forget(storeId: string) {
      cache.delete(storeId);
    },
  };
}
export type GatewayHealthCache = ReturnType<typeof gatewayHealthCache>;
