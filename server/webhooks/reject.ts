import type { Context } from 'hono';

/**
 * Every refusal answers the same JSON shape, `{ error: { code, message } }`, so Clarity's delivery
 * log (and a person reading it) sees why. Codes are stable; messages are for people.
 */
export type RejectStatus = 400 | 401 | 413 | 503;

export function reject(c: Context, status: RejectStatus, code: string, message: string) {
  if (status === 503) c.header('Retry-After', '5');
  return c.json({ error: { code, message } }, status);
}
