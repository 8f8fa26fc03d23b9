import type { Clock } from '../core/clock';
import type { GatewayHealth } from '../contracts/dashboard';
import type { SageGateways } from '../sync/sage-gateway';

/**
 * Each store's Sage gateway GET /health (a read), remembered per store for `ttlMs` so the panel
 * refreshing every few seconds, a load balancer polling /health and the monitor never become load
 * on a merchant's gateway: at most one check per store is in flight, and at most `concurrency`
 * across stores. A check that takes longer than `timeoutMs` counts as failed (the request itself
 * ends on the gateway client's own timeout).
 */
export interface GatewayHealthOptions {
  ttlMs?: number;
  timeoutMs?: number;
  concurrency?: number;
}

export function gatewayHealthCache(gateways: SageGateways, clock: Clock, opts: GatewayHealthOptions = {}) {
  const ttlMs = opts.ttlMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const cache = new Map<string, GatewayHealth>();
  const pending = new Map<string, Promise<GatewayHealth>>();
  let active = 0;
  const queue: Array<() => void> = [];

  async function slot<T>(fn: () => Promise<T>): Promise<T> {
    if (active >= concurrency) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  }

  async function check(storeId: string): Promise<GatewayHealth> {
    const started = clock.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const gw = await gateways.forStore(storeId);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`The Sage 100 gateway did not answer its health check within ${timeoutMs / 1000} s.`)), timeoutMs);
      });
      const h = await Promise.race([gw.client.lookups.health(), timeout]);
      const up = h.sage === 'up';
      return {
        ok: up, sage: h.sage, company: h.company ?? gw.settings.company, version: h.version ?? null,
        latencyMs: clock.now() - started, error: up ? null : 'The gateway answers, but Sage is down (backup, licence, or service stopped).', checkedAt: clock.now(),
      };
    } catch (err) {
      return { ok: false, sage: null, company: null, version: null, latencyMs: null, error: (err as Error).message, checkedAt: clock.now() };
    } finally {
      clearTimeout(timer);
    }
  }

  function refresh(storeId: string): Promise<GatewayHealth> {
    let p = pending.get(storeId);
    if (!p) {
      p = slot(() => check(storeId)).then((h) => (cache.set(storeId, h), h)).finally(() => pending.delete(storeId));
      pending.set(storeId, p);
    }
    return p;
  }

  const fresh = (h: GatewayHealth | undefined): h is GatewayHealth => !!h && clock.now() - h.checkedAt < ttlMs;

  return {
    /** The store's gateway health: the remembered one while fresh, else a check (shared with any in flight). */
    async get(storeId: string, forceFresh = false): Promise<GatewayHealth> {
      const hit = cache.get(storeId);
      if (!forceFresh && fresh(hit)) return hit;
      return refresh(storeId);
    },
    /**
     * Several stores at once, for GET /health: stale ones are re-checked, but the answer waits at
     * most `waitMs`; a store whose check is still running then shows its last result, or null.
     */
    async many(storeIds: readonly string[], waitMs: number): Promise<Map<string, GatewayHealth | null>> {
      const checks = storeIds.map((id) => {
        const hit = cache.get(id);
        return fresh(hit) ? Promise.resolve(hit) : refresh(id);
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); });
      await Promise.race([Promise.allSettled(checks), deadline]);
      clearTimeout(timer);
      return new Map(storeIds.map((id) => [id, cache.get(id) ?? null]));
    },
    forget(storeId: string) {
      cache.delete(storeId);
    },
  };
}
export type GatewayHealthCache = ReturnType<typeof gatewayHealthCache>;
