import type { Clock } from '../core/clock';
import type { Db } from '../db/client';
import { listActiveStoreIds } from '../db/repos/installations.repo';
import { jobsWaitingLongerThan } from '../db/repos/monitoring.repo';
import type { GatewayHealthCache } from './gateway-health';
import { fmtDuration } from './kinds';

/**
 * GET /health's non-critical probes (shaped like http/routes/health.ts's HealthProbe; monitoring
 * does not import http). Neither takes the process out of service: one merchant's Sage being down,
 * or workers elsewhere falling behind, is no reason for a load balancer to stop sending webhooks.
 */
interface Probe {
  name: string;
  critical: false;
  check(): Promise<{ ok: boolean; detail?: unknown }>;
}

/** Gateway errors can name a merchant's internal host; /health has no auth, so URLs are cut out. */
const scrub = (s: string | null) => (s === null ? null : s.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)'"]+/gi, '<url>'));

/** Each active store's Sage gateway, from the shared cache; answers within `waitMs` whatever Sage does. */
export function gatewaysProbe(d: { db: Db; health: GatewayHealthCache; waitMs?: number }): Probe {
  return {
    name: 'gateways',
    critical: false,
    async check() {
      const storeIds = await listActiveStoreIds(d.db);
      const results = await d.health.many(storeIds, d.waitMs ?? 2_000);
      const stores: Record<string, unknown> = {};
      let down = 0;
      for (const id of storeIds) {
        const h = results.get(id) ?? null;
        if (h && !h.ok) down++;
        stores[id] = h
          ? { ok: h.ok, sage: h.sage, company: h.company, version: h.version, latencyMs: h.latencyMs, checkedAt: h.checkedAt, error: scrub(h.error) }
          : { ok: null, checking: true };
      }
      return { ok: down === 0, detail: { total: storeIds.length, down, stores } };
    },
  };
}

/**
 * The oldest job that could run but has not started. The one signal left when every worker is
 * gone (then no monitor job runs either). Remembered for `cacheMs`: it reads the backlog.
 */
export function queueProbe(d: { db: Db; clock: Clock; maxWaitMs: number; cacheMs?: number }): Probe {
  let last: { at: number; value: { ok: boolean; detail?: unknown } } | null = null;
  return {
    name: 'queue',
    critical: false,
    async check() {
      const now = d.clock.now();
      if (last && now - last.at < (d.cacheMs ?? 5_000)) return last.value;
      const w = await jobsWaitingLongerThan(d.db, { now, minWaitMs: d.maxWaitMs });
      const value = w.oldest
        ? { ok: false, detail: { waitingLong: w.count, oldestKind: w.oldest.kind, oldestWaitMs: now - w.oldest.runAt,
          hint: `jobs have waited more than ${fmtDuration(d.maxWaitMs)} to start: is a worker running?` } }
        : { ok: true, detail: { waitingLong: 0 } };
      last = { at: now, value };
      return value;
    },
  };
}
