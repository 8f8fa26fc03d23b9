import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { issueSessionToken } from '../session';
import { optionalJson, readJson, validate } from '../validate';

const installBody = z.object({ storeId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(), storeName: z.string().min(1).max(100).optional(),
  adminUserEmail: z.string().email().optional() });
const sessionBody = z.object({ storeId: z.string().optional(), userId: z.string().min(1).optional(), email: z.string().email().optional(),
  ttlSec: z.number().int().min(1).max(60).optional() });
const rateBody = z.object({ enabled: z.boolean().optional(), perSecond: z.number().positive().optional(), burst: z.number().int().positive().optional() });
const oauthBody = z.object({ tokenLifetimeSec: z.number().int().min(1).max(86_400) });

/** Platform-side controls: install/uninstall, session tokens for the admin pages, API limits. */
export function adminStoreRoutes(ctx: SandboxContext) {
  const app = new Hono();
  app.get('/stores', async (c) => c.json((await ctx.stores.list()).map((s) => ({
    storeId: s.id, storeName: s.name, status: s.status, clientId: s.client_id, apiBaseUrl: ctx.apiBaseUrl,
    adminUserEmail: s.admin_email, installedAt: s.installed_at && new Date(s.installed_at).toISOString(),
  }))));
  app.post('/stores', async (c) => c.json(await ctx.lifecycle.installStore(validate(installBody, await optionalJson(c))), 201));
  app.delete('/stores/:id', async (c) => c.json(await ctx.lifecycle.uninstallStore(c.req.param('id'))));

  // The simulated admin page asks for a token the way Clarity admin would hand one to its frame.
  app.post('/session-token', async (c) => {
    const b = validate(sessionBody, await optionalJson(c));
    const storeId = await ctx.resolveStore(b.storeId);
    return c.json({ token: await issueSessionToken(ctx, storeId, b, b.ttlSec) });
  });

  app.get('/rate-limit', (c) => c.json(ctx.rateLimiter.settings()));
  app.put('/rate-limit', async (c) => c.json(ctx.rateLimiter.configure(validate(rateBody, await readJson(c)))));
  app.get('/oauth', (c) => c.json(ctx.settings));
  app.put('/oauth', async (c) => {
    ctx.settings.tokenLifetimeSec = validate(oauthBody, await readJson(c)).tokenLifetimeSec;
    return c.json(ctx.settings);
  });
  return app;
}
