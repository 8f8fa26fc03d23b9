import type { InStatement, InValue } from '@libsql/client';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { feedStates } from '../schema/sync';
import { clientOf, writeBatch } from './raw-client';

/**
 * Where each store's feeds got to (watermark and the keys seen at it), when they poll next, how
 * they are doing, and the progress of a long job on them (resync, backfill). Kept in libSQL so a
 * restarted process resumes exactly where the last one stopped.
 */
export type FeedState = typeof feedStates.$inferSelect;

export interface FeedKey {
  storeId: string;
  feed: string;
}

export interface FeedProgress {
  kind: 'resync' | 'backfill' | 'reconcile';
  state: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
  startedAt: number;
  finishedAt?: number | null;
  message?: string | null;
  /** What the job did so far (pushed, unchanged, unknown ...). */
  counts?: Record<string, number>;
}

export async function getFeedState(db: Db, key: FeedKey): Promise<FeedState | null> {
  const rows = await db.select().from(feedStates).where(and(eq(feedStates.storeId, key.storeId), eq(feedStates.feed, key.feed)));
  return rows[0] ?? null;
}

/** The feed's row, created (due now) when missing. */
export async function loadFeedState(db: Db, key: FeedKey, now: number): Promise<FeedState> {
  await db.insert(feedStates).values({ ...key, nextPollAt: null, updatedAt: now }).onConflictDoNothing();
  return (await getFeedState(db, key))!;
}

/** A feed's state for the panel: everything but the seen keys (megabytes after a mass update). */
export type FeedStatusRow = Omit<FeedState, 'seenAtWatermark'>;

export async function listFeedStates(db: Db, storeId: string): Promise<FeedStatusRow[]> {
  const { seenAtWatermark: _seen, ...columns } = getTableColumns(feedStates);
  return db.select(columns).from(feedStates).where(eq(feedStates.storeId, storeId)).orderBy(feedStates.feed);
}

/** Gives every active store a row per scheduled feed (due at once), so new installs start polling. */
export async function ensureFeedStates(db: Db, feeds: readonly string[], now: number): Promise<void> {
  if (feeds.length === 0) return;
  await writeBatch(db, feeds.map((feed) => ({
    sql: `INSERT OR IGNORE INTO feed_states (store_id, feed, next_poll_at, consecutive_failures, updated_at)
          SELECT store_id, ?, ?, 0, ? FROM installations WHERE status = 'active'`,
    args: [feed, now, now],
  })));
}

/** Feeds whose next poll is due, for active stores only. */
export async function dueFeeds(db: Db, feeds: readonly string[], now: number, limit = 500): Promise<FeedKey[]> {
  if (feeds.length === 0) return [];
  const rs = await clientOf(db).execute({
    sql: `SELECT f.store_id, f.feed FROM feed_states f JOIN installations i ON i.store_id = f.store_id
          WHERE i.status = 'active' AND f.next_poll_at <= ? AND f.feed IN (${feeds.map(() => '?').join(',')})
          ORDER BY f.next_poll_at LIMIT ?`,
    args: [now, ...feeds, limit],
  });
  return rs.rows.map((r) => ({ storeId: String(r.store_id), feed: String(r.feed) }));
}

/**
 * The condition a poll job is enqueued under (with jobInsertStatement's `onlyIf`): the feed is due
 * and no job of its ordering key is waiting or running, so polls never pile up behind a slow one.
 */
export function pollDueCondition(key: FeedKey, orderingKey: string, now: number): { sql: string; args: InValue[] } {
  return {
    sql: `EXISTS (SELECT 1 FROM feed_states WHERE store_id = ? AND feed = ? AND next_poll_at <= ?)
          AND NOT EXISTS (SELECT 1 FROM jobs WHERE ordering_key = ? AND state IN ('queued', 'running', 'retrying'))`,
    args: [key.storeId, key.feed, now, orderingKey],
  };
}

