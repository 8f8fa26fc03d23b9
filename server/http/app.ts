import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';

/**
 * The app's Hono instance. Route groups are mounted by the composition root (main.ts); this
 * file only sets the behaviour every route shares: JSON errors with a reason.
 */
export function createHttpApp(log: Logger) {
  const app = new Hono();
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    if (err instanceof AppError && err.status < 500) {
      return c.json({ error: { code: err.code, message: err.message, field: err.field } }, err.status as 400);
    }
    log.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'Internal', message: 'internal error' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'NotFound', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
