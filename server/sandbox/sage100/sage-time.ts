/**
 * Sage's change stamps: DateUpdated "YYYYMMDD" and TimeUpdated as a string of decimal hours
 * ("13.5" is 13:30:00). The sandbox keeps five decimals — 1/100000 hour is 36 ms — so records
 * written within the same second still order correctly, and always rounds DOWN so that
 * 23:59:59.99 is "23.99999" of the same day, never "24.00000". Times are UTC (a real Sage server
 * uses its workstation's local time; callers must not assume either and should read with overlap).
 * Stored as TimeK, an integer count of those units, so ordering is exact.
 */
const MS_PER_UNIT = 36;
const UNITS_PER_HOUR = 100_000;

export interface SageStamp {
  DateUpdated: string;
  TimeK: number;
}

export function sageDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function sageStamp(ms: number): SageStamp {
  const msOfDay = ((ms % 86_400_000) + 86_400_000) % 86_400_000;
  return { DateUpdated: sageDate(ms), TimeK: Math.floor(msOfDay / MS_PER_UNIT) };
}

/** TimeK → the TimeUpdated string, e.g. 1350000 → "13.50000". */
export const timeUpdated = (timeK: number) => (timeK / UNITS_PER_HOUR).toFixed(5);

/** Parses a changedSince value (ISO 8601) into the stamp to compare with; undefined when invalid. */
export function parseChangedSince(value: string): SageStamp | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : sageStamp(ms);
}

/** "YYYYMMDD" check for dates callers send (OrderDate, ShipDate). */
export function isSageDate(v: string): boolean {
  if (!/^\d{8}$/.test(v)) return false;
  const d = new Date(Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8)));
  return sageDate(d.getTime()) === v;
}

/** A stored row's TimeK replaced by the TimeUpdated string callers see. */
export function withTimeUpdated<T extends { TimeK?: unknown }>(row: T): Omit<T, 'TimeK'> & { TimeUpdated: string } {
  const { TimeK, ...rest } = row;
  return { ...rest, TimeUpdated: timeUpdated(Number(TimeK)) };
}
