import type { Clock } from '../core/clock';
import { canonicalIso, type ClarityOrderRecord } from '../connectors/clarity/schemas';
import type { ClarityOrders } from '../connectors/clarity/orders';
import type { Db } from '../db/client';
import { loadFeedState, savePollResult, saveWatermark, type FeedKey } from '../db/repos/feed-states.repo';
import { getInstallation } from '../db/repos/installations.repo';
import type { HandlerOutcome, JobContext } from '../queue/types';
import type { Intake, IntakeItem } from '../webhooks/intake';
import { routeEvent } from '../webhooks/topics';
import { nextPoll, type IntervalPolicy, DEFAULT_POLICY } from './adaptive-interval';

/**
 * The polling fallback for Clarity orders (contracts/clarity.md §6), job kind 'order.poll'.
 * Reads `GET /orders?modifiedSince=<watermark − overlap>` page by page (oldest change first) and
 * feeds every order through the same intake as webhooks: a delivery (source 'poll', webhook id
 * `poll:<ID>:<UpdatedDate>`) and an 'order.sync' job, in one transaction per page. What was
 * already taken — by an earlier poll or by a webhook of the same ID and UpdatedDate — is dropped
 * by the deliveries' unique indexes, so an order seen both ways is processed once.
 */
export const CLARITY_ORDERS_FEED = 'clarity.orders';
export const ORDER_POLL_JOB = 'order.poll';
/** A safety net, not the main path: slow unless it is failing (then it backs off further). */
export const ORDER_POLL_INTERVAL_MS = 5 * 60_000;
export const ORDER_POLL_OVERLAP_MS = 5 * 60_000;

export interface OrderPollPayload {
  storeId: string;
}

export interface OrderFeedPollDeps {
  db: Db;
  intake: Intake;
  /** The store's Clarity orders client. */
  clarityFor(storeId: string): Promise<ClarityOrders>;
  clock: Clock;
  overlapMs?: number;
  intervalMs?: number;
  pageSize?: number;
  /** Most pages per run; the next run goes on from the saved watermark. */
  maxPages?: number;
}

const CANCELLED = new Set(['void', 'cancelled', 'canceled']);

export function orderFeedPollHandler(deps: OrderFeedPollDeps) {
  const overlap = deps.overlapMs ?? ORDER_POLL_OVERLAP_MS;
  const interval = deps.intervalMs ?? ORDER_POLL_INTERVAL_MS;
  const policy: IntervalPolicy = { ...DEFAULT_POLICY, fastMs: interval, slowMs: interval };

  return async function pollOrders(ctx: JobContext<OrderPollPayload>): Promise<HandlerOutcome> {
    const storeId = ctx.job.payload.storeId ?? ctx.job.storeId;
    const key: FeedKey = { storeId, feed: CLARITY_ORDERS_FEED };
    const installation = await getInstallation(deps.db, storeId);
    if (!installation || installation.status !== 'active') {
      return { status: 'succeeded', result: { skipped: 'store is not installed' } };
    }
    const state = await loadFeedState(deps.db, key, deps.clock.now());
    // First poll: start at the install, not at the beginning of the store's history.
    let watermark = state.watermark ?? new Date(installation.installedAt).toISOString();
    const since = new Date(Date.parse(watermark) - overlap).toISOString();
    const orders = await deps.clarityFor(storeId);
    let pages = 0;
    let seen = 0;
    let stored = 0;
    try {
      for (let page = 1; page <= (deps.maxPages ?? 500) && !ctx.signal.aborted; page++) {
        const res = await orders.listOrders(since, page, deps.pageSize ?? 100);
        pages++;
        const items = res.Results.map((o) => toIntakeItem(storeId, o, deps.clock.now())).filter((i) => i !== null);
        const results = await deps.intake.acceptMany(items);
        seen += res.Results.length;
        stored += results.filter((r) => r.stored).length;
        const newest = items.reduce((m, i) => (i.subject!.version! > m ? i.subject!.version! : m), watermark);
        if (newest !== watermark) {
          watermark = newest;
          // A checkpoint per page: a crash or a stop resumes here, the overlap covers the edge.
          await saveWatermark(deps.db, key, { watermark, seen: [] }, deps.clock.now());
        }
        if (res.Results.length === 0 || page >= res.TotalPages) break;
      }
    } catch (err) {
      const next = nextPoll(state, { ok: false, retryAfterMs: (err as { retryAfterMs?: number }).retryAfterMs }, deps.clock.now(), policy);
      await savePollResult(deps.db, key, { ok: false, ...next, error: (err as Error).message }, deps.clock.now());
      throw err;
    }
    const next = nextPoll(state, { ok: true, changes: stored }, deps.clock.now(), policy);
    await savePollResult(deps.db, key, { ok: true, ...next }, deps.clock.now());
    ctx.log.debug({ storeId, pages, seen, stored, watermark }, 'order feed polled');
    return { status: 'succeeded', result: { pages, seen, stored, watermark } };
  };
}

/** A polled order, wrapped like the webhook it stands in for. */
export function toIntakeItem(storeId: string, order: ClarityOrderRecord, now: number): (IntakeItem & { subject: { version: string } }) | null {
  const version = canonicalIso(order.UpdatedDate);
  if (!version) return null;
  const topic = CANCELLED.has(String(order.StatusKey ?? '').toLowerCase()) ? 'order.cancelled' : 'order.updated';
  const routed = routeEvent(storeId, topic, order as Record<string, unknown>);
  if (!routed.ok || !routed.subject) return null;
  return {
    storeId,
    webhookId: `poll:${routed.subject.id}:${version}`,
    topic,
    source: 'poll',
    body: JSON.stringify({ type: topic, timestamp: new Date(now).toISOString(), data: order }),
    subject: { ...routed.subject, version },
    job: routed.job,
  };
}
