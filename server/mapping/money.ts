import { permanent } from '../core/errors';

/**
 * Money in integer cents. Floats are never summed: a JSON number is read back through its
 * shortest decimal text ("19.99"), which is exactly what the sender wrote, and every product or
 * rounding is done in BigInt on that decimal. Rounding is half-up, away from zero for negatives
 * (commercial rounding, which is what Sage and most carts do).
 */

export type Cents = number;

/** value = units / 10^scale, exactly. */
interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function parseDecimal(value: number | string): Decimal {
  if (typeof value === 'number' && !Number.isFinite(value)) throw badAmount(value);
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw badAmount(value);
  const [, sign, whole, frac = '', exp = '0'] = m;
  let units = BigInt(`${whole || '0'}${frac}`);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

const badAmount = (value: unknown) =>
  permanent('BadAmount', `"${String(value)}" is not an amount of money`, { status: 400 });

/** Rounds to `scale` decimals, half away from zero. */
function roundTo(d: Decimal, scale: number): bigint {
  if (d.scale <= scale) return d.units * 10n ** BigInt(scale - d.scale);
  const div = 10n ** BigInt(d.scale - scale);
  const neg = d.units < 0n;
  const abs = neg ? -d.units : d.units;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return neg ? -q : q;
}

function toSafe(n: bigint, what: unknown): number {
  const out = Number(n);
  if (!Number.isSafeInteger(out)) throw permanent('BadAmount', `${String(what)} is too large to be an amount of money`, { status: 400 });
  return out;
}

/** 19.99 → 1999; "0.1" → 10; 6.665 → 667 (half-up). */
export function toCents(value: number | string): Cents {
  return toSafe(roundTo(parseDecimal(value), 2), value);
}

/** Like toCents, but null/undefined (an amount that was not given) is zero. */
export function centsOrZero(value: number | string | null | undefined): Cents {
  return value == null ? 0 : toCents(value);
}

/** True when the value has no more than two decimals, so nothing is lost in cents. */
export function isWholeCents(value: number | string): boolean {
  const d = parseDecimal(value);
  return d.scale <= 2 || d.units % 10n ** BigInt(d.scale - 2) === 0n;
}

/** qty × unit price, multiplied exactly and rounded half-up once: 3 × 19.99 = 5997, 3 × 6.665 = 2000. */
export function multiplyToCents(quantity: number | string, unitPrice: number | string): Cents {
  const q = parseDecimal(quantity);
  const p = parseDecimal(unitPrice);
  return toSafe(roundTo({ units: q.units * p.units, scale: q.scale + p.scale }, 2), `${quantity} × ${unitPrice}`);
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw permanent('BadAmount', 'the amounts add up to more than can be counted exactly');
  return total;
}

/**
 * Splits `total` across parts in proportion to `weights` by the largest-remainder method: the
 * parts always add up to `total` exactly. Ties go to the larger weight, then the earlier part.
 * With no weight at all, the total is split evenly.
 */
export function allocateCents(total: Cents, weights: readonly number[]): Cents[] {
  if (weights.length === 0) return [];
  const w = weights.map((x) => BigInt(Math.abs(Math.round(x))));
  const even = w.every((x) => x === 0n);
  const ws = even ? w.map(() => 1n) : w;
  const sumW = ws.reduce((a, b) => a + b, 0n);
  const abs = BigInt(Math.abs(total));
  const shares = ws.map((x) => (abs * x) / sumW);
  const rems = ws.map((x, i) => ({ i, rem: (abs * x) % sumW, weight: x }));
  let left = abs - shares.reduce((a, b) => a + b, 0n);
  rems.sort((a, b) => (a.rem !== b.rem ? (b.rem > a.rem ? 1 : -1) : a.weight !== b.weight ? (b.weight > a.weight ? 1 : -1) : a.i - b.i));
  for (const r of rems) {
    if (left === 0n) break;
    shares[r.i] += 1n;
    left -= 1n;
  }
  const sign = total < 0 ? -1 : 1;
  return shares.map((s) => sign * Number(s));
}

/**
 * Unit prices in whole cents whose extension is exactly `extension` for `quantity` units.
 * When it does not divide evenly, the quantity is split in two: some units at p and the rest at
 * p + 1 cent (20.00 for 3 units → 1 × 6.66 + 2 × 6.67), because no single 2-decimal price gives
 * 20.00 and Sage multiplies quantity by price itself. A fractional quantity cannot be split; it
 * gets the nearest price and `exact` says whether that still lands on the extension.
 */
export function unitPricesFor(extension: Cents, quantity: number): { parts: Array<{ quantity: number; unitCents: Cents }>; exact: boolean } {
  if (quantity <= 0) return { parts: [{ quantity, unitCents: 0 }], exact: extension === 0 };
  if (!Number.isInteger(quantity)) {
    const q = parseDecimal(quantity);
    const num = BigInt(extension) * 10n ** BigInt(q.scale) * 2n;
    const unitCents = toSafe((num / q.units + 1n) / 2n, extension);
    return { parts: [{ quantity, unitCents }], exact: multiplyToCents(quantity, unitCents / 100) === extension };
  }
  const p = Math.floor(extension / quantity);
  const r = extension - p * quantity;
  if (r === 0) return { parts: [{ quantity, unitCents: p }], exact: true };
  return { parts: [{ quantity: quantity - r, unitCents: p }, { quantity: r, unitCents: p + 1 }], exact: true };
}

/** Cents → the 2-decimal number the gateway takes (1999 → 19.99; prints as "19.99" in JSON). */
export function centsToAmount(cents: Cents): number {
  return cents / 100;
}

/** 6408 → "64.08", -5 → "-0.05". */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** For messages a merchant reads: "$64.08" in dollars, "64.08 EUR" otherwise. */
export function formatMoney(cents: Cents, currency = 'USD'): string {
  const c = currency.toUpperCase();
  if (c === 'USD' || c === 'CAD') return cents < 0 ? `-$${formatCents(-cents)}` : `$${formatCents(cents)}`;
  return `${formatCents(cents)} ${c}`;
}
