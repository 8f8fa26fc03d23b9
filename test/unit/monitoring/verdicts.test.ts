import { describe, expect, it } from 'vitest';
import { fmtDuration } from '../../../server/monitoring/kinds';
import {
  DEFAULT_THRESHOLDS as T, exceptionsVerdict, gatewayVerdict, queueVerdict, webhooksVerdict,
} from '../../../server/monitoring/verdicts';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const MIN = 60_000;

describe('gateway verdict', () => {
  it.each([
    // health ok, failing since, → failing since, action
    [true, null, null, 'resolve'],
    [true, NOW - 9 * MIN, null, 'resolve'],
    [false, null, NOW, 'none'],
    [false, NOW - 4 * MIN, NOW - 4 * MIN, 'none'],
    [false, NOW - 5 * MIN, NOW - 5 * MIN, 'raise'],
    [false, NOW - 60 * MIN, NOW - 60 * MIN, 'raise'],
  ] as const)('ok=%s, failing since %s → %s, %s', (ok, since, nextSince, action) => {
    const r = gatewayVerdict({ ok, error: ok ? null : 'connection refused' }, since, NOW, T);
    expect(r.failingSince).toBe(nextSince);
    expect(r.verdict.action).toBe(action);
  });

  it('says for how long and why', () => {
    const r = gatewayVerdict({ ok: false, error: 'Sage 100 gateway GET /health timed out' }, NOW - 7 * MIN, NOW, T);
    expect(r.verdict).toMatchObject({ kind: 'gateway', action: 'raise' });
    expect((r.verdict as { message: string }).message).toMatch(/failed its health check for 7 min: Sage 100 gateway GET \/health timed out/);
  });
});

describe('queue verdict', () => {
  it('raises while due jobs wait past the threshold, resolves when none do', () => {
    expect(queueVerdict({ count: 0, oldest: null }, NOW, T)).toEqual({ kind: 'queue', action: 'resolve' });
    const v = queueVerdict({ count: 3, oldest: { kind: 'order.sync', runAt: NOW - 20 * MIN } }, NOW, T);
    expect(v).toMatchObject({ kind: 'queue', action: 'raise' });
    expect((v as { message: string }).message).toBe(
      '3 jobs ready to run have waited more than 15 min to start; the oldest (order.sync) for 20 min. Is the connector\'s worker running?');
  });
});

describe('webhooks verdict', () => {
  it.each([
    [0, null, 'resolve'],
    [2, null, 'resolve'],
    [3, true, 'resolve'],
    [3, false, 'raise'],
    [40, false, 'raise'],
  ] as const)('%s orders missed, webhook arrived %s → %s', (missed, arrived, action) => {
    expect(webhooksVerdict(missed, arrived, T).action).toBe(action);
  });
});

describe('exceptions verdict', () => {
  it.each([
    // new, open alert's count, left since it opened → action, by
    [0, null, null, 'none', undefined],
    [2, null, null, 'raise', 2],
    [1, 2, null, 'raise', 1],
    [0, 3, 1, 'none', undefined],
    [0, 3, 0, 'resolve', undefined],
  ] as const)('%s new, open count %s, %s left → %s', (fresh, open, left, action, by) => {
    const v = exceptionsVerdict(fresh, open, left);
    expect(v.action).toBe(action);
    if (v.action === 'raise') expect(v.by).toBe(by);
  });

  it('counts the whole since the alert opened', () => {
    const v = exceptionsVerdict(2, 3, null) as { message: string };
    expect(v.message).toMatch(/^2 jobs reached the exception list .*; 5 since this alert opened\./);
  });
});

describe('fmtDuration', () => {
  it.each([[0, '0 s'], [45_000, '45 s'], [5 * MIN, '5 min'], [130 * MIN, '2 h 10 min'], [180 * MIN, '3 h'], [3 * 86_400_000, '3 d']])(
    '%s ms → %s', (ms, text) => expect(fmtDuration(ms)).toBe(text));
});
