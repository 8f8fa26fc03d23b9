import { and, desc, eq, isNull, sql } from 'drizzle-orm';
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

/** Opens the alert, or bumps the open one. Returns it and whether it was just opened. */
export async function raiseAlert(db: Db, storeId: string, kind: string, message: string, now: number): Promise<{ alert: Alert; opened: boolean }> {
  const open = await getOpenAlert(db, storeId, kind);
  if (open) {
    const [alert] = await db.update(alerts).set({ message, count: sql`${alerts.count} + 1`, lastAt: now })
      .where(eq(alerts.id, open.id)).returning();
    return { alert, opened: false };
  }
  const [alert] = await db.insert(alerts).values({ storeId, kind, message, count: 1, openedAt: now, lastAt: now }).returning();
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
