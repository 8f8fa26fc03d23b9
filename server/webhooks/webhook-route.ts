import type { Context } from 'hono';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { verifyWebhook, type WebhookVerification } from '../connectors/clarity/webhook-signature';
import { parseEnvelope } from './envelope';
import type { Intake } from './intake';
import type { Lifecycle } from './lifecycle';
import { readBody } from './read-body';
import { reject, signatureRejection } from './reject';
import { nodeRequest, requestHeaders } from './request-headers';
import type { StoreSecrets } from './store-secrets';
import { routeEvent } from './topics';

/**
 * POST {webhooks.path}: verify → store (delivery + job, one transaction) → 2xx.
 * Checks run cheapest first and nothing is stored unless every one passes:
 *   400 missing/invalid headers · 401 unknown store · 413 body over the limit · 401 uninstalled
 *   store, stale/future timestamp, no valid signature · 400 body not JSON or not an event.
 * A repeat of a stored webhook-id (or of an order version already taken) answers 200, unchanged.
 */
export interface WebhookRouteDeps {
  intake: Intake;
  lifecycle: Lifecycle;
  secrets: StoreSecrets;
  clock: Clock;
  log: Logger;
  maxBodyBytes?: number;
  toleranceSec?: number;
}

const MAX_ID_LENGTH = 200;

export function webhookHandler(deps: WebhookRouteDeps) {
  const { intake, lifecycle, secrets, clock, log } = deps;

  return async function handleWebhook(c: Context) {
    const header = requestHeaders(c);
    const storeId = header('clarity-store-id');
    const headers = { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') };
    if (!storeId || !headers.id || !headers.timestamp || !headers.signature) {
      const missing = ['clarity-store-id', 'webhook-id', 'webhook-timestamp', 'webhook-signature']
        .filter((h) => !header(h));
      return reject(c, 400, 'MissingHeaders', `missing header(s): ${missing.join(', ')}`);
    }
    if (storeId.length > MAX_ID_LENGTH || headers.id.length > MAX_ID_LENGTH) {
      return reject(c, 400, 'BadHeaders', `clarity-store-id and webhook-id are at most ${MAX_ID_LENGTH} characters`);
    }

    // The store first: a request for no store of ours is refused before its body is read.
    let store = secrets.cached(storeId) ?? await secrets.get(storeId);
    if (store.status === 'unknown') return reject(c, 401, 'UnknownStore', 'no installation for this clarity-store-id');
    const body = await readBody(c.req.raw, deps.maxBodyBytes, header('content-length'), nodeRequest(c));
    if (!body.ok) return reject(c, body.status, body.code, body.message);
    if (store.status === 'uninstalled') {
      // A repeated app.uninstalled cannot be verified any more (its secret is erased) and needs
      // nothing done: acknowledge it so Clarity stops retrying. Everything else is refused.
      if (looksLikeUninstall(body.bytes)) return c.json({ ok: true, uninstalled: true, repeat: true });
      return reject(c, 401, 'StoreUninstalled', 'the app is uninstalled for this store');
    }
    const opts = { nowMs: clock.now(), toleranceSec: deps.toleranceSec };
    let v: WebhookVerification = verifyWebhook(store.webhookKey, headers, body.bytes, opts);
    if (!v.valid && v.reason === 'no_matching_signature') {
      // Maybe the store was reinstalled (new secret) through another process: read it once more.
      store = await secrets.get(storeId, true);
      if (store.status === 'active') v = verifyWebhook(store.webhookKey, headers, body.bytes, opts);
    }
    if (!v.valid) {
      log.debug({ storeId, webhookId: headers.id, reason: v.reason }, 'webhook refused');
      const { status, code } = signatureRejection(v.reason);
      return reject(c, status, code, v.message);
    }

    const text = body.bytes.toString('utf8');
    const envelope = parseEnvelope(text);
    if (!envelope.ok) return reject(c, 400, envelope.code, envelope.message);
    const { type, data } = envelope.data;
    const routed = routeEvent(storeId, type, data);
    if (!routed.ok) return reject(c, 400, 'BadEvent', routed.message);

    if (routed.lifecycle === 'uninstall') {
      await lifecycle.uninstall(storeId, { via: 'webhook', webhookId: headers.id });
      return c.json({ ok: true, uninstalled: true });
    }

    try {
      const r = await intake.accept({
        storeId, webhookId: headers.id, topic: type, source: 'webhook', body: text, subject: routed.subject, job: routed.job,
      });
      return c.json({ ok: true, duplicate: !r.stored, deliveryId: r.deliveryId });
    } catch (err) {
      log.warn({ err, storeId, webhookId: headers.id }, 'webhook could not be stored; Clarity will retry');
      return reject(c, 503, 'StorageUnavailable', 'the event could not be stored; retry later');
    }
  };
}

/** A cheap look at an unverified body: is it an app.uninstalled event? */
function looksLikeUninstall(bytes: Buffer): boolean {
  try {
    return (JSON.parse(bytes.toString('utf8')) as { type?: unknown })?.type === 'app.uninstalled';
  } catch {
    return false;
  }
}
