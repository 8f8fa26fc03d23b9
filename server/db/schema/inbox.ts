import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every accepted webhook (or polled record) as it arrived. The unique (store, webhook id) index
 * is what makes a repeated delivery a no-op; the unique (store, subject type, subject, version)
 * index is what makes one version of a record arrive once, whether by webhook or by poll.
 */
export const deliveries = sqliteTable('deliveries', {
  id: text('id').primaryKey(),
  storeId: text('store_id').notNull(),
  webhookId: text('webhook_id').notNull(),
  topic: text('topic').notNull(),
  /** 'write-back': the version our own write-back made, recorded so its echo is known at the door. */
  source: text('source', { enum: ['webhook', 'poll', 'replay', 'manual', 'write-back'] }).notNull(),
  /** The Clarity record the event is about (order ID, product SKU ...), for lookups. */
  subjectId: text('subject_id'),
  /** 'order' | 'customer' | 'product': what kind of record subject_id names. */
  subjectType: text('subject_type'),
  /** The record's version the event describes (Clarity UpdatedDate, ISO). */
  subjectVersion: text('subject_version'),
  body: text('body').notNull(),
  receivedAt: integer('received_at').notNull(),
}, (t) => [
  uniqueIndex('deliveries_store_webhook').on(t.storeId, t.webhookId),
  // One index for both jobs: a record's history (store, type, id) is its prefix, and one version
  // arrives once (SQLite's unique indexes treat NULLs as distinct, so rows without a version never
  // collide). Every delivery is written into each index it has; the intake writes thousands a second.
  uniqueIndex('deliveries_subject_version').on(t.storeId, t.subjectType, t.subjectId, t.subjectVersion),
]);
