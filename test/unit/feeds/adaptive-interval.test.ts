import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { DEFAULT_POLICY as P, nextPoll, onActivity, type IntervalState } from '../../../server/sync/adaptive-interval';

const fresh: IntervalState = { intervalMs: null, consecutiveFailures: 0, lastChangeAt: null };

describe('adaptive interval', () => {
  it('polls fast while changes keep coming, then eases back to slow when idle', () => {
    const clock = new FakeClock();
    let state: IntervalState = fresh;
    const intervals: number[] = [];
    const run = (changes: number) => {
      const n = nextPoll(state, { ok: true, changes }, clock.now(), P);
      intervals.push(n.intervalMs);
      expect(n.nextPollAt).toBe(clock.now() + n.intervalMs);
      state = n;
      clock.set(n.nextPollAt);
    };
    run(3);
    run(1);
    expect(intervals).toEqual([P.fastMs, P.fastMs]);
    // Idle but still inside the fast window: stays fast.
    while (clock.now() - state.lastChangeAt! < P.fastWindowMs) run(0);
    expect(new Set(intervals)).toEqual(new Set([P.fastMs]));
    // Past the window: each empty poll waits longer, never beyond slow.
    const before = intervals.length;
    for (let i = 0; i < 30; i++) run(0);
    const eased = intervals.slice(before);
    for (let i = 1; i < eased.length; i++) expect(eased[i]).toBeGreaterThanOrEqual(eased[i - 1]);
    expect(eased[0]).toBe(Math.round(P.fastMs * P.easeFactor));
    expect(eased.at(-1)).toBe(P.slowMs);
    // A change snaps back to fast.
    run(1);
    expect(intervals.at(-1)).toBe(P.fastMs);
  });

  it('backs off exponentially on failure, capped, honouring Retry-After, and recovers to the healthy interval', () => {
    const clock = new FakeClock();
    let state = { ...fresh, intervalMs: 60_000 } as IntervalState;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const n = nextPoll(state, { ok: false }, clock.now(), P);
      waits.push(n.nextPollAt - clock.now());
      expect(n.consecutiveFailures).toBe(i + 1);
      expect(n.intervalMs).toBe(60_000);
      state = n;
      clock.set(n.nextPollAt);
    }
    expect(waits.slice(0, 4)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(waits.at(-1)).toBe(P.failureMaxMs);
    const limited = nextPoll({ ...fresh, consecutiveFailures: 0 }, { ok: false, retryAfterMs: 45_000 }, clock.now(), P);
    expect(limited.nextPollAt - clock.now()).toBe(45_000);
    const ok = nextPoll(state, { ok: true, changes: 0 }, clock.now(), P);
    expect(ok.consecutiveFailures).toBe(0);
    expect(ok.intervalMs).toBe(90_000);
  });

  it('goes fast right after an order went to Sage, but never sooner than a failing feed backs off', () => {
    const clock = new FakeClock();
    const idle = { intervalMs: P.slowMs, consecutiveFailures: 0, lastChangeAt: null, nextPollAt: clock.now() + P.slowMs };
    const a = onActivity(idle, clock.now(), P);
    expect(a.nextPollAt).toBe(clock.now() + P.fastMs);
    expect(a.intervalMs).toBe(P.fastMs);
    // The following empty polls stay fast for the window, as after a change.
    clock.advance(P.fastMs);
    expect(nextPoll(a, { ok: true, changes: 0 }, clock.now(), P).intervalMs).toBe(P.fastMs);
    const failing = { ...idle, consecutiveFailures: 3, nextPollAt: clock.now() + 80_000 };
    expect(onActivity(failing, clock.now(), P).nextPollAt).toBe(clock.now() + 80_000);
    // Already due sooner than fast: left alone.
    const dueSoon = { ...idle, nextPollAt: clock.now() + 1000 };
    expect(onActivity(dueSoon, clock.now(), P).nextPollAt).toBe(clock.now() + 1000);
  });
});
