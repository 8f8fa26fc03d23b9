import { describe, expect, it } from 'vitest';
import {
  decimalHoursToSeconds, isoToSeconds, sageStampToSeconds, secondsToDecimalHours, secondsToIso, secondsToSageStamp,
  WatermarkTracker,
} from '../../../server/sync/watermark';

const at = (iso: string) => Date.parse(`${iso}Z`) / 1000;

describe('decimal hours', () => {
  it.each([
    ['13.5', 13 * 3600 + 30 * 60],
    ['0', 0],
    ['', 0],
    [' 9.25 ', 9 * 3600 + 15 * 60],
    ['13.50028', 13 * 3600 + 30 * 60 + 1], // 13:30:01 written with five decimals (rounded up)
    ['13.50027', 13 * 3600 + 30 * 60 + 1], // ... and truncated: still 13:30:01, not 13:30:00
    ['13.50013', 13 * 3600 + 30 * 60 + 0], // 0.468 s rounds down
    ['13.50014', 13 * 3600 + 30 * 60 + 1], // 0.504 s rounds up
    ['23.99972', 86_399], // 23:59:59
    ['23.99999', 86_399], // rounding would give 24:00:00: stays on its own day
    ['24', 86_399],
    ['-1', 0],
    ['abc', 0],
  ])('%j → %d s', (hours, seconds) => {
    expect(decimalHoursToSeconds(hours)).toBe(seconds);
  });

  it('round-trips every second of a day through five decimals', () => {
    const wrong: number[] = [];
    for (let s = 0; s < 86_400; s++) if (decimalHoursToSeconds(secondsToDecimalHours(s)) !== s) wrong.push(s);
    expect(wrong).toEqual([]);
  });

  it.each([
    [48_600, '13.5'],
    [0, '0'],
    [48_601, '13.50028'],
    [86_399, '23.99972'],
  ])('%d s → %j', (seconds, hours) => {
    expect(secondsToDecimalHours(seconds)).toBe(hours);
  });
});

describe('Sage stamps', () => {
  it.each([
    ['20261129', '13.5', '2026-11-29T13:30:00'],
    ['2026-11-29', '13.5', '2026-11-29T13:30:00'],
    ['20261129', '0', '2026-11-29T00:00:00'],
    ['20261129', '23.99999', '2026-11-29T23:59:59'], // midnight: never the next day
    ['20261231', '23.99999', '2026-12-31T23:59:59'], // nor the next year
    ['20240229', '12', '2024-02-29T12:00:00'],
  ])('%s + %s → %s', (date, time, iso) => {
    expect(sageStampToSeconds(date, time)).toBe(at(iso));
  });

  it.each([[''], ['2026113'], ['20261331'], ['20230229'], [null]])('no stamp from %j', (date) => {
    expect(sageStampToSeconds(date as string, '1')).toBeNull();
  });

  it('converts both ways around midnight', () => {
    expect(secondsToSageStamp(at('2026-11-29T23:59:59'))).toEqual({ DateUpdated: '20261129', TimeUpdated: '23.99972' });
    expect(secondsToSageStamp(at('2026-11-30T00:00:00'))).toEqual({ DateUpdated: '20261130', TimeUpdated: '0' });
    expect(secondsToSageStamp(at('2026-11-30T00:00:01'))).toEqual({ DateUpdated: '20261130', TimeUpdated: '0.00028' });
    const s = secondsToSageStamp(at('2026-11-30T00:00:01'));
    expect(sageStampToSeconds(s.DateUpdated, s.TimeUpdated)).toBe(at('2026-11-30T00:00:01'));
  });

  it('writes and reads the gateway ISO form without a zone', () => {
    expect(secondsToIso(at('2026-11-29T13:30:01'))).toBe('2026-11-29T13:30:01');
    expect(isoToSeconds('2026-11-29T13:30:01')).toBe(at('2026-11-29T13:30:01'));
    expect(isoToSeconds('2026-11-29T13:30:01.750Z')).toBe(at('2026-11-29T13:30:01'));
    expect(isoToSeconds('not a date')).toBeNull();
  });
});

