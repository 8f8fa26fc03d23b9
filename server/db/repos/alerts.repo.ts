import type { InStatement, InValue } from '@libsql/client';
import { and, asc, desc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { alerts } from '../schema/audit';

/**
 * Alerts: problems that stay broken (a feed failing poll after poll, the gateway down). At most one
 * open alert per store and kind; a repeat bumps its count and last time instead of adding rows.
 */
export type Alert = typeof alerts.$inferSelect;

export async function getOpenAlert(db: Db, storeId: string, kind: string): Promise<Alert | null> {
  const rows = await db.select().from(alerts)
    .where(and(eq(alerts.storeId, storeId), eq(alerts.kind, kind), isNull(alerts.resolvedAt))).limit(1);
  return rows[0] ?? null;
}

export async function getAlert(db: Db, id: number): Promise<Alert | null> {
  const rows = await db.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return rows[0] ?? null;
}

/**
 * Opens the alert, or bumps the open one. Returns it and whether it was just opened. `by` is what
 * the count grows by (default 1: one more failure; the monitor counts new exceptions instead).
 */
export async function raiseAlert(
  db: Db, storeId: string, kind: string, message: string, now: number, opts: { by?: number } = {},
): Promise<{ alert: Alert; opened: boolean }> {
  const by = Math.max(1, Math.floor(opts.by ?? 1));
  const open = await getOpenAlert(db, storeId, kind);
  if (open) {
    const [alert] = await db.update(alerts).set({ message, count: sql`${alerts.count} + ${by}`, lastAt: now })
      .where(eq(alerts.id, open.id)).returning();
    return { alert, opened: false };
  }
  const [alert] = await db.insert(alerts).values({ storeId, kind, message, count: by, openedAt: now, lastAt: now }).returning();
  return { alert, opened: true };
}

/** Closes the open alert of that kind, if any; returns whether one was open. */
export async function resolveAlert(db: Db, storeId: string, kind: string, now: number): Promise<boolean> {
  const rows = await db.update(alerts).set({ resolvedAt: now })
    .where(and(eq(alerts.storeId, storeId), eq(alerts.kind, kind), isNull(alerts.resolvedAt))).returning({ id: alerts.id });
  return rows.length > 0;
}

export async function listOpenAlerts(db: Db, storeId: string): Promise<Alert[]> {
  return db.select().from(alerts).where(and(eq(alerts.storeId, storeId), isNull(alerts.resolvedAt))).orderBy(desc(alerts.lastAt));
}

export async function listAlerts(db: Db, storeId: string, limit = 100): Promise<Alert[]> {
  return db.select().from(alerts).where(eq(alerts.storeId, storeId)).orderBy(desc(alerts.id)).limit(limit);
}

/** For the panel: every open alert (latest first), then the most recently resolved ones. */
export async function listAlertsOpenFirst(db: Db, storeId: string, resolvedLimit = 20): Promise<Alert[]> {
  const [open, resolved] = await Promise.all([
    listOpenAlerts(db, storeId),
    db.select().from(alerts).where(and(eq(alerts.storeId, storeId), isNotNull(alerts.resolvedAt)))
      .orderBy(desc(alerts.resolvedAt), desc(alerts.id)).limit(resolvedLimit),
  ]);
  return [...open, ...resolved];
}

// ---- notices: each opening and each resolution is handed to the notifier once ----

export type AlertEvent = 'opened' | 'resolved';

/** The store's alerts whose opening or resolution has not been handed to the notifier yet. */
export async function alertsAwaitingNotice(db: Db, storeId: string, limit = 100): Promise<Alert[]> {
  return db.select().from(alerts)
    .where(and(eq(alerts.storeId, storeId), or(isNull(alerts.openNoticeAt), and(isNotNull(alerts.resolvedAt), isNull(alerts.resolveNoticeAt)))))
    .orderBy(asc(alerts.id)).limit(limit);
}

const noticeColumn = (event: AlertEvent) => (event === 'opened' ? 'open_notice_at' : 'resolve_notice_at');

/** Holds while the event's notice is still to be given: the guard of the notify job's insert. */
export function noticePendingCondition(alertId: number, event: AlertEvent): { sql: string; args: InValue[] } {
  const resolved = event === 'resolved' ? ' AND resolved_at IS NOT NULL' : '';
  return { sql: `EXISTS (SELECT 1 FROM alerts WHERE id = ? AND ${noticeColumn(event)} IS NULL${resolved})`, args: [alertId] };
}

/** Marks the event's notice as given; run in the same batch as (after) the guarded job insert. */
export function markNoticeStatement(alertId: number, event: AlertEvent, now: number): InStatement {
  return { sql: `UPDATE alerts SET ${noticeColumn(event)} = ? WHERE id = ? AND ${noticeColumn(event)} IS NULL`, args: [now, alertId] };
}
