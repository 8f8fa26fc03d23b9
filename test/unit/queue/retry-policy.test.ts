import { describe, expect, it } from 'vitest';
import { retryPolicy, RETRY_CAP_MS, type RetryInput } from '../../../server/queue/retry-policy';

const row = (over: Partial<RetryInput>): RetryInput => ({ attempt: 1, maxAttempts: 10, errorClass: 'transient', random: 0.5, ...over });

describe('retryPolicy', () => {
  it.each([
    // [case, input, expected]
    ['permanent gives up at once', row({ errorClass: 'permanent' }), { action: 'give_up', why: 'permanent' }],
    ['permanent gives up even with attempts left and a Retry-After', row({ errorClass: 'permanent', retryAfterMs: 5000 }), { action: 'give_up', why: 'permanent' }],
    ['transient, attempt 1: half of 1 s', row({}), { action: 'retry', delayMs: 500 }],
    ['transient, attempt 2: half of 2 s', row({ attempt: 2 }), { action: 'retry', delayMs: 1000 }],
    ['transient, attempt 4: half of 8 s', row({ attempt: 4 }), { action: 'retry', delayMs: 4000 }],
    ['jitter draw 0 retries at once', row({ attempt: 3, random: 0 }), { action: 'retry', delayMs: 0 }],
    ['jitter draw near 1 is just under the ceiling', row({ attempt: 3, random: 0.999 }), { action: 'retry', delayMs: 3996 }],
    ['the ceiling is capped at 10 minutes', row({ attempt: 20, maxAttempts: 50, random: 0.5 }), { action: 'retry', delayMs: RETRY_CAP_MS / 2 }],
    ['a huge attempt number still caps', row({ attempt: 5000, maxAttempts: 10_000, random: 0.999 }), { action: 'retry', delayMs: Math.floor(0.999 * RETRY_CAP_MS) }],
    ['rate_limited honours Retry-After over a shorter backoff', row({ errorClass: 'rate_limited', retryAfterMs: 30_000 }), { action: 'retry', delayMs: 30_000 }],
    ['a longer backoff wins over a short Retry-After', row({ errorClass: 'rate_limited', attempt: 6, retryAfterMs: 1000 }), { action: 'retry', delayMs: 16_000 }],
    ['rate_limited without Retry-After backs off', row({ errorClass: 'rate_limited', attempt: 2 }), { action: 'retry', delayMs: 1000 }],
    ['Retry-After with a fraction rounds up, never earlier', row({ errorClass: 'rate_limited', random: 0, retryAfterMs: 1500.2 }), { action: 'retry', delayMs: 1501 }],
    ['Retry-After also binds transient errors', row({ random: 0, retryAfterMs: 2000 }), { action: 'retry', delayMs: 2000 }],
    ['unknown_outcome is retried', row({ errorClass: 'unknown_outcome', attempt: 2 }), { action: 'retry', delayMs: 1000 }],
    ['the last attempt gives up', row({ attempt: 10 }), { action: 'give_up', why: 'exhausted' }],
    ['past the budget gives up', row({ attempt: 11 }), { action: 'give_up', why: 'exhausted' }],
    ['rate_limited on the last attempt gives up too', row({ errorClass: 'rate_limited', attempt: 3, maxAttempts: 3, retryAfterMs: 100 }), { action: 'give_up', why: 'exhausted' }],
    ['one attempt only: no retry', row({ maxAttempts: 1 }), { action: 'give_up', why: 'exhausted' }],
    ['custom base and cap', row({ attempt: 3, baseMs: 100, capMs: 300, random: 0.5 }), { action: 'retry', delayMs: 150 }],
  ] as const)('%s', (_name, input, expected) => {
    expect(retryPolicy(input)).toEqual(expected);
  });

  it('keeps every delay inside [0, ceiling] for any draw (full jitter)', () => {
    for (let attempt = 1; attempt < 30; attempt++) {
      const ceiling = Math.min(RETRY_CAP_MS, 1000 * 2 ** (attempt - 1));
      for (const random of [0, 0.1, 0.37, 0.5, 0.9, 0.999999]) {
        const d = retryPolicy(row({ attempt, maxAttempts: 100, random }));
        expect(d.action).toBe('retry');
        if (d.action === 'retry') {
          expect(d.delayMs).toBeGreaterThanOrEqual(0);
          expect(d.delayMs).toBeLessThan(ceiling);
        }
      }
    }
  });
});