describe('WatermarkTracker', () => {
  const opts = { overlapSeconds: 120, maxSeen: 1000 };

  it('reads from the beginning before the first poll, then from the watermark minus the overlap', () => {
    const t = new WatermarkTracker({ watermark: null, seen: [] }, opts);
    expect(t.readFrom()).toBeNull();
    t.mark('A', at('2026-11-29T10:00:00'));
    expect(t.readFrom()).toBe(at('2026-11-29T09:58:00'));
  });

  it('skips a row re-read at the same stamp, takes the same key at a newer stamp', () => {
    const s = at('2026-11-29T10:00:00');
    const first = new WatermarkTracker({ watermark: null, seen: [] }, opts);
    first.mark('A', s);
    first.mark('B', s);
    const next = new WatermarkTracker(first.snapshot(), opts);
    expect(next.isNew('A', s)).toBe(false);
    expect(next.isNew('B', s)).toBe(false);
    expect(next.isNew('C', s)).toBe(true); // same second, written after the last poll read
    expect(next.isNew('A', s + 1)).toBe(true);
  });

  it('takes a late row stamped inside the overlap (a workstation clock behind) exactly once', () => {
    const t = new WatermarkTracker({ watermark: null, seen: [] }, opts);
    t.mark('A', at('2026-11-29T10:00:00'));
    const late = at('2026-11-29T09:59:10');
    const poll2 = new WatermarkTracker(t.snapshot(), opts);
    expect(poll2.isNew('LATE', late)).toBe(true);
    poll2.mark('LATE', late);
    expect(poll2.current()).toBe(at('2026-11-29T10:00:00')); // the watermark never goes back
    const poll3 = new WatermarkTracker(poll2.snapshot(), opts);
    expect(poll3.isNew('LATE', late)).toBe(false);
  });

  it('forgets what fell out of the overlap window and keeps at most maxSeen, newest first', () => {
    const t = new WatermarkTracker({ watermark: null, seen: [] }, { overlapSeconds: 60, maxSeen: 3 });
    const base = at('2026-11-29T10:00:00');
    t.mark('old', base);
    for (let i = 0; i < 5; i++) t.mark(`k${i}`, base + 100 + i);
    const snap = t.snapshot();
    expect(snap.watermark).toBe(base + 104);
    expect(snap.seen).toEqual([`#${base + 102}`, 'k2', `#${base + 103}`, 'k3', `#${base + 104}`, 'k4']);
  });

  it('stores the seen keys grouped by stamp, and still reads the older one-entry-per-key form', () => {
    const s = at('2026-11-29T10:00:00');
    const t = new WatermarkTracker({ watermark: null, seen: [] }, opts);
    for (const k of ['B|000', 'A|000', 'A|EST']) t.mark(k, s);
    t.mark('C|000', s + 1);
    const snap = t.snapshot();
    expect(snap.seen).toEqual([`#${s}`, 'B|000', 'A|000', 'A|EST', `#${s + 1}`, 'C|000']);
    const again = new WatermarkTracker(snap, opts);
    expect(['B|000', 'A|000', 'A|EST'].map((k) => again.isNew(k, s))).toEqual([false, false, false]);
    expect(again.isNew('C|000', s)).toBe(true);
    const legacy = new WatermarkTracker({ watermark: s, seen: [`${s}|A|000`] }, opts);
    expect(legacy.isNew('A|000', s)).toBe(false);
    expect(legacy.isNew('A|EST', s)).toBe(true);
  });

  it('ignores rows without a stamp for the watermark', () => {
    const t = new WatermarkTracker({ watermark: 500, seen: [] }, opts);
    t.mark('x', null);
    expect(t.isNew('x', null)).toBe(true);
    expect(t.snapshot()).toEqual({ watermark: 500, seen: [] });
  });
});
