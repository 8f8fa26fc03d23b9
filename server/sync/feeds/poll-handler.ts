import { Cron } from 'croner';
import { permanent, toAppError } from '../../core/errors';
import { getFeedState, loadFeedState, savePollResult } from '../../db/repos/feed-states.repo';
import { getInstallation } from '../../db/repos/installations.repo';
import { defaultFeedSettings, type FeedSettings } from '../../mapping/feed-settings';
import { noteFeedOutcome } from '../../monitoring/alerts';
import type { HandlerOutcome, JobContext } from '../../queue/types';
import { nextPoll, type IntervalPolicy, type PollOutcome } from '../adaptive-interval';
import { FEEDS, isFeedName, type FeedName } from './catalog';
import { feedContext, type FeedContext, type FeedDeps } from './context';
import { runInventoryFeed } from './inventory/poll';
import { runItemsFeed } from './items';
import { runOrderStatusFeed } from './order-status';
import { runPaymentsReconciliation } from './payments/run';
import { runShipmentsFeed } from './shipments/run';

/**
 * Job 'feed.poll' ({ feed }): one poll of one store's feed. A failing poll does not fail the job
 * — a feed is not a piece of work a person retries — it backs off (adaptive-interval.ts) and,
 * after repeated failures, opens an alert (monitoring/alerts.ts) that closes on the next success.
 * The job's result says what the poll did; feed_states says when the next one runs.
 */
export interface PollPayload {
  feed: FeedName;
}

type Runner = (ctx: FeedContext) => Promise<{ changes: number }>;

const RUNNERS: Record<FeedName, Runner> = {
  shipments: (ctx) => runShipmentsFeed(ctx, 'open'),
  'posted-invoices': (ctx) => runShipmentsFeed(ctx, 'posted'),
  inventory: (ctx) => runInventoryFeed(ctx),
  items: (ctx) => runItemsFeed(ctx),
  'order-status': (ctx) => runOrderStatusFeed(ctx),
  payments: async (ctx) => {
    const r = await runPaymentsReconciliation(ctx);
    return { ...r, changes: r.orders - r.counts.matched };
  },
};

const SETTINGS_KEY: Record<FeedName, Exclude<keyof FeedSettings, 'overlapSeconds' | 'failuresBeforeAlert'>> = {
  shipments: 'shipments', 'posted-invoices': 'postedInvoices', inventory: 'inventory', items: 'items',
  'order-status': 'orderStatus', payments: 'payments',
};
/** A disabled feed looks again this often, so enabling it takes effect without a restart. */
const DISABLED_RECHECK_MS = 5 * 60_000;

export function policyFor(feed: FeedName, settings: FeedSettings): IntervalPolicy {
  const base = FEEDS[feed].policy;
  const s = settings[SETTINGS_KEY[feed]] as { fastSeconds?: number; slowSeconds?: number };
  const fastMs = s.fastSeconds ? s.fastSeconds * 1000 : base.fastMs;
  const slowMs = Math.max(fastMs, s.slowSeconds ? s.slowSeconds * 1000 : base.slowMs);
  return { ...base, fastMs, slowMs };
}

/** The next daily reconciliation after `now`, by the settings' cron pattern. */
export function nextScheduledRun(pattern: string, now: number): number {
  try {
    return new Cron(pattern, { paused: true }).nextRun(new Date(now))?.getTime() ?? now + 86_400_000;
  } catch {
    return new Cron(defaultFeedSettings.payments.schedule, { paused: true }).nextRun(new Date(now))!.getTime();
  }
}

export function feedPollHandler(deps: FeedDeps) {
  return async function pollFeed(job: JobContext<PollPayload>): Promise<HandlerOutcome> {
    const feed = job.job.payload?.feed;
    if (!feed || !isFeedName(feed)) throw permanent('UnknownFeed', `no feed named ${JSON.stringify(feed)}`);
    const storeId = job.job.storeId;
    const key = { storeId, feed };
    const inst = await getInstallation(deps.db, storeId);
    if (!inst || inst.status !== 'active') return { status: 'succeeded', result: { skipped: 'store is not installed' } };
    await loadFeedState(deps.db, key, deps.clock.now());

    let settings = defaultFeedSettings;
    let outcome: PollOutcome;
    let result: Record<string, unknown> = {};
    let error: string | null = null;
    const started = deps.clock.now();
    try {
      const ctx = await feedContext(deps, storeId, { log: job.log, signal: job.signal });
      settings = ctx.settings;
      if (!(settings[SETTINGS_KEY[feed]] as { enabled: boolean }).enabled) {
        await savePollResult(deps.db, key, { ok: true, intervalMs: DISABLED_RECHECK_MS, nextPollAt: deps.clock.now() + DISABLED_RECHECK_MS, consecutiveFailures: 0, lastChangeAt: null }, deps.clock.now());
        return { status: 'succeeded', result: { skipped: 'feed is disabled in the settings' } };
      }
      result = { ...(await RUNNERS[feed](ctx)) };
      outcome = { ok: true, changes: Number(result.changes ?? 0) };
    } catch (err) {
      // Stopped by the worker (shutdown, lost lease): not the feed's failure; the job runs again.
      if (job.signal.aborted) throw err;
      const e = toAppError(err);
      error = `${e.code}: ${e.message}`;
      outcome = { ok: false, retryAfterMs: e.retryAfterMs };
      job.log.warn({ storeId, feed, err: e.toJSON() }, 'feed poll failed');
    }

    const now = deps.clock.now();
    // Read again: an order may have gone to Sage while this poll ran (markFeedActivity).
    const state = (await getFeedState(deps.db, key))!;
    const next = nextPoll(state, outcome, now, policyFor(feed, settings));
    if (feed === 'payments' && outcome.ok) next.nextPollAt = nextScheduledRun(settings.payments.schedule, now);
    await savePollResult(deps.db, key, { ok: outcome.ok, ...next, error }, now);
    await noteFeedOutcome(deps.db, storeId, feed,
      outcome.ok ? { ok: true } : { ok: false, consecutiveFailures: next.consecutiveFailures, error: error ?? 'failed' },
      now, { threshold: settings.failuresBeforeAlert, log: job.log });
    return {
      status: 'succeeded',
      result: { feed, ok: outcome.ok, ms: now - started, nextPollAt: next.nextPollAt, ...(error ? { error } : {}), ...result },
    };
  };
}
