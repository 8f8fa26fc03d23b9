import { Hono } from 'hono';
import { readBody } from '../body';
import type { SageEnv, SandboxContext, SandboxSettings } from '../context';
import { badRequest } from '../errors';

const LIMITS: Record<keyof SandboxSettings, [number, number]> = {
  writeLatencyMs: [0, 60_000],
  emailScanDelayMs: [0, 60_000],
  invoiceNoLength: [7, 20],
};

/** GET/PUT /_admin/settings: write latency, e-mail scan delay and invoice number length, at run time. */
export function settingsRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();
  app.get('/settings', (c) => c.json(ctx.settings));
  app.put('/settings', async (c) => {
    const body = await readBody(c);
    for (const [k, v] of Object.entries(body)) {
      const limits = LIMITS[k as keyof SandboxSettings];
      if (!limits) throw badRequest(`${k} is not a setting; settings are ${Object.keys(LIMITS).join(', ')}`, k);
      if (!Number.isInteger(v) || (v as number) < limits[0] || (v as number) > limits[1]) {
        throw badRequest(`${k} must be a whole number from ${limits[0]} to ${limits[1]}`, k);
      }
    }
    Object.assign(ctx.settings, body);
    return c.json(ctx.settings);
  });
  return app;
}
