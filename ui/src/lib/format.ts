/** Dates and numbers as a merchant reads them, in the browser's locale and time zone. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const timeSec = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const number = new Intl.NumberFormat();
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const fmtDateTime = (ms: number | null | undefined) => (ms ? dateTime.format(ms) : '—');
export const fmtTime = (ms: number) => time.format(ms);
/** With seconds: timeline steps are often seconds apart. */
export const fmtTimeSec = (ms: number) => timeSec.format(ms);
export const fmtNumber = (n: number) => number.format(n);

export function fmtAgo(ms: number | null | undefined, now = Date.now()): string {
  if (!ms) return 'never';
  const s = Math.round((ms - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return relative.format(s, 'second');
  if (abs < 2700) return relative.format(Math.round(s / 60), 'minute');
  if (abs < 86_400 * 1.5) return relative.format(Math.round(s / 3600), 'hour');
  return relative.format(Math.round(s / 86_400), 'day');
}

/** Pretty JSON for display; always shown as text. */
export function fmtJson(value: unknown): string {
  if (value === undefined || value === null) return '';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}
