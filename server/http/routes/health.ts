import { Hono } from 'hono';

export interface HealthProbe {
  name: string;
  check(): Promise<{ ok: boolean; detail?: unknown }>;
}

/**
 * GET /health: 200 when every probe is ok, 503 otherwise, with each probe's state. Probes are
 * registered by the composition root (database, worker, each store's Sage gateway).
 */
export function healthRoutes(probes: () => HealthProbe[]) {
  return new Hono().get('/health', async (c) => {
    const results = await Promise.all(
      probes().map(async (p) => {
        try {
          return [p.name, await p.check()] as const;
        } catch (err) {
          return [p.name, { ok: false, detail: (err as Error).message }] as const;
        }
      }),
    );
    const ok = results.every(([, r]) => r.ok);
    return c.json({ status: ok ? 'ok' : 'degraded', checks: Object.fromEntries(results) }, ok ? 200 : 503);
  });
}
