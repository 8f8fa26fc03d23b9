import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signatures (contracts/clarity.md §3): HMAC-SHA256 keyed with the base64 part of
 * a `whsec_` secret, over `{id}.{timestamp}.{raw body}`, sent as space-separated `v1,<base64>`
 * entries (several while a secret rotates; one valid entry is enough).
 *
 * Verification returns a result instead of throwing: a bad signature is an expected input, and
 * the caller maps each reason to its HTTP answer.
 */
export const DEFAULT_TOLERANCE_SEC = 5 * 60;
const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HMAC_BYTES = 32;

export type WebhookRejectReason =
  | 'missing_headers'
  | 'bad_timestamp'
  | 'timestamp_expired'
  | 'timestamp_in_future'
  | 'no_matching_signature';

export type WebhookVerification =
  | { valid: true; id: string; timestampSec: number }
  | { valid: false; reason: WebhookRejectReason; message: string };

export interface WebhookHeaders {
  id?: string | null;
  timestamp?: string | null;
  signature?: string | null;
}

export interface VerifyOptions {
  /** Current time in ms (from the app's Clock). */
  nowMs: number;
  toleranceSec?: number;
}

/** Decodes a `whsec_<base64>` secret (the prefix is optional) into its HMAC key. */
export function decodeWebhookSecret(secret: string): Buffer {
  const raw = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(raw)) throw new Error('webhook secret must be whsec_ followed by base64');
  const key = Buffer.from(raw, 'base64');
  if (key.length === 0) throw new Error('webhook secret is empty');
  return key;
}

function toKey(secret: string | Buffer): Buffer {
  return typeof secret === 'string' ? decodeWebhookSecret(secret) : secret;
}

function mac(key: Uint8Array, id: string, timestampSec: number | string, body: string | Uint8Array): Buffer {
  const h = createHmac('sha256', key).update(`${id}.${timestampSec}.`);
  return (typeof body === 'string' ? h.update(body, 'utf8') : h.update(body)).digest();
}

/** The `v1,<base64>` signature of one message. */
export function signWebhook(secret: string | Buffer, id: string, timestampSec: number, body: string | Uint8Array): string {
  return `v1,${mac(toKey(secret), id, timestampSec, body).toString('base64')}`;
}

/**
 * Verifies one delivery. `secrets` may hold several keys (e.g. during our own rotation); any match
 * is enough. The timestamp is checked before the signature so stale replays cost no HMAC.
 */
export function verifyWebhook(
  secrets: string | Buffer | ReadonlyArray<string | Buffer>,
  headers: WebhookHeaders,
  body: string | Uint8Array,
  opts: VerifyOptions,
): WebhookVerification {
  const checked = checkWebhookTimestamp(headers, opts);
  if (!checked.valid) return checked;
  const keys = ((Array.isArray(secrets) ? secrets : [secrets]) as Array<string | Buffer>).map(toKey);
  return signatureMatches(keys, checked.id, headers.timestamp!, headers.signature!, body) ? checked : NO_MATCHING_SIGNATURE;
}

/** The answer when no signature entry matches (also for a check made elsewhere: see signatureMatches). */
export const NO_MATCHING_SIGNATURE = {
  valid: false, reason: 'no_matching_signature', message: 'no valid v1 signature for this store',
} as const satisfies WebhookVerification;

/**
 * Everything verifyWebhook checks but the signature itself: the three headers are there, and the
 * timestamp is Unix seconds within the tolerance. Cheap; the HMAC (signatureMatches) can then run
 * elsewhere, e.g. on the intake's writer thread.
 */
export function checkWebhookTimestamp(headers: WebhookHeaders, opts: VerifyOptions): WebhookVerification {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) {
    const missing = [!id && 'webhook-id', !timestamp && 'webhook-timestamp', !signature && 'webhook-signature'].filter(Boolean);
    return { valid: false, reason: 'missing_headers', message: `missing header(s): ${missing.join(', ')}` };
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { valid: false, reason: 'bad_timestamp', message: 'webhook-timestamp must be Unix seconds' };
  }
  const ts = Number(timestamp);
  const tolerance = opts.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const nowSec = Math.floor(opts.nowMs / 1000);
  if (nowSec - ts > tolerance) {
    return { valid: false, reason: 'timestamp_expired', message: `webhook-timestamp is more than ${tolerance} s old` };
  }
  if (ts - nowSec > tolerance) {
    return { valid: false, reason: 'timestamp_in_future', message: `webhook-timestamp is more than ${tolerance} s ahead` };
  }
  return { valid: true, id, timestampSec: ts };
}

/**
 * Whether one of the `v1,<base64>` entries of a webhook-signature header is the HMAC of
 * `{id}.{timestamp}.{body}` under `key` (or under one of several keys). Every entry is compared,
 * without stopping early: the time taken does not reveal which entry (or how much of it) matched.
 */
export function signatureMatches(
  key: Uint8Array | readonly Uint8Array[], id: string, timestamp: string, signature: string, body: string | Uint8Array,
): boolean {
  const candidates: Buffer[] = [];
  for (const entry of signature.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const b64 = entry.slice(comma + 1);
    if (!BASE64.test(b64)) continue;
    const bytes = Buffer.from(b64, 'base64');
    if (bytes.length === HMAC_BYTES) candidates.push(bytes);
  }
  if (candidates.length === 0) return false;
  for (const k of key instanceof Uint8Array ? [key] : key) {
    const expected = mac(k, id, timestamp, body);
    let ok = false;
    for (const c of candidates) ok = timingSafeEqual(c, expected) || ok;
    if (ok) return true;
  }
  return false;
}
