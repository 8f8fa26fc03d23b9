import { isUtf8 } from 'node:buffer';
import type { Context } from 'hono';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import {
  checkWebhookTimestamp, NO_MATCHING_SIGNATURE, signatureMatches, type WebhookHeaders, type WebhookVerification,
} from '../connectors/clarity/webhook-signature';
import { parseEnvelope } from './envelope';
import type { Intake, SignatureCheck } from './intake';
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
 * The signature of an event to store is checked by the intake where its rows are written (on the
 * writer thread for a database file), with the batch that stores it; the answers are the same.
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
    const store = secrets.cached(storeId) ?? await secrets.get(storeId);
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
    const stamped = checkWebhookTimestamp(headers, opts);
    if (!stamped.valid) return refuse(c, storeId, headers.id, stamped);

    const text = body.bytes.toString('utf8');
    const envelope = parseEnvelope(text);
    const routed = envelope.ok ? routeEvent(storeId, envelope.data.type, envelope.data.data) : null;
    // The common case (an event to store) hands its signature to the intake, which checks it
    // where the rows are written, off the event loop. Anything answered or acted on here instead
    // (a body that is not an event, an uninstall) is verified here first, so an unsigned request
    // learns nothing about its body. So is a body that is not UTF-8: the check elsewhere hashes
    // the text, which would no longer be the bytes that were signed.
    const handOff = routed?.ok === true && !routed.lifecycle && isUtf8(body.bytes);
    if (!handOff && !(await signedHere(storeId, store.webhookKey, headers, body.bytes))) {
      return refuse(c, storeId, headers.id, NO_MATCHING_SIGNATURE);
    }
    if (!envelope.ok) return reject(c, 400, envelope.code, envelope.message);
    const event = routed!; // routed whenever the envelope parsed
    if (!event.ok) return reject(c, 400, 'BadEvent', event.message);
    if (event.lifecycle === 'uninstall') {
      await lifecycle.uninstall(storeId, { via: 'webhook', webhookId: headers.id });
      return c.json({ ok: true, uninstalled: true });
    }

    const item = { storeId, webhookId: headers.id, topic: envelope.data.type, source: 'webhook' as const, body: text, subject: event.subject, job: event.job };
    try {
      let r = await intake.accept(item, handOff ? signatureCheck(store.webhookKey, headers) : undefined);
      if (r.signatureValid === false) {
        const key = await newerKey(storeId, store.webhookKey);
        if (key) r = await intake.accept(item, signatureCheck(key, headers));
      }
      if (r.signatureValid === false) return refuse(c, storeId, headers.id, NO_MATCHING_SIGNATURE);
      return c.json({ ok: true, duplicate: !r.stored, deliveryId: r.deliveryId });
    } catch (err) {
      log.warn({ err, storeId, webhookId: headers.id }, 'webhook could not be stored; Clarity will retry');
      return reject(c, 503, 'StorageUnavailable', 'the event could not be stored; retry later');
    }
  };

  /**
   * The signature checked on this thread (see handOff), its headers and timestamp being checked
   * already: under the store's key, or under a newer one if the store was reinstalled meanwhile.
   */
  async function signedHere(storeId: string, key: Buffer, headers: WebhookHeaders, bytes: Buffer): Promise<boolean> {
    const { id, timestamp, signature } = headers;
    if (signatureMatches(key, id!, timestamp!, signature!, bytes)) return true;
    const newer = await newerKey(storeId, key);
    return newer !== null && signatureMatches(newer, id!, timestamp!, signature!, bytes);
  }

  /**
   * After a signature did not match: the store's key read again from the database, if it changed
   * (the store was reinstalled, with a new secret, through another process); else null.
   */
  async function newerKey(storeId: string, key: Buffer): Promise<Buffer | null> {
    const fresh = await secrets.get(storeId, true);
    return fresh.status === 'active' && !fresh.webhookKey.equals(key) ? fresh.webhookKey : null;
  }

  function refuse(c: Context, storeId: string, webhookId: string, v: Extract<WebhookVerification, { valid: false }>) {
    log.debug({ storeId, webhookId, reason: v.reason }, 'webhook refused');
    const { status, code } = signatureRejection(v.reason);
    return reject(c, status, code, v.message);
  }
}

/**
 * What the intake needs to check a webhook's signature where it stores it. Defined here rather than
 * per request: under tsx, each named function made per request is wrapped to keep its name.
 */
function signatureCheck(key: Uint8Array, headers: WebhookHeaders): SignatureCheck {
  return { key, timestamp: headers.timestamp!, signature: headers.signature! };
}

/** A cheap look at an unverified body: is it an app.uninstalled event? */
function looksLikeUninstall(bytes: Buffer): boolean {
  try {
    return (JSON.parse(bytes.toString('utf8')) as { type?: unknown })?.type === 'app.uninstalled';
  } catch {
    return false;
  }
}
