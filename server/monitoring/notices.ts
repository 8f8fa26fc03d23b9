import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client';
import { alertsAwaitingNotice, markNoticeStatement, noticePendingCondition, type AlertEvent } from '../db/repos/alerts.repo';
import { writeBatch } from '../db/repos/raw-client';
import { withBusyRetry } from '../queue/busy-retry';
import { jobInsertStatement } from '../queue/enqueue-sql';
import { notifyWorkers } from '../queue/wake';
import { MONITOR_JOB, noticeOrderingKey } from './kinds';

/**
 * Hands each alert's opening and resolution to the notifier once: an 'alert.notify' job and the
 * alert's notice mark, in one transaction, the job guarded by the mark still being empty, so two
 * processes dispatching at once make one job. Every alert source (the feeds' poll alerts, the
 * monitor's own) is covered, because this reads the alerts table rather than hooking the raisers;
 * the monitor runs it for its store at the end of every check.
 *
 * With notifications off, or for an event older than `maxAgeMs` (alerts from before the URL was
 * set, or from a long outage of the monitor), the mark is set without a job: nobody wants a burst
 * of stale messages.
 */
export interface AlertNotifyPayload {
  alertId: number;
  event: AlertEvent;
}

export interface DispatchOptions {
  enabled: boolean;
  maxAgeMs?: number;
}

export async function dispatchNotices(db: Db, storeId: string, now: number, opts: DispatchOptions): Promise<number> {
  const maxAgeMs = opts.maxAgeMs ?? 3_600_000;
  const stmts: InStatement[] = [];
  let jobs = 0;
  for (const alert of await alertsAwaitingNotice(db, storeId)) {
    const events: Array<[AlertEvent, number]> = [];
    if (alert.openNoticeAt === null) events.push(['opened', alert.openedAt]);
    if (alert.resolvedAt !== null && alert.resolveNoticeAt === null) events.push(['resolved', alert.resolvedAt]);
    for (const [event, at] of events) {
      if (opts.enabled && now - at <= maxAgeMs) {
        const payload: AlertNotifyPayload = { alertId: alert.id, event };
        const job = jobInsertStatement(
          { kind: MONITOR_JOB.notify, storeId, orderingKey: noticeOrderingKey(alert.id), payload, maxAttempts: 8 },
          now, { onlyIf: noticePendingCondition(alert.id, event) },
        );
        stmts.push(job.stmt);
        jobs++;
      }
      stmts.push(markNoticeStatement(alert.id, event, now));
    }
  }
  if (stmts.length === 0) return 0;
  await withBusyRetry(() => writeBatch(db, stmts));
  if (jobs) notifyWorkers();
  return jobs;
}
