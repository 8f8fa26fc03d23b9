import type { InStatement } from '@libsql/client';
import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { deliveries } from '../schema/inbox';

/**
 * Deliveries: every accepted webhook or polled record, as it arrived. Written on the intake hot
 * path as a raw statement so it can share one batch (one transaction) with its job.
 */
export type Delivery = typeof deliveries.$inferSelect;
export type DeliverySource = Delivery['source'];
export type SubjectType = 'order' | 'customer' | 'product';

export interface NewDelivery {
  id: string;
  storeId: string;
  webhookId: string;
  topic: string;
  source: DeliverySource;
  subjectType?: SubjectType | null;
  subjectId?: string | null;
  subjectVersion?: string | null;
  body: string;
  receivedAt: number;
}

/**
 * The guarded INSERT of one delivery. It stores nothing (0 rows) when:
 * - the store has no active installation at commit time (an uninstall that raced this request);
 * - the same (store, webhook-id) is already stored: a redelivery, even one in this same batch;
 * - the same version of the same record is already stored: an order seen by webhook and by poll.
 * The job inserted after it (jobForDeliveryStatement) then finds no row and is skipped as well.
 */
export function deliveryInsertStatement(d: NewDelivery): InStatement {
  return {
    sql: `INSERT OR IGNORE INTO deliveries
      (id, store_id, webhook_id, topic, source, subject_type, subject_id, subject_version, body, received_at)
      SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
      WHERE EXISTS (SELECT 1 FROM installations WHERE store_id = ?2 AND status = 'active')`,
    args: [
      d.id, d.storeId, d.webhookId, d.topic, d.source, d.subjectType ?? null, d.subjectId ?? null,
      d.subjectVersion ?? null, d.body, d.receivedAt,
    ],
  };
}

export async function getDelivery(db: Db, id: string): Promise<Delivery | null> {
  const rows = await db.select().from(deliveries).where(eq(deliveries.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findDeliveryByWebhookId(db: Db, storeId: string, webhookId: string): Promise<Delivery | null> {
  const rows = await db.select().from(deliveries)
    .where(and(eq(deliveries.storeId, storeId), eq(deliveries.webhookId, webhookId))).limit(1);
  return rows[0] ?? null;
}

/** Every delivery about one record, newest first (the order page's history). */
export async function listSubjectDeliveries(
  db: Db, storeId: string, subjectType: SubjectType, subjectId: string, limit = 100,
): Promise<Delivery[]> {
  return db.select().from(deliveries)
    .where(and(eq(deliveries.storeId, storeId), eq(deliveries.subjectType, subjectType), eq(deliveries.subjectId, subjectId)))
    .orderBy(desc(deliveries.receivedAt)).limit(limit);
}

export async function countDeliveries(db: Db, storeId?: string): Promise<number> {
  const q = db.select({ n: count() }).from(deliveries);
  const rows = await (storeId ? q.where(eq(deliveries.storeId, storeId)) : q);
  return rows[0]?.n ?? 0;
}
