import { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { notFound } from '../errors';
import type { EventRow } from '../webhooks/events-repo';

const view = (e: EventRow) => ({
  id: e.id, storeId: e.store_id, kind: e.kind, topic: e.topic, url: e.url, status: e.status,
  attemptCount: Number(e.attempt_count), createdAt: new Date(Number(e.created_at)).toISOString(),
  nextAttemptAt: e.next_attempt_at === null ? null : new Date(Number(e.next_attempt_at)).toISOString(),
});

/** What the platform sent and how each attempt went; retry and "run the sender now". */
export function adminWebhookRoutes(ctx: SandboxContext) {
  const app = new Hono();
  app.get('/webhooks', async (c) => {
    const q = c.req.query();
    const rows = await ctx.events.list({ storeId: q.storeId, topic: q.topic, status: q.status, kind: q.kind, limit: q.limit ? Number(q.limit) : undefined });
    return c.json(await Promise.all(rows.map(async (e) => ({ ...view(e), attempts: await ctx.events.attempts(e.id) }))));
  });
  app.get('/webhooks/:id', async (c) => {
    const e = await ctx.events.get(c.req.param('id'));
    if (!e) throw notFound(`Webhook ${c.req.param('id')}`);
    return c.json({ ...view(e), body: JSON.parse(e.body), attempts: await ctx.events.attempts(e.id) });
  });
  app.post('/webhooks/process', async (c) => c.json(await ctx.sender.processDue()));
  app.post('/webhooks/:id/retry', async (c) => {
    const e = await ctx.events.get(c.req.param('id'));
    if (!e || e.kind !== 'webhook') throw notFound(`Webhook ${c.req.param('id')}`);
    await ctx.events.retryNow(e.id, ctx.clock.now());
    return c.json((await ctx.sender.deliverNow(e.id)) ?? null);
  });
  return app;
}
