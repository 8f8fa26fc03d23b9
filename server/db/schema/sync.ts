import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';

/** Per store and feed: where polling got to, and how the feed is doing. */
export const feedStates = sqliteTable('feed_states', {
  storeId: text('store_id').notNull(),
  feed: text('feed').notNull(),
  /** ISO timestamp of the newest change handled (Sage DateUpdated+TimeUpdated, or Clarity UpdatedDate). */
  watermark: text('watermark'),
  /** Keys already handled at exactly the watermark, so the overlap re-read skips them. */
  seenAtWatermark: text('seen_at_watermark', { mode: 'json' }).$type<string[]>(),
  intervalMs: integer('interval_ms'),
  nextPollAt: integer('next_poll_at'),
  lastPollAt: integer('last_poll_at'),
  lastSuccessAt: integer('last_success_at'),
  lastChangeAt: integer('last_change_at'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  lastError: text('last_error'),
  progress: text('progress', { mode: 'json' }),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.storeId, t.feed] })]);

/** A stable hash of the last pushed value of each record, so unchanged rows are not pushed again. */
export const syncHashes = sqliteTable('sync_hashes', {
  storeId: text('store_id').notNull(),
  feed: text('feed').notNull(),
  recordKey: text('record_key').notNull(),
  hash: text('hash').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.storeId, t.feed, t.recordKey] })]);
