import type { FeedPage, FeedRow } from '../../connectors/sage100/feeds';
import { isoToSeconds, secondsToIso } from '../../core/sage-time';
import { loadFeedState, saveWatermark, setFeedProgress, type FeedProgress } from '../../db/repos/feed-states.repo';
import { DEFAULT_WATERMARK_OPTIONS, WatermarkTracker } from '../watermark';
import type { FeedContext } from './context';

/**
 * One watermarked read of a Sage feed: from the watermark minus the overlap, rows already handled
 * at their stamp skipped, each page handled before its rows count as seen, and the watermark saved
 * every few seconds of reading (a crash re-reads at most that much; handlers are idempotent) and
 * at the end. Not per page: the seen keys of a mass update are megabytes, and a short read should
 * write them once.
 *
 * `full` reads from the beginning and hands every row to the handler (a resync): the stored
 * watermark only moves forward, so the regular polls carry on from where they were.
 */
export interface ReadFeedOptions<T> {
  feed: string;
  read(since: number | null): AsyncGenerator<FeedPage<T>>;
  handle(rows: Array<FeedRow<T>>): Promise<number>;
  full?: boolean;
  /** Stamp seconds the very first read starts from (no watermark yet); the beginning when absent. */
  startAt?: number | null;
  /** Progress of a long read (resync, backfill), written to feed_states.progress as it goes. */
  progress?: Omit<FeedProgress, 'done' | 'total' | 'state'>;
  /** Reading time between mid-read saves of the watermark. */
  checkpointEveryMs?: number;
}

export interface ReadFeedResult {
  rows: number;
  changes: number;
  requests: number;
  watermark: string | null;
}

export async function readFeed<T>(ctx: FeedContext, o: ReadFeedOptions<T>): Promise<ReadFeedResult> {
  const key = { storeId: ctx.storeId, feed: o.feed };
  const state = await loadFeedState(ctx.db, key, ctx.clock.now());
  const opts = { ...DEFAULT_WATERMARK_OPTIONS, overlapSeconds: ctx.settings.overlapSeconds };
  const stored = { watermark: isoToSeconds(state.watermark), seen: state.seenAtWatermark ?? [] };
  const tracker = new WatermarkTracker(o.full ? { watermark: null, seen: [] } : stored, opts);
  const every = o.checkpointEveryMs ?? 5000;
  let lastSave = performance.now();
  let rows = 0;
  let changes = 0;
  let requests = 0;
  let total: number | null = null;

  const save = async (final: boolean) => {
    const snap = tracker.snapshot();
    const progress = o.progress
      ? { ...o.progress, state: final ? 'done' as const : 'running' as const, done: rows, total, ...(final ? { finishedAt: ctx.clock.now() } : {}) }
      : undefined;
    if (o.full) {
      // A resync never moves the regular watermark back; it only reports progress.
      if (progress) await setFeedProgress(ctx.db, key, progress, ctx.clock.now());
      return;
    }
    await saveWatermark(ctx.db, key, {
      watermark: snap.watermark === null ? state.watermark : secondsToIso(snap.watermark),
      seen: snap.seen,
      progress,
    }, ctx.clock.now());
  };

  if (o.progress) await setFeedProgress(ctx.db, key, { ...o.progress, state: 'running', done: 0, total: null }, ctx.clock.now());
  const from = tracker.readFrom() ?? (o.full ? null : o.startAt ?? null);
  for await (const page of o.read(from)) {
    total ??= page.totalCount;
    requests = page.requests;
    const fresh = o.full ? page.rows : page.rows.filter((r) => tracker.isNew(r.key, r.stamp));
    if (fresh.length) changes += await o.handle(fresh);
    for (const r of fresh) tracker.mark(r.key, r.stamp);
    rows += page.rows.length;
    if (performance.now() - lastSave >= every) {
      await save(false);
      lastSave = performance.now();
    }
  }
  await save(true);
  const snap = tracker.snapshot();
  return { rows, changes, requests, watermark: snap.watermark === null ? state.watermark : secondsToIso(snap.watermark) };
}
