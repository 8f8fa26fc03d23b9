import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog } from '../schema/audit';

/**
 * The audit trail: every merchant action and configuration change, with who did it and why.
 * Actions are dotted verbs ("job.retry", "job.cancel", "delivery.replay", "mapping.update", ...);
 * the subject names the record acted on (a job id, a delivery id, an order id).
 */
export interface AuditInput {
  storeId: string;
  /** Who: a user's email or id, or "system:<part>" for the app itself. */
  actor: string;
  action: string;
  subject?: string | null;
  reason?: string | null;
  detail?: unknown;
  /** When; defaults to now. */
  at?: number;
}

export type AuditEntry = typeof auditLog.$inferSelect;

/** The insert, unsent, so a caller can batch it with the change it records (db.batch). */
export function auditInsert(db: Db, entry: AuditInput | AuditInput[]) {
  const rows = (Array.isArray(entry) ? entry : [entry]).map((e) => ({
    storeId: e.storeId,
    at: e.at ?? Date.now(),
    actor: e.actor,
    action: e.action,
    subject: e.subject ?? null,
    reason: e.reason ?? null,
    detail: e.detail ?? null,
  }));
  return db.insert(auditLog).values(rows);
}

export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await auditInsert(db, entry);
}

export interface AuditFilter {
  storeId: string;
  action?: string;
  subject?: string;
  actor?: string;
  /** Paging: entries with an id below this (the previous page's nextCursor). */
  before?: number;
  limit?: number;
}

/** Newest first, one store only. */
export async function listAudit(db: Db, f: AuditFilter): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const where: SQL[] = [eq(auditLog.storeId, f.storeId)];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.subject) where.push(eq(auditLog.subject, f.subject));
  if (f.actor) where.push(eq(auditLog.actor, f.actor));
  if (f.before !== undefined) where.push(lt(auditLog.id, f.before));
  const rows = await db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
