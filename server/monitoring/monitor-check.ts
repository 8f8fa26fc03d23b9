import type { Clock } from '../core/clock';
import type { Db } from '../db/client';
import { listOpenAlerts, raiseAlert, resolveAlert } from '../db/repos/alerts.repo';
import { getInstallation } from '../db/repos/installations.repo';
import {
  countExceptionsSince, deliveryArrivedSince, getMonitorState, jobsWaitingLongerThan, saveMonitorState, sumPollResults,
  type MonitorStateFields,
} from '../db/repos/monitoring.repo';
import type { HandlerOutcome, JobContext } from '../queue/types';
import { feedOrderingKey } from '../sync/feeds/catalog';
import { CLARITY_ORDERS_FEED, ORDER_POLL_JOB } from '../sync/order-feed-poll';
import type { GatewayHealthCache } from './gateway-health';
import { ALERT_KIND, MONITOR_JOB_KINDS } from './kinds';
import { dispatchNotices } from './notices';
import { exceptionsVerdict, gatewayVerdict, queueVerdict, webhooksVerdict, type MonitorThresholds, type Verdict } from './verdicts';

/**
 * Job 'monitor.check': one store's periodic look at what stays broken. Each check is read, judged
 * (verdicts.ts) and applied to its alert; one failing check is logged and does not stop the
 * others. Then the store's pending alert notices are dispatched (notices.ts).
 */
export interface MonitorCheckDeps {
  db: Db;
  clock: Clock;
  health: GatewayHealthCache;
  thresholds: MonitorThresholds;
  notifications: boolean;
}

/** Arrival order and rowid order of deliveries can differ by a group commit: look a little further back. */
const DELIVERY_SLACK_MS = 60_000;

export function monitorCheckHandler(deps: MonitorCheckDeps) {
  const { db, clock, thresholds: t } = deps;

  return async function monitorCheck(ctx: JobContext): Promise<HandlerOutcome> {
    const storeId = ctx.job.storeId;
    const inst = await getInstallation(db, storeId);
    if (!inst || inst.status !== 'active') return { status: 'succeeded', result: { skipped: 'store is not installed' } };
    const now = clock.now();
    const state = await getMonitorState(db, storeId);
    // Read once: a healthy store's check then writes nothing but its state row.
    const openAlerts = new Map((await listOpenAlerts(db, storeId)).map((a) => [a.kind, a]));
    const fields: MonitorStateFields = { lastCheckAt: now };
    const verdicts: Verdict[] = [];
    const errors: string[] = [];
    const attempt = async (name: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (err) {
        errors.push(`${name}: ${(err as Error).message}`);
        ctx.log.warn({ err, storeId, check: name }, 'monitor check failed');
      }
    };

    await attempt('gateway', async () => {
      const h = await deps.health.get(storeId, true);
      const g = gatewayVerdict(h, state?.gatewayFailingSince ?? null, now, t);
      fields.gatewayFailingSince = g.failingSince;
      fields.gatewayError = h.ok ? null : h.error;
      verdicts.push(g.verdict);
    });

    await attempt('exceptions', async () => {
      const since = state?.lastCheckAt ?? now - t.intervalMs;
      // Up to `now` only: the next check's window starts there, so none is counted twice.
      const fresh = await countExceptionsSince(db, storeId, since, MONITOR_JOB_KINDS, now);
      const open = openAlerts.get(ALERT_KIND.exceptions);
      const windowStart = state?.exceptionsSince ?? (open ? open.openedAt - t.intervalMs : null);
      const left = open && fresh === 0 && windowStart !== null ? await countExceptionsSince(db, storeId, windowStart, MONITOR_JOB_KINDS) : null;
      const v = exceptionsVerdict(fresh, open?.count ?? null, left);
      if (v.action === 'raise' && !open) fields.exceptionsSince = since;
      if (v.action === 'resolve' || (!open && v.action !== 'raise')) fields.exceptionsSince = null;
      verdicts.push(v);
    });

    await attempt('queue', async () => {
      verdicts.push(queueVerdict(await jobsWaitingLongerThan(db, { storeId, now, minWaitMs: t.queueWaitMs }), now, t));
    });

    await attempt('webhooks', async () => {
      const since = now - t.webhookWindowMs;
      const polled = await sumPollResults(db, {
        storeId, orderingKey: feedOrderingKey(storeId, CLARITY_ORDERS_FEED), kind: ORDER_POLL_JOB, field: 'stored', since,
      });
      // The delivery lookup only runs when the poll found enough to matter: it is the costlier read.
      const arrived = polled.total >= t.webhookMinMissed
        ? await deliveryArrivedSince(db, storeId, 'webhook', 'order.', since - DELIVERY_SLACK_MS)
        : null;
      verdicts.push(webhooksVerdict(polled.total, arrived, t));
    });

    const raised: string[] = [];
    const resolved: string[] = [];
    for (const v of verdicts) {
      if (v.action === 'raise') {
        await raiseAlert(db, storeId, v.kind, v.message, now, { by: v.by });
        raised.push(v.kind);
      } else if (v.action === 'resolve' && openAlerts.has(v.kind) && (await resolveAlert(db, storeId, v.kind, now))) {
        resolved.push(v.kind);
        ctx.log.info({ storeId, kind: v.kind }, 'alert resolved');
      }
    }
    await saveMonitorState(db, storeId, fields, now);
    const notices = await dispatchNotices(db, storeId, now, { enabled: deps.notifications });
    return { status: 'succeeded', result: { raised, resolved, notices, ...(errors.length ? { errors } : {}) } };
  };
}
