import { describe, expect, it } from 'vitest';
import {
  allocateCents, centsToAmount, formatCents, formatMoney, isWholeCents, multiplyToCents, sumCents, toCents, unitPricesFor,
} from '../../../server/mapping/money';

describe('toCents', () => {
  it.each([
    [19.99, 1999], ['19.99', 1999], [0.1, 10], [0.2, 20], [64.08, 6408], [1.005, 101], [2.675, 268],
    [6.665, 667], [-6.665, -667], ['-0.005', -1], [0, 0], ['12', 1200], ['.5', 50], [1e-7, 0], [1e12, 1e14],
    ['1e2', 10000], [1234567.89, 123456789],
  ])('%s → %s cents', (value, cents) => {
    expect(toCents(value)).toBe(cents);
  });

  it('is exact where float arithmetic is not', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the trap
    expect(toCents(0.1) + toCents(0.2)).toBe(toCents(0.3));
    // 1.005 * 100 is 100.49999999999999 in floating point: Math.round gives 100, the cent rule 101.
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(toCents(1.005)).toBe(101);
  });

  it('refuses what is not an amount', () => {
    expect(() => toCents('abc')).toThrow(/not an amount/);
    expect(() => toCents(Number.NaN)).toThrow(/not an amount/);
    expect(() => toCents('.')).toThrow(/not an amount/);
    expect(() => toCents(1e21)).toThrow(/too large/);
  });
});

describe('sums and products', () => {
  it('3 × 1.255 is 3.77 (half-up), where floats land a cent short on 3.76', () => {
    expect(Math.round(3 * 1.255 * 100)).toBe(376); // 3.7649999999999997 as a float
    expect(multiplyToCents(3, 1.255)).toBe(377);
    expect(Math.round(3 * 1.005 * 100)).toBe(301);
    expect(multiplyToCents(3, 1.005)).toBe(302);
    expect(multiplyToCents(3, 19.99)).toBe(5997);
    expect(multiplyToCents(3, 6.665)).toBe(2000);
  });

  it.each([
    [3, 6.665, 2000], [7, 0.145, 102], ['2.5', '3.33', 833], [0.5, 0.01, 1], [1.5, 2.99, 449], [10, 0.07, 70], [3, '0.333', 100],
  ])('%s × %s → %s cents, rounded once, half-up', (q, p, cents) => {
    expect(multiplyToCents(q, p)).toBe(cents);
  });

  it('adds many small prices without drift', () => {
    const floatSum = Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0);
    expect(floatSum).not.toBe(1);
    expect(sumCents(Array.from({ length: 10 }, () => toCents(0.1)))).toBe(100);
  });
});

describe('allocateCents (largest remainder)', () => {
  it.each([
    [1000, [3333, 3333, 3334], [333, 333, 334]],
    [100, [1, 1, 1], [34, 33, 33]],
    [1, [5000, 5000], [1, 0]],
    [500, [1999, 5997, 1000], [111, 333, 56]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [10, [0, 0], [5, 5]],
    [0, [10, 20], [0, 0]],
  ])('%s over %j → %j', (total, weights, parts) => {
    const got = allocateCents(total, weights);
    expect(got).toEqual(parts);
    expect(got.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('always adds up exactly across awkward splits', () => {
    for (let total = 1; total < 400; total += 7) {
      const weights = [1999, 1, 333, 50001, 7];
      expect(sumCents(allocateCents(total, weights))).toBe(total);
    }
  });
});

describe('unitPricesFor', () => {
  it.each([
    [5997, 3, [{ quantity: 3, unitCents: 1999 }]],
    [2000, 3, [{ quantity: 1, unitCents: 666 }, { quantity: 2, unitCents: 667 }]],
    [4499, 2, [{ quantity: 1, unitCents: 2249 }, { quantity: 1, unitCents: 2250 }]],
  ])('%s cents for %s units', (ext, qty, parts) => {
    const r = unitPricesFor(ext, qty);
    expect(r.parts).toEqual(parts);
    expect(r.exact).toBe(true);
    expect(r.parts.reduce((s, p) => s + p.quantity * p.unitCents, 0)).toBe(ext);
  });

  it('gives the nearest price for a fractional quantity and says whether it is exact', () => {
    expect(unitPricesFor(833, 2.5)).toEqual({ parts: [{ quantity: 2.5, unitCents: 333 }], exact: true });
    expect(unitPricesFor(1000, 1.5)).toEqual({ parts: [{ quantity: 1.5, unitCents: 667 }], exact: false });
  });
});

describe('formatting', () => {
  it('turns cents back into 2-decimal amounts and text', () => {
    expect(centsToAmount(5997)).toBe(59.97);
    expect(JSON.stringify({ UnitPrice: centsToAmount(1999) })).toBe('{"UnitPrice":19.99}');
    expect(formatCents(6408)).toBe('64.08');
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatMoney(6408)).toBe('$64.08');
    expect(formatMoney(-150, 'CAD')).toBe('-$1.50');
    expect(formatMoney(150, 'EUR')).toBe('1.50 EUR');
    expect(isWholeCents(12.5)).toBe(true);
    expect(isWholeCents(6.665)).toBe(false);
  });
});
