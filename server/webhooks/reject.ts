import type { Context } from 'hono';
import type { WebhookRejectReason } from '../connectors/clarity/webhook-signature';

/**
 * Every refusal answers the same JSON shape, `{ error: { code, message } }`, so Clarity's delivery
 * log (and a person reading it) sees why. Codes are stable; messages are for people.
 */
export type RejectStatus = 400 | 401 | 413 | 503;

export function reject(c: Context, status: RejectStatus, code: string, message: string) {
  if (status === 503) c.header('Retry-After', '5');
  return c.json({ error: { code, message } }, status);
}

/** A failed signature check as an answer: malformed headers are 400, anything else about the signature 401. */
export function signatureRejection(reason: WebhookRejectReason): { status: 400 | 401; code: string } {
  switch (reason) {
    case 'missing_headers': return { status: 400, code: 'MissingHeaders' };
    case 'bad_timestamp': return { status: 400, code: 'BadTimestamp' };
    case 'timestamp_expired': return { status: 401, code: 'TimestampExpired' };
    case 'timestamp_in_future': return { status: 401, code: 'TimestampInFuture' };
    case 'no_matching_signature': return { status: 401, code: 'BadSignature' };
  }
}
