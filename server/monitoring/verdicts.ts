import type { WaitingJobs } from '../db/repos/monitoring.repo';
import { ALERT_KIND, fmtDuration } from './kinds';

/**
 * What one check concludes about one alert kind, as pure functions of what the monitor read, so
 * each rule is testable as a table: raise (open, or bump the open one), resolve, or leave as is.
 */
export type Verdict =
  | { kind: string; action: 'raise'; message: string; by?: number }
  | { kind: string; action: 'resolve' }
  | { kind: string; action: 'none' };

export interface MonitorThresholds {
  intervalMs: number;
  gatewayDownMs: number;
  queueWaitMs: number;
  webhookWindowMs: number;
  /** Orders the poll must have found that no webhook announced before webhooks count as stopped. */
  webhookMinMissed: number;
}

export const DEFAULT_THRESHOLDS: MonitorThresholds = {
  intervalMs: 60_000, gatewayDownMs: 5 * 60_000, queueWaitMs: 15 * 60_000, webhookWindowMs: 30 * 60_000, webhookMinMissed: 3,
};

/** The gateway alert opens once the health check has failed for `gatewayDownMs`, and closes on the first good one. */
export function gatewayVerdict(
  health: { ok: boolean; error: string | null }, failingSince: number | null, now: number, t: MonitorThresholds,
): { failingSince: number | null; verdict: Verdict } {
  const kind = ALERT_KIND.gateway;
  if (health.ok) return { failingSince: null, verdict: { kind, action: 'resolve' } };
  const since = failingSince ?? now;
  if (now - since < t.gatewayDownMs) return { failingSince: since, verdict: { kind, action: 'none' } };
  const message = `The Sage 100 gateway has failed its health check for ${fmtDuration(now - since)}: ${health.error ?? 'no answer'}. `
    + 'Orders wait in the queue and are sent when it answers again.';
  return { failingSince: since, verdict: { kind, action: 'raise', message } };
}

/** Jobs that could run but have not started for `queueWaitMs`: no worker takes them. */
export function queueVerdict(w: WaitingJobs, now: number, t: MonitorThresholds): Verdict {
  const kind = ALERT_KIND.queue;
  if (w.count === 0 || !w.oldest) return { kind, action: 'resolve' };
  const jobs = w.count === 1 ? '1 job' : `${w.count} jobs`;
  const message = `${jobs} ready to run ${w.count === 1 ? 'has' : 'have'} waited more than ${fmtDuration(t.queueWaitMs)} to start; `
    + `the oldest (${w.oldest.kind}) for ${fmtDuration(now - w.oldest.runAt)}. Is the connector's worker running?`;
  return { kind, action: 'raise', message };
}

/**
 * Webhooks count as stopped when, within the window, the order poll found at least
 * `webhookMinMissed` orders that no webhook had announced and no order webhook arrived at all.
 * `webhookArrived` is null when it was not looked up (too few missed orders to matter).
 */
export function webhooksVerdict(missed: number, webhookArrived: boolean | null, t: MonitorThresholds): Verdict {
  const kind = ALERT_KIND.webhooks;
  if (missed < t.webhookMinMissed || webhookArrived !== false) return { kind, action: 'resolve' };
  const message = `In the last ${fmtDuration(t.webhookWindowMs)} the order poll found ${missed} orders that no webhook announced, `
    + 'and no order webhook arrived. Check the app\'s webhook subscription in Clarity; until it works, orders arrive by polling, minutes late.';
  return { kind, action: 'raise', message };
}

/**
 * New exceptions open (or bump) the alert, counting them; with none new, an open alert closes once
 * none of the exceptions since it began is left on the list (each was retried or cancelled).
 */
export function exceptionsVerdict(fresh: number, openCount: number | null, leftSinceOpened: number | null): Verdict {
  const kind = ALERT_KIND.exceptions;
  if (fresh > 0) {
    const total = (openCount ?? 0) + fresh;
    const message = `${fresh === 1 ? '1 job' : `${fresh} jobs`} reached the exception list (failed for good, or held by a rule)`
      + `${openCount ? `; ${total} since this alert opened` : ''}. Fix and retry or cancel them under Exceptions.`;
    return { kind, action: 'raise', message, by: fresh };
  }
  if (openCount !== null && leftSinceOpened === 0) return { kind, action: 'resolve' };
  return { kind, action: 'none' };
}
