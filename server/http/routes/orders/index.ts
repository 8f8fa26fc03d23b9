import { Hono } from 'hono';
import { AppError } from '../../../core/errors';
import { badgesQuery, orderParams, resendBody } from '../../../contracts/orders';
import { listSubjectDeliveries } from '../../../db/repos/deliveries.repo';
import { firstJobOfDelivery } from '../../../db/repos/jobs.repo';
import { appendOrderEvents } from '../../../db/repos/order-events.repo';
import { getOrderLinks } from '../../../db/repos/order-links.repo';
import { latestJobsByKey } from '../../../db/repos/panel.repo';
import { replayDelivery } from '../../../queue/replay';
import { orderKey } from '../../../queue/keys';
import type { ApiDeps } from '../../api-deps';
import type { SessionEnv } from '../../middleware/session-auth';
import { zv } from '../../middleware/validate';
import { loadOrderPanel } from './order-panel';
import { orderAppState, orderBadge } from './order-state';

/** The order panel (status, timeline, resend) and the order list's badges. */
export function orderRoutes(d: ApiDeps) {
  return new Hono<SessionEnv>()
    .get('/badges', zv('query', badgesQuery), async (c) => {
      const { storeId } = c.get('session');
      const ids = c.req.valid('query').ids;
      const [links, latest] = await Promise.all([
        getOrderLinks(d.db, storeId, ids),
        latestJobsByKey(d.db, storeId, ids.map((id) => orderKey(storeId, id))),
      ]);
      const byId = new Map(links.map((l) => [l.clarityOrderId, l]));
      const badges = ids.map((id) => {
        const link = byId.get(id) ?? null;
        const job = latest.get(orderKey(storeId, id));
        return orderBadge(id, orderAppState(link, job, false), link, job);
      });
      return c.json({ badges });
    })
    .get('/:id', zv('param', orderParams), async (c) => {
      const { storeId } = c.get('session');
      return c.json(await loadOrderPanel(d.db, storeId, c.req.valid('param').id));
    })
    // Resend = replay the order's newest stored delivery as a new job. Never a direct Sage call:
    // the job runs the same idempotent path as the first time, so it cannot make a second order.
    .post('/:id/resend', zv('param', orderParams), zv('json', resendBody), async (c) => {
      const s = c.get('session');
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const dels = await listSubjectDeliveries(d.db, s.storeId, 'order', id, 50);
      const candidates = [...dels.filter((x) => x.topic !== 'order.cancelled'), ...dels.filter((x) => x.topic === 'order.cancelled')];
      let deliveryId: string | null = null;
      for (const del of candidates) {
        if (await firstJobOfDelivery(d.db, del.id)) {
          deliveryId = del.id;
          break;
        }
      }
      if (!deliveryId) {
        throw new AppError('NothingToResend', `Order ${id} has not been received by the connector yet, so there is nothing to resend.`, { status: 409 });
      }
      const { jobId } = await replayDelivery(d.db, deliveryId, s.actor, reason ?? null, { storeId: s.storeId, clock: d.clock });
      await appendOrderEvents(d.db, s.storeId, id, [{
        at: d.clock.now(), step: 'resend', level: 'info', jobId,
        message: `Resend requested by ${s.actor}${reason ? `: ${reason}` : ''}`,
      }]);
      return c.json({ jobId, deliveryId }, 202);
    });
}
