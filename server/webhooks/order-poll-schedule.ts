import { Cron } from 'croner';
import { systemClock, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import { createFeedTick, type ScheduledFeed } from '../schedules/feed-tick';
import { CLARITY_ORDERS_FEED, ORDER_POLL_JOB } from '../sync/order-feed-poll';

/**
 * The Clarity order feed on the feeds' schedule: every active store gets a 'clarity.orders' feed
 * row (so polling is on by default), and a tick enqueues one 'order.poll' job per store that is
 * due. It only enqueues; the job reads. The enqueue is guarded in SQL by the shared feed tick (due,
 * and no poll of that store waiting or running), so several processes ticking, or a slow poll,
 * never pile polls up. The poll itself sets its next time (slow; backing off while failing).
 *
 * Either add ORDER_POLL_SCHEDULE to the feeds' own tick (startFeedSchedules), or run this one.
 */
export const ORDER_POLL_SCHEDULE: ScheduledFeed = {
  feed: CLARITY_ORDERS_FEED,
  kind: ORDER_POLL_JOB,
  payload: (storeId) => ({ storeId }),
};

export interface OrderPollScheduleOptions {
  db: Db;
  log: Logger;
  clock?: Clock;
  /** Croner pattern of the tick (seconds field included). Default: every 30 s. */
  pattern?: string;
}

export interface OrderPollSchedule {
  /** One tick now; resolves to the number of poll jobs enqueued. */
  tick(): Promise<number>;
  stop(): void;
}

export function scheduleOrderPolling(opts: OrderPollScheduleOptions): OrderPollSchedule {
  const { tick } = createFeedTick({ db: opts.db, clock: opts.clock ?? systemClock, log: opts.log, feeds: [ORDER_POLL_SCHEDULE] });
  const cron = new Cron(opts.pattern ?? '*/30 * * * * *', { protect: true }, async () => {
    try {
      await tick();
    } catch (err) {
      opts.log.warn({ err }, 'order poll schedule tick failed; the next tick tries again');
    }
  });
  return { tick, stop: () => cron.stop() };
}
