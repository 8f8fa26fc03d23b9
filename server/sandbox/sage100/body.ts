import type { Context } from 'hono';
import { badRequest } from './errors';

/** The JSON object a write carries; anything else is a malformed request. */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest('the body must be a JSON object');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A number field: absent → fallback; a number or numeric string → the number; else 400. */
export function numberField(record: Record<string, unknown>, field: string, fallback: number): number {
  const v = record[field];
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw badRequest(`${field} must be a number`, field);
  return n;
}

/** Optional string field, upper-cased where Sage stores codes in upper case. */
export function codeField(record: Record<string, unknown>, field: string): string | undefined {
  const v = record[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw badRequest(`${field} must be a string`, field);
  return v.toUpperCase();
}
