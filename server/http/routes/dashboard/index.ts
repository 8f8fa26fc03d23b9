import { Hono } from 'hono';
import { dashboardQuery, type DashboardData, type SeriesPoint } from '../../../contracts/dashboard';
import { listOpenAlerts } from '../../../db/repos/alerts.repo';
import { listFeedStates } from '../../../db/repos/feed-states.repo';
import { endedPerBucket } from '../../../db/repos/jobs.repo';
import { getMappingConfig } from '../../../db/repos/mapping.repo';
import { countOrdersSyncedSince } from '../../../db/repos/panel.repo';
import { jobStats } from '../../../queue/stats';
import type { ApiDeps } from '../../api-deps';
import type { SessionEnv } from '../../middleware/session-auth';
import { zv } from '../../middleware/validate';
import { startOfDay } from './day-start';
import type { GatewayHealthCache } from '../../../monitoring/gateway-health';

/** The dashboard's figures for the session's store, in one call. */
const RANGES = { '24h': { span: 86_400_000, bucket: 3_600_000 }, '7d': { span: 7 * 86_400_000, bucket: 6 * 3_600_000 } } as const;

export function dashboardRoutes(d: ApiDeps, health: GatewayHealthCache) {
  return new Hono<SessionEnv>().get('/', zv('query', dashboardQuery), async (c) => {
    const { storeId } = c.get('session');
    const { range } = c.req.valid('query');
    const now = d.clock.now();
    const r = RANGES[range];
    const since = Math.floor(now / r.bucket) * r.bucket + r.bucket - r.span;
    const mapping = await getMappingConfig(d.db, storeId);
    const [stats, synced, feeds, alerts, ended, gateway] = await Promise.all([
      jobStats(d.db, storeId, d.clock),
      countOrdersSyncedSince(d.db, storeId, startOfDay(now, mapping.order.timeZone)),
      listFeedStates(d.db, storeId),
      listOpenAlerts(d.db, storeId),
      endedPerBucket(d.db, { since, bucketMs: r.bucket, storeId }),
      health.get(storeId),
    ]);
    const points: SeriesPoint[] = Array.from({ length: r.span / r.bucket }, (_, i) => ({ at: since + i * r.bucket, succeeded: 0, failed: 0 }));
    for (const e of ended) {
      const p = points[e.bucket];
      if (!p) continue;
      if (e.state === 'succeeded') p.succeeded += e.n;
      else if (e.state === 'dead') p.failed += e.n;
    }
    const body: DashboardData = {
      syncedToday: synced,
      openExceptions: stats.exceptions,
      held: stats.byState.held,
      queueDepth: stats.byState.queued + stats.byState.retrying,
      running: stats.byState.running,
      oldestQueuedAt: stats.oldestQueuedAgeMs === null ? null : now - stats.oldestQueuedAgeMs,
      feeds: feeds.map((f) => ({
        feed: f.feed, lastPollAt: f.lastPollAt, lastSuccessAt: f.lastSuccessAt, consecutiveFailures: f.consecutiveFailures, lastError: f.lastError,
      })),
      gateway,
      alerts: alerts.map((a) => ({ kind: a.kind, message: a.message, count: a.count, openedAt: a.openedAt, lastAt: a.lastAt })),
      series: { range, bucketMs: r.bucket, points },
    };
    return c.json(body);
  });
}
