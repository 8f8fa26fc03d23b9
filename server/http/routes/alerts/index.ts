import { Hono } from 'hono';
import { alertsQuery, alertTitle, type AlertList } from '../../../contracts/alerts';
import { listAlertsOpenFirst } from '../../../db/repos/alerts.repo';
import type { ApiDeps } from '../../api-deps';
import type { SessionEnv } from '../../middleware/session-auth';
import { zv } from '../../middleware/validate';

/** The session's store's alerts: open ones first (latest first), then recently resolved ones. */
export function alertRoutes(d: ApiDeps) {
  return new Hono<SessionEnv>().get('/', zv('query', alertsQuery), async (c) => {
    const { storeId } = c.get('session');
    const rows = await listAlertsOpenFirst(d.db, storeId, c.req.valid('query').resolved);
    const body: AlertList = {
      open: rows.filter((a) => a.resolvedAt === null).length,
      items: rows.map((a) => ({
        id: a.id, kind: a.kind, title: alertTitle(a.kind), message: a.message, count: a.count,
        openedAt: a.openedAt, lastAt: a.lastAt, resolvedAt: a.resolvedAt,
      })),
    };
    return c.json(body);
  });
}
