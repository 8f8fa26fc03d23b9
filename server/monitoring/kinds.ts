/** Job kinds and alert kinds of the monitoring piece, in one place for the handler map and the checks. */
export const MONITOR_JOB = {
  /** One store's periodic check: exceptions, gateway, queue, webhooks; then its pending notices. */
  check: 'monitor.check',
  /** POSTs one alert's opening or resolution to ALERT_WEBHOOK_URL. */
  notify: 'alert.notify',
} as const;

/** Monitoring's own jobs: left out of the exceptions check, so a failing notifier cannot feed itself. */
export const MONITOR_JOB_KINDS: readonly string[] = Object.values(MONITOR_JOB);

export const ALERT_KIND = {
  exceptions: 'exceptions',
  gateway: 'gateway',
  queue: 'queue',
  webhooks: 'webhooks',
} as const;

export const monitorOrderingKeyPrefix = 'monitor:';
export const monitorOrderingKey = (storeId: string) => `${monitorOrderingKeyPrefix}${storeId}`;
/** The notices of one alert run in order: "resolved" never overtakes "opened". */
export const noticeOrderingKey = (alertId: number) => `alert-notice:${alertId}`;

/** "45 s", "5 min", "2 h 10 min", "3 d": durations in messages people read. */
export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.round(h / 24)} d`;
}
