import type { Context } from 'hono';
import { AppError } from '../../core/errors';

/**
 * Clarity's error answers: `{ ActionSucceeded: false, Messages: [...] }` with a 4xx/5xx status.
 * Route code throws ClarityError; the app's onError turns it (and anything else) into that shape.
 */
export class ClarityError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(messages.join('; '));
    this.name = 'ClarityError';
  }
}

export const errorBody = (messages: string[]) => ({ ActionSucceeded: false as const, Messages: messages });

export const badRequest = (...messages: string[]) => new ClarityError(400, messages);
export const notFound = (what: string) => new ClarityError(404, [`${what} was not found`]);

export function clarityErrorResponse(err: unknown, c: Context): Response {
  if (err instanceof ClarityError) {
    return c.json({ ...err.extra, ...errorBody(err.messages) }, err.status as 400, err.headers);
  }
  if (err instanceof AppError && err.status < 500) {
    return c.json(errorBody([err.message]), err.status as 400);
  }
  return c.json(errorBody(['An unexpected error occurred']), 500);
}
