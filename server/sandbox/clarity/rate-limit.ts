import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../core/clock';
import type { ApiEnv } from './auth';
import { ClarityError } from './errors';

export interface RateLimitSettings {
  enabled: boolean;
  /** Requests per second refilled into each store's bucket. */
  perSecond: number;
  /** Bucket size: how many requests may come at once. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { enabled: false, perSecond: 40, burst: 40 };

/**
 * A token bucket per store, on the injected clock, like a real platform's API limit: past it,
 * 429 with Retry-After (whole seconds until a token is back).
 */
export function createRateLimiter(clock: Clock, initial: Partial<RateLimitSettings> = {}) {
  let settings: RateLimitSettings = { ...DEFAULT_RATE_LIMIT, ...initial };
  const buckets = new Map<string, { tokens: number; at: number }>();

  function take(key: string): number {
    const now = clock.now();
    const b = buckets.get(key) ?? { tokens: settings.burst, at: now };
    b.tokens = Math.min(settings.burst, b.tokens + ((now - b.at) / 1000) * settings.perSecond);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / settings.perSecond));
  }

  const middleware: MiddlewareHandler<ApiEnv> = async function clarityRateLimit(c, next) {
    if (settings.enabled) {
      const waitSec = take(c.get('store').id);
      if (waitSec > 0) {
        throw new ClarityError(429, [`Rate limit of ${settings.perSecond} requests per second exceeded`], {
          'Retry-After': String(waitSec),
        });
      }
    }
    await next();
  };

  return {
    middleware,
    settings: () => settings,
    configure(next: Partial<RateLimitSettings>) {
      settings = { ...settings, ...next };
      buckets.clear();
      return settings;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
