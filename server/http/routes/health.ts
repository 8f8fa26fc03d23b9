import { Hono } from 'hono';

export interface HealthProbe {
  name: string;
  /**
   * Whether this process is of no use while the probe fails (default true): the database, the
   * worker, the intake. Non-critical probes (each store's Sage gateway, the queue's progress)
   * only make the status "degraded": a load balancer must not take the connector out of service
   * because one merchant's Sage is down, or because workers elsewhere fell behind.
   */
  critical?: boolean;
  check(): Promise<{ ok: boolean; detail?: unknown }>;
}

/**
 * GET /health: 200 "ok" when every probe is ok, 200 "degraded" when only non-critical ones fail,
 * 503 "down" when a critical one fails; with each probe's state. Probes are registered by the
 * composition root. No probe may put a secret in its detail: this route has no auth.
 */
export function healthRoutes(probes: () => HealthProbe[]) {
  return new Hono().get('/health', async (c) => {
    const results = await Promise.all(
      probes().map(async (p) => {
        let r: { ok: boolean; detail?: unknown };
        try {
          r = await p.check();
        } catch (err) {
          r = { ok: false, detail: (err as Error).message };
        }
        return { name: p.name, critical: p.critical !== false, ...r };
      }),
    );
    const down = results.some((r) => !r.ok && r.critical);
    const degraded = results.some((r) => !r.ok);
    const status = down ? 'down' : degraded ? 'degraded' : 'ok';
    const checks = Object.fromEntries(results.map(({ name, critical, ...r }) => [name, critical ? r : { ...r, critical }]));
    return c.json({ status, checks }, down ? 503 : 200);
  });
}
