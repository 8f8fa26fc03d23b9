import { permanent } from '../../core/errors';
import type { Clock } from '../../core/clock';
import { systemClock } from '../../core/clock';
import { clarityOrders } from '../../connectors/clarity/orders';
import type { ClarityOrderRecord } from '../../connectors/clarity/schemas';
import type { Db } from '../../db/client';
import { recordAudit } from '../../db/repos/audit.repo';
import { setFeedProgress } from '../../db/repos/feed-states.repo';
import { enqueue } from '../../queue/enqueue';
import type { HandlerOutcome, JobContext } from '../../queue/types';
import { FEED_JOB, feedOrderingKey } from './catalog';
import type { FeedDeps } from './context';

/**
 * Backfill of Clarity orders created in a date range ('feed.backfill-orders' { from, to }): the
 * store's orders changed since `from` are read page by page, those created within the range go
 * through the same intake as webhooks (the composition root passes `acceptOrders`), so an order
 * already taken is dropped there, and one not yet in Sage is created — once, as always.
 */
export const BACKFILL_ORDERS_FEED = 'backfill-orders';

export interface BackfillOrdersPayload {
  from: string;
  to: string;
}

/** Hands orders to the intake; returns how many were new. */
export type AcceptOrders = (storeId: string, orders: ClarityOrderRecord[]) => Promise<number>;

export async function requestOrderBackfill(
  db: Db, req: { storeId: string; from: string; to: string; actor: string; reason?: string }, opts: { clock?: Clock } = {},
): Promise<{ jobId: string }> {
  const from = Date.parse(req.from);
  const to = Date.parse(req.to);
  if (Number.isNaN(from) || Number.isNaN(to) || from > to) {
    throw permanent('BadRange', 'from and to must be ISO dates with from on or before to', { status: 400, field: 'from' });
  }
  const clock = opts.clock ?? systemClock;
  const payload: BackfillOrdersPayload = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const jobId = await enqueue(db, {
    kind: FEED_JOB.backfillOrders, storeId: req.storeId, orderingKey: feedOrderingKey(req.storeId, BACKFILL_ORDERS_FEED), payload, maxAttempts: 5,
  }, { clock });
  const now = clock.now();
  await setFeedProgress(db, { storeId: req.storeId, feed: BACKFILL_ORDERS_FEED }, { kind: 'backfill', state: 'queued', done: 0, total: null, startedAt: now, message: `${payload.from} – ${payload.to}` }, now);
  await recordAudit(db, { storeId: req.storeId, actor: req.actor, action: 'feed.backfill', subject: 'feed:orders', reason: req.reason ?? null, detail: { jobId, ...payload }, at: now });
  return { jobId };
}

export function backfillOrdersHandler(deps: FeedDeps & { acceptOrders: AcceptOrders }) {
  return async function backfill(job: JobContext<BackfillOrdersPayload>): Promise<HandlerOutcome> {
    const { from, to } = job.job.payload;
    const storeId = job.job.storeId;
    const key = { storeId, feed: BACKFILL_ORDERS_FEED };
    const started = deps.clock.now();
    const orders = clarityOrders(await deps.clarityFor(storeId));
    const lo = Date.parse(from);
    const hi = Date.parse(to);
    const counts = { read: 0, inRange: 0, accepted: 0 };
    let total: number | null = null;
    const progress = (state: 'running' | 'done' | 'failed', message?: string) => setFeedProgress(deps.db, key, {
      kind: 'backfill', state, done: counts.read, total, startedAt: started, counts: { ...counts },
      message: message ?? `${from} – ${to}`, ...(state === 'running' ? {} : { finishedAt: deps.clock.now() }),
    }, deps.clock.now());
    try {
      for (let page = 1; ; page++) {
        if (job.signal.aborted) throw new Error('backfill stopped');
        const res = await orders.listOrders(from, page, 100);
        total = res.TotalCount;
        counts.read += res.Results.length;
        const wanted = res.Results.filter((o) => {
          const created = Date.parse(String((o as { CreatedDate?: unknown }).CreatedDate ?? o.UpdatedDate));
          return created >= lo && created <= hi;
        });
        counts.inRange += wanted.length;
        if (wanted.length) counts.accepted += await deps.acceptOrders(storeId, wanted);
        await progress('running');
        if (res.Results.length === 0 || page >= res.TotalPages) break;
      }
    } catch (err) {
      await progress('failed', (err as Error).message);
      throw err;
    }
    await progress('done');
    return { status: 'succeeded', result: counts };
  };
}
