import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { ApiErrorBody, ApiIssue } from '../../contracts/common';

/**
 * Errors of the app's API as `{ error: { code, message, field?, issues? } }`. A refusal (4xx)
 * says what is wrong in words a merchant can act on; anything else is logged and answered with
 * a plain 500, so internals never reach the browser.
 */
export function apiErrorHandler(log: Logger) {
  return function onApiError(err: Error, c: Context) {
    if (err instanceof HTTPException) return err.getResponse();
    // Refusals (4xx), and the gateway/store being unreachable (502-504), carry messages written
    // for people; anything else stays in the log.
    if (err instanceof AppError && ((err.status >= 400 && err.status < 500) || (err.status >= 502 && err.status <= 504))) {
      const issues = (err.detail as { issues?: ApiIssue[] } | undefined)?.issues;
      const body: ApiErrorBody = { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(issues ? { issues } : {}) } };
      return c.json(body, err.status as 400);
    }
    log.error({ err, path: c.req.path }, 'api error');
    return c.json({ error: { code: 'Internal', message: 'The connector hit an internal error. It is logged; try again shortly.' } } satisfies ApiErrorBody, 500);
  };
}

/** Answers of the API are per user and per moment: never cached by a browser or a proxy. */
export async function noStore(c: Context, next: () => Promise<void>) {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
}
