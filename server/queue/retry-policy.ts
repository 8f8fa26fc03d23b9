import type { ErrorClass } from '../core/errors';

/**
 * What to do after a failed attempt. A pure function, so every rule is a row in a table test.
 *
 * - permanent: give up at once; the job goes to the exception list with its reason.
 * - transient, rate_limited, unknown_outcome: retry with exponential backoff and full jitter
 *   (a random delay between 0 and min(cap, base * 2^(attempt-1))), so a crowd of jobs that failed
 *   together does not come back together. unknown_outcome is retried like transient: the handler
 *   sees previousErrorClass 'unknown_outcome' and reconciles before writing again.
 * - Retry-After, when the server sent one, is a floor: never retry earlier than it.
 * - attempt >= maxAttempts: give up, whatever the class.
 */
export interface RetryInput {
  /** The attempt that just failed, 1-based, counted within the job's current budget. */
  attempt: number;
  maxAttempts: number;
  errorClass: ErrorClass;
  retryAfterMs?: number;
  /** A number in [0, 1): the jitter draw (Math.random() in production, fixed in tests). */
  random: number;
  baseMs?: number;
  capMs?: number;
}

export type RetryDecision = { action: 'retry'; delayMs: number } | { action: 'give_up'; why: 'permanent' | 'exhausted' };

export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 10 * 60_000;

export function retryPolicy(input: RetryInput): RetryDecision {
  if (input.errorClass === 'permanent') return { action: 'give_up', why: 'permanent' };
  if (input.attempt >= input.maxAttempts) return { action: 'give_up', why: 'exhausted' };
  const base = input.baseMs ?? RETRY_BASE_MS;
  const cap = input.capMs ?? RETRY_CAP_MS;
  // 2^(attempt-1) overflows to Infinity long after it passed the cap; min() handles that.
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, input.attempt - 1));
  const random = Math.min(Math.max(input.random, 0), 1);
  const jittered = Math.floor(random * ceiling);
  const floor = input.retryAfterMs !== undefined && input.retryAfterMs > 0 ? Math.ceil(input.retryAfterMs) : 0;
  return { action: 'retry', delayMs: Math.max(jittered, floor) };
}
