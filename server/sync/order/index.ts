import type { Clock } from '../../core/clock';
import type { ClarityOrders } from '../../connectors/clarity/orders';
import type { Db } from '../../db/client';
import type { HandlerMap } from '../../queue/types';
import type { SageGateways } from '../sage-gateway';
import { ORDER_WRITE_JOB } from './hand-over';
import { createOrderSyncHandler, ORDER_SYNC_JOB } from './handler';
import { ItemCache } from './item-cache';
import { createWriteBackHandler, ORDER_WRITEBACK_JOB } from './write-back-job';
import type { ResolvedItem } from './resolve-items';

export { ORDER_SYNC_JOB } from './handler';
export { ORDER_WRITE_JOB } from './hand-over';
export { ORDER_WRITEBACK_JOB } from './write-back-job';
export { previewPayload, previewStoredOrder, type OrderPreview, type PreviewDeps } from './preview';

export interface OrderHandlersDeps {
  db: Db;
  clock: Clock;
  gateways: SageGateways;
  clarityFor(storeId: string): Promise<ClarityOrders>;
  markFeedActivity?(db: Db, storeId: string, feed?: string): Promise<void>;
  /** How long a found SKU → item answer is kept (5 minutes by default). */
  itemCacheMs?: number;
}

/**
 * The order flow's job handlers, for the worker's handler map: the order event (read and decide,
 * then write in the Sage slot: hand-over.ts), and its write-back.
 */
export function orderHandlers(deps: OrderHandlersDeps): HandlerMap {
  const itemCache = new ItemCache<ResolvedItem>(deps.clock, deps.itemCacheMs);
  const markFeedActivity = deps.markFeedActivity && throttledPerStore(deps.clock, 5_000, deps.markFeedActivity);
  const flowDeps = { ...deps, itemCache, markFeedActivity };
  return {
    [ORDER_SYNC_JOB]: createOrderSyncHandler(flowDeps, 'plan'),
    [ORDER_WRITE_JOB]: createOrderSyncHandler(flowDeps, 'write'),
    [ORDER_WRITEBACK_JOB]: createWriteBackHandler(flowDeps),
  };
}

/**
 * "Poll the feeds fast for a while" means the same whether it is said once or fifty times a
 * second: at most one call per store per `ms`, so a burst of orders costs the feeds' rows one
 * write, not one per order on the hot path.
 */
function throttledPerStore(clock: Clock, ms: number, fn: (db: Db, storeId: string) => Promise<void>) {
  const last = new Map<string, number>();
  return async (db: Db, storeId: string) => {
    const now = clock.now();
    if (now - (last.get(storeId) ?? -Infinity) < ms) return;
    last.set(storeId, now);
    await fn(db, storeId);
  };
}
