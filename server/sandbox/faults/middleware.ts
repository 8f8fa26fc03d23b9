import type { Context, MiddlewareHandler } from 'hono';
import { sleep, type Clock } from '../../core/clock';
import { codeForStatus, sageErrorBody } from './error-bodies';
import { holdThenDrop } from './hold';
import { findRule } from './match';
import type { ErrorBodyFactory, FaultController } from './types';

export interface FaultMiddlewareOptions {
  /** Clock for outage/throttle windows; defaults to the controller's. */
  clock?: Clock;
  /** Shapes injected errors like the sandbox's own; Sage's shape by default. */
  errorBody?: ErrorBodyFactory;
}

const DEFAULT_HOLD_MS = 60_000;

/** The request path relative to where this middleware's app is mounted (fault rules use those). */
function relativePath(c: Context): string {
  const base = c.req.routePath.replace(/\/?\*$/, '');
  const path = c.req.path;
  return base && path.startsWith(base) ? path.slice(base.length) || '/' : path;
}

/**
 * Injects the faults the controller describes, in this order: latency, outage (503),
 * throttle (429 + Retry-After), a route's error rate, and — after the handler has run and
 * committed — a route's timeout-after-write. Register it before the sandbox's routes.
 */
export function faultMiddleware(controller: FaultController, opts: FaultMiddlewareOptions = {}): MiddlewareHandler {
  const clock = opts.clock ?? controller.clock;
  const errorBody = opts.errorBody ?? sageErrorBody;
  const refuse = (c: Context, status: number, message: string, headers: Record<string, string> = {}) =>
    c.json(errorBody({ status, code: codeForStatus(status), message }) as object, status as 503, headers);

  return async function injectFaults(c, next) {
    const cfg = controller.get();
    if (cfg.latencyMs) await sleep(cfg.latencyMs);
    const now = clock.now();
    if (cfg.outage && now < cfg.outage.untilMs) {
      return refuse(c, 503, 'Cannot open a session: the system is unavailable (injected outage)');
    }
    if (cfg.throttle && now < cfg.throttle.untilMs) {
      return refuse(c, 429, 'Too many requests (injected throttle)', { 'Retry-After': String(cfg.throttle.retryAfterSec) });
    }
    const rule = findRule(cfg.routes, c.req.method, relativePath(c));
    if (rule?.errorRate && controller.random() < rule.errorRate) {
      const status = rule.status ?? 503;
      return refuse(c, status, `Injected failure for ${rule.match}`, status === 429 ? { 'Retry-After': '1' } : {});
    }
    const dropAnswer = !!rule?.timeoutAfterWriteRate && controller.random() < rule.timeoutAfterWriteRate;
    await next();
    if (dropAnswer) await holdThenDrop(c, controller, cfg.timeoutHoldMs ?? DEFAULT_HOLD_MS);
  };
}
