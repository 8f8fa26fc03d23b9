/**
 * Midnight of the current day in a time zone (the store's, from its mapping settings), as epoch
 * ms, so "synced today" means the merchant's today rather than the server's.
 */
export function startOfDay(nowMs: number, timeZone = 'UTC'): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(nowMs);
  } catch {
    return startOfDay(nowMs, 'UTC');
  }
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  // Wall-clock time in the zone, read as if it were UTC, minus the real instant = the zone's offset.
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = wall - Math.floor(nowMs / 1000) * 1000;
  return Date.UTC(get('year'), get('month') - 1, get('day')) - offset;
}
