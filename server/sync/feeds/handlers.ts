import type { HandlerMap } from '../../queue/types';
import { backfillOrdersHandler, type AcceptOrders } from './backfill-orders';
import { FEED_JOB } from './catalog';
import type { FeedDeps } from './context';
import { feedPollHandler } from './poll-handler';
import { productSyncHandler } from './product-sync';
import { feedResyncHandler } from './resync';

/**
 * The feed jobs for the worker's handler map (main.ts), with the store's product changes
 * (product.sync), which these feeds answer for. Orders backfill needs the intake.
 */
export function feedHandlers(deps: FeedDeps & { acceptOrders?: AcceptOrders }): HandlerMap {
  const map: HandlerMap = {
    [FEED_JOB.poll]: feedPollHandler(deps),
    [FEED_JOB.resync]: feedResyncHandler(deps),
    [FEED_JOB.productSync]: productSyncHandler(deps),
  };
  if (deps.acceptOrders) map[FEED_JOB.backfillOrders] = backfillOrdersHandler({ ...deps, acceptOrders: deps.acceptOrders });
  return map;
}
