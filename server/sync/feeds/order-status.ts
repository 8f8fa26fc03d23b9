import { AppError } from '../../core/errors';
import { sageFeeds, type SageOpenOrderRow, type SageOrderHistoryRow } from '../../connectors/sage100/feeds';
import type { SageHistoryStatus, SageOrderStatus } from '../../domain/sage';
import { loadFeedState, saveWatermark } from '../../db/repos/feed-states.repo';
import { findOrderLinkBySalesOrderNo, listOrderLinks } from '../../db/repos/order-links.repo';
import { ordersFeedStart, type FeedContext } from './context';
import { readFeed } from './read-feed';
import { checkOrderClosed } from './shipments/close';
import { applySageState, type StatusOutcome } from './status-apply';

/**
 * Order status from Sage: hold and release come through the open-order feed (SO/SalesOrder
 * changedSince); close and delete take the order out of that file, so they come from the history
 * feed where the gateway has one, and in any case from a sweep that asks Sage about a few open
 * orders per poll (oldest checked first) — a deleted order leaves no other trace.
 */
export const ORDER_STATUS_FEED = 'order-status';
const HISTORY_FEED = 'order-history';
const SWEEP_FEED = 'order-status-sweep';
const SWEEP_EVERY_MS = 60_000;
/** Gateways without a history change feed are asked again after this long. */
const UNSUPPORTED_RETRY_MS = 6 * 3_600_000;
const historyUnsupported = new Map<string, number>();

export interface StatusCounts {
  orders: number;
  updated: number;
  notOurs: number;
  swept: number;
}

export async function runOrderStatusFeed(ctx: FeedContext) {
  const counts: StatusCounts = { orders: 0, updated: 0, notOurs: 0, swept: 0 };
  const feeds = sageFeeds(ctx.sage);
  const tally = (o: StatusOutcome | 'unknown' | null) => { if (o === 'updated') counts.updated++; return o === 'updated' ? 1 : 0; };
  const result = await readFeed<SageOpenOrderRow>(ctx, {
    feed: ORDER_STATUS_FEED,
    startAt: ordersFeedStart(ctx),
    read: (since) => feeds.salesOrders({ since, pageSize: 500, signal: ctx.signal }),
    handle: async (rows) => {
      let changes = 0;
      for (const { row } of rows) {
        counts.orders++;
        const link = await findOrderLinkBySalesOrderNo(ctx.db, ctx.storeId, row.SalesOrderNo);
        if (!link) { counts.notOurs++; continue; }
        changes += tally(await applySageState(ctx, link, { file: 'open', OrderStatus: row.OrderStatus as SageOrderStatus }, 'sales-order-feed'));
      }
      return changes;
    },
  });
  const history = await readHistory(ctx, tally, counts);
  const swept = await sweep(ctx, tally);
  counts.swept = swept;
  return { ...result, changes: result.changes + history, counts };
}

async function readHistory(ctx: FeedContext, tally: (o: StatusOutcome) => number, counts: StatusCounts): Promise<number> {
  const until = historyUnsupported.get(ctx.storeId);
  if (until && until > ctx.clock.now()) return 0;
  try {
    const r = await readFeed<SageOrderHistoryRow>(ctx, {
      feed: HISTORY_FEED,
      startAt: ordersFeedStart(ctx),
      read: (since) => sageFeeds(ctx.sage).salesOrderHistory({ since, pageSize: 500, signal: ctx.signal }),
      handle: async (rows) => {
        let changes = 0;
        for (const { row } of rows) {
          if (row.OrderStatus !== 'C' && row.OrderStatus !== 'X') continue;
          const link = await findOrderLinkBySalesOrderNo(ctx.db, ctx.storeId, row.SalesOrderNo);
          if (!link) { counts.notOurs++; continue; }
          changes += tally(await applySageState(ctx, link, { file: 'history', OrderStatus: row.OrderStatus as SageHistoryStatus }, 'history-feed'));
        }
        return changes;
      },
    });
    return r.changes;
  } catch (err) {
    if (err instanceof AppError && [400, 404, 405, 501].includes(err.status)) {
      historyUnsupported.set(ctx.storeId, ctx.clock.now() + UNSUPPORTED_RETRY_MS);
      ctx.log.info({ storeId: ctx.storeId }, 'gateway has no order history change feed; closes and deletes come from the sweep');
      return 0;
    }
    throw err;
  }
}

/** Checks up to `sweepPerPoll` orders still open in Sage, at most once a minute, walking all of them in turn. */
async function sweep(ctx: FeedContext, tally: (o: StatusOutcome | 'unknown') => number): Promise<number> {
  const per = ctx.settings.orderStatus.sweepPerPoll;
  if (per === 0) return 0;
  const key = { storeId: ctx.storeId, feed: SWEEP_FEED };
  const state = await loadFeedState(ctx.db, key, ctx.clock.now());
  if (state.updatedAt > ctx.clock.now() - SWEEP_EVERY_MS && state.watermark !== null) return 0;
  const before = state.watermark && state.watermark !== 'start' ? Number(state.watermark) : undefined;
  const page = await listOrderLinks(ctx.db, ctx.storeId, { states: ['created'], limit: per, before });
  let checked = 0;
  for (const link of page) {
    if (!link.salesOrderNo || link.sageStatus === 'C' || link.sageStatus === 'X') continue;
    tally(await checkOrderClosed(ctx, link));
    checked++;
  }
  // A short page means the walk reached the oldest order: start again from the newest next time.
  const cursor = page.length < per ? 'start' : String(page[page.length - 1].updatedAt);
  await saveWatermark(ctx.db, key, { watermark: cursor, seen: [] }, ctx.clock.now());
  return checked;
}
