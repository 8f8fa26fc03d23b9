/**
 * How long a feed waits before its next poll. Pure: the same inputs always give the same answer,
 * so the rules are tested on a fake clock as tables.
 *
 * - changes keep coming (or an order just went to Sage): poll fast (seconds);
 * - idle: ease back by a factor per empty poll until the slow interval (minutes);
 * - failing: exponential backoff from the base, capped, never sooner than the server's Retry-After.
 *   The interval a healthy feed had is kept, so recovery resumes where it was.
 */
export interface IntervalPolicy {
  fastMs: number;
  slowMs: number;
  /** Each empty poll multiplies the interval by this, up to slowMs. */
  easeFactor: number;
  /** Stay fast for this long after the last change or activity. */
  fastWindowMs: number;
  failureBaseMs: number;
  failureMaxMs: number;
}

export interface IntervalState {
  intervalMs: number | null;
  consecutiveFailures: number;
  /** When the feed last saw a change, or was told an order went to Sage. */
  lastChangeAt: number | null;
}

export type PollOutcome =
  | { ok: true; changes: number }
  | { ok: false; retryAfterMs?: number };

export interface NextPoll {
  intervalMs: number;
  nextPollAt: number;
  consecutiveFailures: number;
  lastChangeAt: number | null;
}

export const DEFAULT_POLICY: IntervalPolicy = {
  fastMs: 5_000,
  slowMs: 5 * 60_000,
  easeFactor: 1.5,
  fastWindowMs: 2 * 60_000,
  failureBaseMs: 10_000,
  failureMaxMs: 15 * 60_000,
};

export function nextPoll(state: IntervalState, outcome: PollOutcome, now: number, policy: IntervalPolicy = DEFAULT_POLICY): NextPoll {
  const healthy = clamp(state.intervalMs ?? policy.fastMs, policy);
  if (!outcome.ok) {
    const failures = state.consecutiveFailures + 1;
    const backoff = Math.min(policy.failureMaxMs, policy.failureBaseMs * 2 ** Math.min(failures - 1, 30));
    const wait = Math.max(backoff, outcome.retryAfterMs ?? 0);
    return { intervalMs: healthy, nextPollAt: now + wait, consecutiveFailures: failures, lastChangeAt: state.lastChangeAt };
  }
  if (outcome.changes > 0) {
    return { intervalMs: policy.fastMs, nextPollAt: now + policy.fastMs, consecutiveFailures: 0, lastChangeAt: now };
  }
  const recent = state.lastChangeAt !== null && now - state.lastChangeAt < policy.fastWindowMs;
  const intervalMs = recent ? policy.fastMs : clamp(Math.round(healthy * policy.easeFactor), policy);
  return { intervalMs, nextPollAt: now + intervalMs, consecutiveFailures: 0, lastChangeAt: state.lastChangeAt };
}

/**
 * Something happened that will soon show up in the feed (an order went to Sage): poll fast now.
 * A failing feed keeps its backoff: activity does not make a broken gateway work.
 */
export function onActivity(state: IntervalState & { nextPollAt: number | null }, now: number, policy: IntervalPolicy = DEFAULT_POLICY): NextPoll {
  const soon = now + policy.fastMs;
  const nextPollAt = state.consecutiveFailures > 0 || state.nextPollAt === null ? state.nextPollAt ?? soon : Math.min(state.nextPollAt, soon);
  return { intervalMs: policy.fastMs, nextPollAt, consecutiveFailures: state.consecutiveFailures, lastChangeAt: now };
}

function clamp(ms: number, policy: IntervalPolicy): number {
  return Math.min(policy.slowMs, Math.max(policy.fastMs, ms));
}
