import { permanent } from '../../core/errors';
import type { Clock } from '../../core/clock';
import { systemClock } from '../../core/clock';
import type { Db } from '../../db/client';
import { recordAudit } from '../../db/repos/audit.repo';
import { getFeedState, setFeedProgress, type FeedProgress } from '../../db/repos/feed-states.repo';
import { enqueue } from '../../queue/enqueue';
import type { HandlerOutcome, JobContext } from '../../queue/types';
import { FEED_JOB, feedOrderingKey } from './catalog';
import { feedContext, type FeedDeps } from './context';
import { runInventoryFeed } from './inventory/poll';
import { runItemsFeed } from './items';

/**
 * Full resyncs and Sage backfills ('feed.resync' { feed, kind }): every row of Sage's items or
 * item-warehouse quantities read from the beginning and pushed whatever the hashes say, with
 * progress in feed_states.progress for the panel and the CLI. The job shares the feed's ordering
 * key, so it never runs beside a poll of the same feed.
 */
export const RESYNC_FEEDS = ['inventory', 'items'] as const;
export type ResyncFeed = (typeof RESYNC_FEEDS)[number];

export interface ResyncPayload {
  feed: ResyncFeed;
  kind: 'resync' | 'backfill';
}

export interface ResyncRequest {
  storeId: string;
  feed: string;
  /** 'backfill' for the first load of a store, 'resync' to repair; the same work, labelled. */
  kind?: 'resync' | 'backfill';
  actor: string;
  reason?: string;
}

/** Asks for a resync (for the API and the CLI): queues the job, marks the progress queued, audits it. */
export async function requestResync(db: Db, req: ResyncRequest, opts: { clock?: Clock } = {}): Promise<{ jobId: string }> {
  if (!(RESYNC_FEEDS as readonly string[]).includes(req.feed)) {
    throw permanent('UnknownFeed', `only ${RESYNC_FEEDS.join(' and ')} can be resynced (got "${req.feed}")`, { status: 400, field: 'feed' });
  }
  const clock = opts.clock ?? systemClock;
  const kind = req.kind ?? 'resync';
  const jobId = await enqueue(db, {
    kind: FEED_JOB.resync, storeId: req.storeId, orderingKey: feedOrderingKey(req.storeId, req.feed),
    payload: { feed: req.feed as ResyncFeed, kind } satisfies ResyncPayload, maxAttempts: 5,
  }, { clock });
  const now = clock.now();
  await setFeedProgress(db, { storeId: req.storeId, feed: req.feed }, { kind, state: 'queued', done: 0, total: null, startedAt: now, message: jobId }, now);
  await recordAudit(db, { storeId: req.storeId, actor: req.actor, action: `feed.${kind}`, subject: `feed:${req.feed}`, reason: req.reason ?? null, detail: { jobId }, at: now });
  return { jobId };
}

/** The progress a resync left on its feed, for the panel and the CLI. */
export async function resyncProgress(db: Db, storeId: string, feed: string): Promise<FeedProgress | null> {
  return ((await getFeedState(db, { storeId, feed }))?.progress as FeedProgress | null) ?? null;
}

export function feedResyncHandler(deps: FeedDeps) {
  return async function resync(job: JobContext<ResyncPayload>): Promise<HandlerOutcome> {
    const { feed, kind } = job.job.payload;
    const key = { storeId: job.job.storeId, feed };
    const ctx = await feedContext(deps, job.job.storeId, { log: job.log, signal: job.signal });
    const started = deps.clock.now();
    try {
      const result = feed === 'inventory'
        ? await runInventoryFeed(ctx, { full: true, progress: true })
        : await runItemsFeed(ctx, { full: true, progress: true });
      await setFeedProgress(deps.db, key, {
        kind, state: 'done', done: result.rows, total: result.rows, startedAt: started, finishedAt: deps.clock.now(),
        counts: result.counts as unknown as Record<string, number>, message: job.job.id,
      }, deps.clock.now());
      return { status: 'succeeded', result: { feed, kind, rows: result.rows, counts: result.counts } };
    } catch (err) {
      const prev = await resyncProgress(deps.db, key.storeId, feed);
      await setFeedProgress(deps.db, key, {
        ...(prev ?? { done: 0, total: null }), kind, state: 'failed', startedAt: started, finishedAt: deps.clock.now(),
        message: (err as Error).message,
      }, deps.clock.now());
      throw err;
    }
  };
}
