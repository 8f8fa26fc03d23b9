import type { Context } from 'hono';
import type { z } from 'zod';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { appInstalledSchema, appUninstalledSchema } from '../connectors/clarity/schemas';
import { decodeWebhookSecret, verifyWebhook } from '../connectors/clarity/webhook-signature';
import type { Lifecycle } from './lifecycle';
import { parseEvent, readBody } from './read-body';
import { reject, signatureRejection } from './reject';

/**
 * POST {lifecycle.installed} and {lifecycle.uninstalled}: signed like webhooks, but with the
 * listing's app secret (the store has no secret of ours yet, or no longer has one). The install
 * body carries the store's secrets in plain text: it is never stored or logged as received.
 */
export interface LifecycleRouteDeps {
  lifecycle: Lifecycle;
  /** The listing's app secret; several while it rotates (any one verifies). */
  appSecret: string | string[];
  clock: Clock;
  log: Logger;
  toleranceSec?: number;
}

type Verified<T> = { ok: true; event: T; webhookId: string } | { ok: false; response: Response };

async function verified<S extends z.ZodType>(c: Context, deps: LifecycleRouteDeps, key: Buffer[], schema: S): Promise<Verified<z.infer<S>>> {
  const headers = { id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') };
  const body = await readBody(c.req.raw);
  if (!body.ok) return { ok: false, response: reject(c, body.status, body.code, body.message) };
  const v = verifyWebhook(key, headers, body.bytes, { nowMs: deps.clock.now(), toleranceSec: deps.toleranceSec });
  if (!v.valid) {
    const { status, code } = signatureRejection(v.reason);
    deps.log.warn({ path: c.req.path, reason: v.reason }, 'lifecycle call refused');
    return { ok: false, response: reject(c, status, code, v.message) };
  }
  const parsed = parseEvent(body.bytes.toString('utf8'), schema);
  if (!parsed.ok) return { ok: false, response: reject(c, 400, parsed.code, parsed.message) };
  const storeHeader = c.req.header('clarity-store-id');
  const storeId = (parsed.data as { data: { storeId: string } }).data.storeId;
  if (storeHeader && storeHeader !== storeId) {
    return { ok: false, response: reject(c, 400, 'StoreMismatch', 'clarity-store-id does not match data.storeId') };
  }
  return { ok: true, event: parsed.data, webhookId: v.id };
}

export function lifecycleHandlers(deps: LifecycleRouteDeps) {
  const key = (Array.isArray(deps.appSecret) ? deps.appSecret : [deps.appSecret]).map(decodeWebhookSecret);
  return {
    async installed(c: Context) {
      const r = await verified(c, deps, key, appInstalledSchema);
      if (!r.ok) return r.response;
      const out = await deps.lifecycle.install(r.event.data, { via: 'lifecycle', webhookId: r.webhookId });
      return c.json({ ok: true, storeId: out.storeId, reinstalled: out.reinstalled });
    },
    async uninstalled(c: Context) {
      const r = await verified(c, deps, key, appUninstalledSchema);
      if (!r.ok) return r.response;
      const out = await deps.lifecycle.uninstall(r.event.data.storeId, { via: 'lifecycle', webhookId: r.webhookId });
      return c.json({ ok: true, storeId: out.storeId, uninstalled: true, repeat: out.previousStatus !== 'active' });
    },
  };
}
