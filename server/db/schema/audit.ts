import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** Every merchant action and configuration change: who, what, on which record, and why. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  storeId: text('store_id').notNull(),
  at: integer('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  subject: text('subject'),
  reason: text('reason'),
  detail: text('detail', { mode: 'json' }),
}, (t) => [index('audit_store_at').on(t.storeId, t.at)]);

/** Problems that stay broken (a feed failing again and again, the gateway down): one open row per kind. */
export const alerts = sqliteTable('alerts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  storeId: text('store_id').notNull(),
  kind: text('kind').notNull(),
  message: text('message').notNull(),
  count: integer('count').notNull().default(1),
  openedAt: integer('opened_at').notNull(),
  lastAt: integer('last_at').notNull(),
  resolvedAt: integer('resolved_at'),
  /**
   * When the alert's opening, and later its resolution, was handed to the notifier (an
   * 'alert.notify' job, or skipped when no ALERT_WEBHOOK_URL is set). Null: not yet. The change and
   * its notice are separate steps so every alert source (feeds, the monitor) notifies the same way.
   */
  openNoticeAt: integer('open_notice_at'),
  resolveNoticeAt: integer('resolve_notice_at'),
}, (t) => [index('alerts_store_open').on(t.storeId, t.kind, t.resolvedAt)]);
