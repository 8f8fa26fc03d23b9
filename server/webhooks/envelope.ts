import { canonicalIso, type WebhookEnvelope } from '../connectors/clarity/schemas';
import type { Parsed } from './read-body';

/**
 * The webhook envelope check on the intake's hot path: the same rules as `webhookEnvelopeSchema`
 * (type: 1-100 chars; timestamp: an ISO-8601 date; data: an object), written out by hand because
 * a schema library's general machinery costs several times more per request than these three
 * tests. Only the envelope is checked here: the record inside `data` is validated by the job that
 * processes it, so a malformed order is stored, visible and retried rather than lost at the door.
 */
export function parseEnvelope(text: string): Parsed<WebhookEnvelope> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'MalformedJson', message: 'body is not JSON' };
  }
  if (!isObject(json)) return bad('body', 'must be a JSON object');
  const { type, timestamp, data } = json;
  if (typeof type !== 'string' || type.length === 0 || type.length > 100) return bad('type', 'must be a string of 1 to 100 characters');
  if (typeof timestamp !== 'string' || canonicalIso(timestamp) === null) return bad('timestamp', 'must be an ISO-8601 date');
  if (!isObject(data)) return bad('data', 'must be an object');
  return { ok: true, data: { type, timestamp, data } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const bad = (path: string, message: string): Parsed<never> => ({ ok: false, code: 'BadEnvelope', message: `${path}: ${message}` });
