import { systemClock, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import { raiseAlert, resolveAlert } from '../db/repos/alerts.repo';
import { getFeedState, saveActivity } from '../db/repos/feed-states.repo';
import { onActivity } from '../sync/adaptive-interval';
import { FEEDS, FEED_NAMES, isFeedName, type FeedName } from '../sync/feeds/catalog';

/**
 * Feed health: one failed poll is noise (it backs off and tries again), several in a row are a
 * problem a person should see. An alert opens after `threshold` consecutive failures, counts the
 * failures after that, and resolves on the first good poll.
 */
export const DEFAULT_FAILURES_BEFORE_ALERT = 5;

export const feedAlertKind = (feed: string) => `feed:${feed}`;

export type FeedOutcome = { ok: true } | { ok: false; consecutiveFailures: number; error: string };

export async function noteFeedOutcome(
  db: Db, storeId: string, feed: string, outcome: FeedOutcome, now: number,
  opts: { threshold?: number; log?: Logger } = {},
): Promise<'raised' | 'bumped' | 'resolved' | 'none'> {
  const kind = feedAlertKind(feed);
  if (outcome.ok) {
    const resolved = await resolveAlert(db, storeId, kind, now);
    if (resolved) opts.log?.info({ storeId, feed }, 'feed recovered; alert resolved');
    return resolved ? 'resolved' : 'none';
  }
  const threshold = opts.threshold ?? DEFAULT_FAILURES_BEFORE_ALERT;
  if (outcome.consecutiveFailures < threshold) return 'none';
  const message = `The ${feed} feed failed ${outcome.consecutiveFailures} times in a row. Last error: ${outcome.error}`;
  const { opened } = await raiseAlert(db, storeId, kind, message, now);
  if (opened) opts.log?.warn({ storeId, feed, failures: outcome.consecutiveFailures }, 'feed alert raised');
  return opened ? 'raised' : 'bumped';
}

/**
 * Call after an order went to Sage: its stock, status and shipments change next, so those feeds
 * poll fast for a while (or only `feed`, when given; a name that is no feed is ignored). A feed
 * that has no row yet is left alone: the schedule creates it due at once anyway.
 */
export async function markFeedActivity(db: Db, storeId: string, feed?: string, opts: { clock?: Clock } = {}): Promise<void> {
  const now = (opts.clock ?? systemClock).now();
  if (feed !== undefined && !isFeedName(feed)) return;
  const feeds: FeedName[] = feed ? [feed] : FEED_NAMES.filter((f) => FEEDS[f].wakesOnOrder);
  for (const f of feeds) {
    const state = await getFeedState(db, { storeId, feed: f });
    if (!state) continue;
    const next = onActivity(
      { intervalMs: state.intervalMs, consecutiveFailures: state.consecutiveFailures, lastChangeAt: state.lastChangeAt, nextPollAt: state.nextPollAt },
      now, FEEDS[f].policy,
    );
    await saveActivity(db, { storeId, feed: f }, next, now);
  }
}
