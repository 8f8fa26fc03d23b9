import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors';

/** The request's JSON body, or a 400 in Clarity's shape. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) throw badRequest('A JSON body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON');
  }
}

/** Validates with zod; every problem becomes one message naming the field. */
export function validate<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw badRequest(...r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`));
}

/** A numeric route parameter (an order or customer ID). */
export function idParam(c: Context, name = 'id'): number {
  const raw = c.req.param(name) ?? '';
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id)) throw badRequest(`${name.toUpperCase()} must be a whole number`);
  return id;
}

/** A JSON body that may be absent (an empty body reads as `{}`). */
export async function optionalJson(c: Context): Promise<unknown> {
  return (await c.req.text()).trim() ? readJson(c) : {};
}
