import { and, desc, eq, gte, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { deliveries } from '../schema/inbox';
import { jobs, type JobState } from '../schema/jobs';
import { orderLinks } from '../schema/orders';

/**
 * Small reads the embedded panel needs and no other repo offers: the newest job of many orders
 * at once (list badges), recent orders for the mapping preview, exception search by words, and
 * the "synced today" count. All scoped to one store.
 */
export interface LatestJob {
  orderingKey: string;
  id: string;
  kind: string;
  state: JobState;
  lastError: string | null;
  errorCode: string | null;
  updatedAt: number;
}

/** The newest job of each ordering key given (one indexed lookup per key, in one query). */
export async function latestJobsByKey(db: Db, storeId: string, keys: string[]): Promise<Map<string, LatestJob>> {
  if (keys.length === 0) return new Map();
  const newest = sql`(SELECT max(j2.seq) FROM jobs j2 WHERE j2.store_id = ${storeId} AND j2.ordering_key = ${jobs.orderingKey})`;
  const rows = await db.select({
    orderingKey: jobs.orderingKey, id: jobs.id, kind: jobs.kind, state: jobs.state,
    lastError: jobs.lastError, errorCode: jobs.errorCode, updatedAt: jobs.updatedAt,
  }).from(jobs)
    .where(and(eq(jobs.storeId, storeId), inArray(jobs.orderingKey, keys), eq(jobs.seq, newest)));
  return new Map(rows.map((r) => [r.orderingKey as string, { ...r, orderingKey: r.orderingKey as string }]));
}

export interface RecentOrderRow {
  orderId: string;
  orderKey: string | null;
  receivedAt: number;
}

/** Orders most recently received (by webhook, poll or fix), newest first. */
export async function recentOrders(db: Db, storeId: string, limit = 20): Promise<RecentOrderRow[]> {
  const last = sql<number>`max(${deliveries.receivedAt})`;
  const rows = await db.select({ orderId: deliveries.subjectId, receivedAt: last, orderKey: orderLinks.clarityOrderKey })
    .from(deliveries)
    .leftJoin(orderLinks, and(eq(orderLinks.storeId, deliveries.storeId), eq(orderLinks.clarityOrderId, deliveries.subjectId)))
    .where(and(eq(deliveries.storeId, storeId), eq(deliveries.subjectType, 'order'), sql`${deliveries.subjectId} IS NOT NULL`))
    .groupBy(deliveries.subjectId)
    .orderBy(desc(last))
    .limit(Math.min(limit, 100));
  return rows.map((r) => ({ orderId: String(r.orderId), orderKey: r.orderKey ?? null, receivedAt: Number(r.receivedAt) }));
}

/**
 * Exceptions whose order ID, error code or message matches the words typed (newest first).
 * `orderingKey` is the key the order's jobs carry when `q` is read as an order ID.
 */
export async function searchExceptionJobs(
  db: Db, p: { storeId: string; q: string; orderingKey: string; states: readonly JobState[]; kinds?: string[]; before?: number; limit: number },
) {
  const words = `%${p.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const where: SQL[] = [
    eq(jobs.storeId, p.storeId),
    inArray(jobs.state, [...p.states]),
    or(eq(jobs.orderingKey, p.orderingKey), eq(jobs.errorCode, p.q), like(jobs.lastError, sql`${words} ESCAPE '\\'`))!,
  ];
  if (p.kinds?.length) where.push(inArray(jobs.kind, p.kinds));
  if (p.before !== undefined) where.push(sql`${jobs.seq} < ${p.before}`);
  const rows = await db.select().from(jobs).where(and(...where)).orderBy(desc(jobs.seq)).limit(p.limit + 1);
  const items = rows.slice(0, p.limit);
  return { items, nextCursor: rows.length > p.limit ? items[items.length - 1].seq : null };
}

/** Orders that got a Sage sales order since a time (the dashboard's "synced today"). */
export async function countOrdersSyncedSince(db: Db, storeId: string, since: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(orderLinks)
    .where(and(eq(orderLinks.storeId, storeId), eq(orderLinks.state, 'created'), gte(orderLinks.createdAt, since)));
  return Number(row?.n ?? 0);
}
