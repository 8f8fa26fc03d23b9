import { alertTitle } from '../contracts/alerts';
import { AppError, permanent, transient } from '../core/errors';
import type { Db } from '../db/client';
import { getAlert, type Alert, type AlertEvent } from '../db/repos/alerts.repo';
import { getInstallation } from '../db/repos/installations.repo';
import { retryAfterMs } from '../connectors/http-errors';
import type { HandlerOutcome, JobContext } from '../queue/types';
import { fmtDuration } from './kinds';
import type { AlertNotifyPayload } from './notices';

/**
 * Job 'alert.notify': POSTs `{ text, alert }` to ALERT_WEBHOOK_URL. `text` is one line a person
 * reads in a chat channel (Slack, Teams and most incoming-webhook receivers show it as is);
 * `alert` carries the fields for a program. A 5xx, 429 or no answer is retried by the engine with
 * backoff; any other 4xx means the URL is wrong, so the job gives up at once. The URL is a secret
 * of sorts (a chat webhook's path is its key): it is never logged or stored in a job.
 */
export interface NotifyDeps {
  db: Db;
  url: string | undefined;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface AlertMessage {
  text: string;
  alert: {
    id: number; storeId: string; storeName: string | null; kind: string; title: string; event: AlertEvent;
    message: string; count: number; openedAt: string; lastAt: string; resolvedAt: string | null;
  };
}

export function alertMessage(alert: Alert, event: AlertEvent, storeName: string | null): AlertMessage {
  const title = alertTitle(alert.kind);
  const store = storeName ? `${storeName} (${alert.storeId})` : alert.storeId;
  const text = event === 'opened'
    ? `ALERT ${store}: ${title}. ${alert.message}`
    : `RESOLVED ${store}: ${title}, after ${fmtDuration((alert.resolvedAt ?? alert.lastAt) - alert.openedAt)}.`;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    text,
    alert: {
      id: alert.id, storeId: alert.storeId, storeName, kind: alert.kind, title, event, message: alert.message, count: alert.count,
      openedAt: iso(alert.openedAt), lastAt: iso(alert.lastAt), resolvedAt: alert.resolvedAt === null ? null : iso(alert.resolvedAt),
    },
  };
}

export function alertNotifyHandler(deps: NotifyDeps) {
  const doFetch = deps.fetch ?? fetch;
  return async function notify(ctx: JobContext<AlertNotifyPayload>): Promise<HandlerOutcome> {
    const { alertId, event } = ctx.job.payload;
    if (!deps.url) return { status: 'succeeded', result: { skipped: 'ALERT_WEBHOOK_URL is not set' } };
    const alert = await getAlert(deps.db, alertId);
    if (!alert || alert.storeId !== ctx.job.storeId) return { status: 'succeeded', result: { skipped: 'no such alert' } };
    const inst = await getInstallation(deps.db, alert.storeId);
    const body = alertMessage(alert, event, inst?.storeName ?? null);
    let res: Response;
    try {
      res = await doFetch(deps.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'sage100-connector-alerts' },
        body: JSON.stringify(body),
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(deps.timeoutMs ?? 10_000)]),
      });
    } catch (err) {
      throw transient('AlertWebhookNoAnswer', `The alert webhook did not answer: ${(err as Error).message}`, { cause: err });
    }
    const answer = (await res.text().catch(() => '')).slice(0, 200);
    if (res.ok) return { status: 'succeeded', result: { status: res.status } };
    const said = `The alert webhook answered ${res.status}${answer ? `: ${answer}` : ''}`;
    if (res.status === 429) {
      throw new AppError('AlertWebhookThrottled', said, { errorClass: 'rate_limited', status: 429, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) });
    }
    if (res.status >= 500 || res.status === 408) throw transient('AlertWebhookUnavailable', said);
    throw permanent('AlertWebhookRefused', `${said}. Check ALERT_WEBHOOK_URL.`);
  };
}
