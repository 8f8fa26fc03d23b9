import { Hono } from 'hono';
import { FaultConfigError, validateFaultInput } from './schema';
import type { FaultController } from './types';

/**
 * GET /faults (current config), PUT /faults (merge a partial config), DELETE /faults (clear).
 * Mount under the sandbox's admin prefix; the caller adds whatever auth the sandbox uses.
 */
export function faultAdminRoutes(controller: FaultController): Hono {
  const app = new Hono();
  app.get('/faults', (c) => c.json(withClock(controller)));
  app.put('/faults', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: { code: 'BadRequest', message: 'body must be JSON' } }, 400);
    }
    try {
      controller.set(validateFaultInput(body, 'fault config'));
    } catch (err) {
      if (err instanceof FaultConfigError) return c.json({ error: { code: 'BadRequest', message: err.message } }, 400);
      throw err;
    }
    return c.json(withClock(controller));
  });
  app.delete('/faults', (c) => {
    controller.reset();
    controller.abortHeld();
    return c.json(withClock(controller));
  });
  return app;
}

/** The config with the clock's now, so a reader can tell whether a window is still open. */
function withClock(controller: FaultController) {
  return { ...controller.get(), now: controller.clock.now() };
}