/**
 * Pushes a due feed's next poll to `until`, in the same batch as the enqueue. The poll itself sets
 * the real next time when it ends; `until` only matters if that job never ends (then the feed is
 * picked up again, rather than stopping for good).
 */
export function deferPollStatement(key: FeedKey, now: number, until: number): InStatement {
  return {
    sql: 'UPDATE feed_states SET next_poll_at = ?, updated_at = ? WHERE store_id = ? AND feed = ? AND next_poll_at <= ?',
    args: [until, now, key.storeId, key.feed, now],
  };
}

export interface WatermarkSave {
  watermark: string | null;
  seen: string[];
  progress?: FeedProgress | null;
}

/** Stores how far a read got (also mid-read, as a checkpoint). */
export async function saveWatermark(db: Db, key: FeedKey, w: WatermarkSave, now: number): Promise<void> {
  await db.update(feedStates).set({
    watermark: w.watermark,
    seenAtWatermark: w.seen,
    ...(w.progress !== undefined ? { progress: w.progress } : {}),
    updatedAt: now,
  }).where(and(eq(feedStates.storeId, key.storeId), eq(feedStates.feed, key.feed)));
}

export interface PollResultSave {
  ok: boolean;
  intervalMs: number;
  nextPollAt: number;
  consecutiveFailures: number;
  lastChangeAt: number | null;
  error?: string | null;
}

export async function savePollResult(db: Db, key: FeedKey, r: PollResultSave, now: number): Promise<void> {
  await db.update(feedStates).set({
    intervalMs: r.intervalMs,
    nextPollAt: r.nextPollAt,
    consecutiveFailures: r.consecutiveFailures,
    lastChangeAt: r.lastChangeAt,
    lastPollAt: now,
    ...(r.ok ? { lastSuccessAt: now, lastError: null } : { lastError: r.error ?? 'failed' }),
    updatedAt: now,
  }).where(and(eq(feedStates.storeId, key.storeId), eq(feedStates.feed, key.feed)));
}

export async function setFeedProgress(db: Db, key: FeedKey, progress: FeedProgress | null, now: number): Promise<void> {
  await db.insert(feedStates).values({ ...key, progress, updatedAt: now })
    .onConflictDoUpdate({ target: [feedStates.storeId, feedStates.feed], set: { progress, updatedAt: now } });
}

/** Forgets where a feed got to, so its next read starts from the beginning. */
export async function resetWatermark(db: Db, key: FeedKey, now: number): Promise<void> {
  await db.update(feedStates).set({ watermark: null, seenAtWatermark: null, updatedAt: now })
    .where(and(eq(feedStates.storeId, key.storeId), eq(feedStates.feed, key.feed)));
}

/** Moves a feed's next poll to `at` (or sooner, when it was due sooner already). */
export async function pollSoon(db: Db, key: FeedKey, at: number, now: number): Promise<void> {
  await db.update(feedStates).set({ nextPollAt: sql`MIN(COALESCE(${feedStates.nextPollAt}, ${at}), ${at})`, updatedAt: now })
    .where(and(eq(feedStates.storeId, key.storeId), eq(feedStates.feed, key.feed)));
}

/** Sets the fields `onActivity` computed (server/sync/adaptive-interval.ts). */
export async function saveActivity(
  db: Db, key: FeedKey, a: { intervalMs: number; nextPollAt: number; lastChangeAt: number | null }, now: number,
): Promise<void> {
  await db.update(feedStates).set({ ...a, updatedAt: now })
    .where(and(eq(feedStates.storeId, key.storeId), eq(feedStates.feed, key.feed)));
}

/** Records that a whole walk finished now (lastSuccessAt), for rows no schedule polls (the SKU map). */
export async function markWalked(db: Db, key: FeedKey, now: number): Promise<void> {
  await db.update(feedStates).set({ lastSuccessAt: now, updatedAt: now })
    .where(and(eq(feedStates.storeId, key.storeId), eq(feedStates.feed, key.feed)));
}
