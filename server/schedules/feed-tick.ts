import { Cron } from 'croner';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import { deferPollStatement, dueFeeds, ensureFeedStates, pollDueCondition } from '../db/repos/feed-states.repo';
import { writeBatch } from '../db/repos/raw-client';
import { withBusyRetry } from '../queue/busy-retry';
import { jobInsertStatement } from '../queue/enqueue-sql';
import type { EnqueueInput } from '../queue/types';
import { notifyWorkers } from '../queue/wake';
import { FEED_JOB, FEED_NAMES, feedOrderingKey } from '../sync/feeds/catalog';

/**
 * The feeds' schedule. It only enqueues: once a second it finds each store's feeds whose
 * next_poll_at is due and adds one poll job per feed, with ordering key `feed:<store>:<feed>`.
 * The insert is conditional (no job of that key waiting or running) and, in the same transaction,
 * moves next_poll_at ahead, so any number of processes ticking at once add one job, and a slow
 * poll never has others piling up behind it. The poll sets the real next time when it ends.
 */
export interface ScheduledFeed {
  feed: string;
  kind: string;
  payload(storeId: string): unknown;
}

/** The Sage → Clarity feeds; main.ts may add others (the Clarity orders poll) to the same tick. */
export const FEED_SCHEDULES: ScheduledFeed[] = FEED_NAMES.map((feed) => ({ feed, kind: FEED_JOB.poll, payload: () => ({ feed }) }));

export interface FeedTickDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  feeds?: ScheduledFeed[];
  /** If a poll job never reports back (it died), the feed is picked up again after this long. */
  stallMs?: number;
  /** How often new installations get their feed rows. */
  ensureEveryMs?: number;
}

export function createFeedTick(d: FeedTickDeps) {
  const feeds = d.feeds ?? FEED_SCHEDULES;
  const byName = new Map(feeds.map((f) => [f.feed, f]));
  const names = feeds.map((f) => f.feed);
  const stallMs = d.stallMs ?? 10 * 60_000;
  let lastEnsure = Number.NEGATIVE_INFINITY;

  /** One tick; returns the number of poll jobs it added. */
  async function tick(): Promise<number> {
    const now = d.clock.now();
    if (now - lastEnsure >= (d.ensureEveryMs ?? 30_000)) {
      await withBusyRetry(() => ensureFeedStates(d.db, names, now));
      lastEnsure = now;
    }
    let added = 0;
    for (const key of await dueFeeds(d.db, names, now)) {
      const spec = byName.get(key.feed)!;
      const orderingKey = feedOrderingKey(key.storeId, key.feed);
      const input: EnqueueInput = { kind: spec.kind, storeId: key.storeId, orderingKey, payload: spec.payload(key.storeId), maxAttempts: 3 };
      const job = jobInsertStatement(input, now, { onlyIf: pollDueCondition(key, orderingKey, now) });
      const [inserted] = await withBusyRetry(() => writeBatch(d.db, [job.stmt, deferPollStatement(key, now, now + stallMs)]));
      added += inserted.rowsAffected;
    }
    if (added) notifyWorkers();
    return added;
  }
  return { tick };
}

/** Starts the once-a-second tick; `protect` skips a tick while the previous one still runs. */
export function startFeedSchedules(d: FeedTickDeps): { stop(): void; tick(): Promise<number> } {
  const { tick } = createFeedTick(d);
  const job = new Cron('* * * * * *', { protect: true }, async () => {
    try {
      await tick();
    } catch (err) {
      d.log.warn({ err }, 'feed schedule tick failed');
    }
  });
  return { stop: () => job.stop(), tick };
}
