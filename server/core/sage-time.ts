/**
 * Sage 100 change stamps: `DateUpdated` (YYYYMMDD) + `TimeUpdated`, a string of decimal hours
 * ("13.5" is 13:30:00), per contracts/sage100.md.
 *
 * Sage stamps are the Sage server's wall-clock time with no zone. They are never mixed with our
 * own clock: they become "stamp seconds" (seconds since 1970-01-01 of that naive wall clock,
 * computed as if it were UTC) and are compared only with each other. Decimal hours carry about
 * five decimals (0.036 s), so conversions round to the nearest whole second; a stamp never rolls
 * past midnight into the next day because of rounding, as the row was written on `DateUpdated`.
 */
const DAY = 86_400;

/** "13.5" → 48600. Rounds to the nearest second and clamps to the day, so 23.99999 stays 23:59:59. */
export function decimalHoursToSeconds(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const hours = typeof value === 'number' ? value : Number(String(value).trim() || '0');
  if (!Number.isFinite(hours) || hours <= 0) return 0;
  return Math.min(DAY - 1, Math.round(hours * 3600));
}

/**
 * 48601 → "13.50028". Five decimals, as Sage writes them, are enough for the round trip through
 * `decimalHoursToSeconds` to give back the same second (an hour's 1e-5 is 0.036 s).
 */
export function secondsToDecimalHours(seconds: number, digits = 5): string {
  const s = Math.min(DAY - 1, Math.max(0, Math.round(seconds)));
  const text = (s / 3600).toFixed(digits);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** "20261129" or "2026-11-29" → seconds of that day's midnight; null when it is not a date. */
export function sageDateToSeconds(value: string | null | undefined): number | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(String(value ?? '').trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return ms / 1000;
}

/** A row's stamp in seconds, or null when the row carries no usable DateUpdated. */
export function sageStampToSeconds(dateUpdated: string | null | undefined, timeUpdated: string | number | null | undefined): number | null {
  const day = sageDateToSeconds(dateUpdated);
  return day === null ? null : day + decimalHoursToSeconds(timeUpdated);
}

/** Stamp seconds → Sage's pair of columns. */
export function secondsToSageStamp(seconds: number): { DateUpdated: string; TimeUpdated: string } {
  const day = Math.floor(seconds / DAY) * DAY;
  const d = new Date(day * 1000);
  const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return { DateUpdated: ymd, TimeUpdated: secondsToDecimalHours(seconds - day) };
}

/** Stamp seconds → "2026-11-29T13:30:00" (no zone: Sage's wall clock), the gateway's changedSince. */
export function secondsToIso(seconds: number): string {
  return new Date(Math.max(0, seconds) * 1000).toISOString().slice(0, 19);
}

/** "2026-11-29T13:30:00" (zone ignored: it is a Sage wall-clock stamp) → stamp seconds. */
export function isoToSeconds(iso: string | null | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(String(iso ?? '').trim());
  if (!m) return null;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)) / 1000;
}

/**
 * The whole second a stamp falls in, never after it: what a read may resume from with
 * `changedSince` (inclusive) and be sure to get that row again, whichever way the gateway rounds.
 */
export function sageStampFloorSeconds(dateUpdated: string | null | undefined, timeUpdated: string | number | null | undefined): number | null {
  const day = sageDateToSeconds(dateUpdated);
  if (day === null) return null;
  const hours = Number(String(timeUpdated ?? '0').trim() || '0');
  if (!Number.isFinite(hours) || hours <= 0) return day;
  return day + Math.min(DAY - 1, Math.floor(hours * 3600 + 1e-6));
}
