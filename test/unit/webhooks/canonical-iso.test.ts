import { describe, expect, test } from 'vitest';
import { canonicalIso } from '../../../server/connectors/clarity/schemas';

/** The rule canonicalIso keeps, written the slow way: whatever Date makes of the text. */
function viaDate(value: string): string | null {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone || !value.includes('T') ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

describe('canonicalIso: a date already in canonical form is taken as it is', () => {
  test.each([
    '2026-11-29T09:58:12.000Z', '2024-02-29T23:59:59.999Z', '2000-02-29T00:00:00.000Z', '0000-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
  ])('%s', (v) => expect(canonicalIso(v)).toBe(v));

  test.each([
    ['2026-02-29T00:00:00.000Z', 'no 29 February in 2026'], ['1900-02-29T00:00:00.000Z', 'nor in 1900'],
    ['2026-04-31T00:00:00.000Z', 'April has 30 days'], ['2026-13-01T00:00:00.000Z', 'month 13'],
    ['2026-00-10T00:00:00.000Z', 'month 0'], ['2026-01-00T00:00:00.000Z', 'day 0'],
    ['2026-01-01T24:00:00.000Z', 'hour 24'], ['2026-01-01T23:60:00.000Z', 'minute 60'],
    ['2026-01-01T23:59:60.000Z', 'second 60'], ['2026-01-01T23:59:5x.000Z', 'not a digit'],
    ['2026-01-01 23:59:59.000Z', 'a space for the T'], ['2026-01-01T23:59:59.000z', 'a small z'],
  ])('%s (%s) gets what Date makes of it', (v) => expect(canonicalIso(v)).toBe(viaDate(v)));

  test('random near-canonical texts: the same answer as a Date round trip', () => {
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    for (let i = 0; i < 20_000; i++) {
      const v = `${pad(rand(10_000), 4)}-${pad(rand(14), 2)}-${pad(rand(33), 2)}T${pad(rand(26), 2)}:${pad(rand(62), 2)}:${pad(rand(62), 2)}.${pad(rand(1000), 3)}Z`;
      expect(canonicalIso(v)).toBe(viaDate(v));
    }
  });
});
