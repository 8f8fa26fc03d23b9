import type { InArgs, InStatement } from '@libsql/client';
import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { orderLinks } from '../schema/orders';
import { orderEventsInsert, orderEventsRecord, type OrderEventInput } from './order-events.repo';

/**
 * Link states, a closed set:
 *   pending    a create is about to be (or was) sent; its outcome is not known yet
 *   created    Sage has the order (salesOrderNo); a hold placed in Sage by a rule shows in holdReason
 *   held       stopped in the app by a rule (holdReason says what to fix); nothing is in Sage
 *   cancelled  cancelled in the store; if Sage had the order, it was put on hold there
 *   failed     gave up for a reason that is not a business rule (see the timeline)
 */
export const ORDER_LINK_STATES = ['pending', 'created', 'held', 'cancelled', 'failed'] as const;
export type OrderLinkState = (typeof ORDER_LINK_STATES)[number];
export type OrderLink = typeof orderLinks.$inferSelect;

export interface LinkKey {
  storeId: string;
  clarityOrderId: string;
}

/** What a step may set on the link; keys and timestamps are the repo's business. */
export type LinkPatch = Partial<Omit<typeof orderLinks.$inferInsert, 'storeId' | 'clarityOrderId' | 'createdAt' | 'updatedAt' | 'createAttempts'>>
  & { state: OrderLinkState };

export async function getOrderLink(db: Db, key: LinkKey): Promise<OrderLink | null> {
  const rows = await db.select().from(orderLinks)
    .where(and(eq(orderLinks.storeId, key.storeId), eq(orderLinks.clarityOrderId, key.clarityOrderId)));
  return rows[0] ?? null;
}

/**
 * Inserts or updates the link and appends the timeline events that explain the change, in one
 * transaction: the timeline never claims a state the link does not have. `countCreateAttempt`
 * is set on the write made just before a create is sent, so any later attempt knows a Sage order
 * may exist and looks it up before creating.
 */
export async function saveOrderLink(
  db: Db, key: LinkKey, patch: LinkPatch, events: OrderEventInput[], now: number,
  opts: { countCreateAttempt?: boolean } = {},
): Promise<OrderLink> {
  const attempts = opts.countCreateAttempt ? 1 : 0;
  const upsert = db.insert(orderLinks)
    .values({ ...key, customerPONo: '', ...patch, createAttempts: attempts, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [orderLinks.storeId, orderLinks.clarityOrderId],
      set: {
        ...patch,
        updatedAt: now,
        ...(attempts ? { createAttempts: sql`${orderLinks.createAttempts} + 1` } : {}),
      },
    })
    .returning();
  if (events.length === 0) return (await upsert)[0];
  const [rows] = await db.batch([upsert, orderEventsInsert(db, key.storeId, key.clarityOrderId, events)]);
  return rows[0];
}

/**
 * The same change to an existing link as plain statements (UPDATE by key, then the timeline as
 * INSERT OR IGNORE), for a job to write with its end (JobContext.writeWithEnd), and the link as it
 * will then read. For a write that may be lost with the attempt: the link's earlier state must
 * already say what a retry needs to know (a 'pending' link does).
 */
export function linkUpdateRecords(
  db: Db, link: OrderLink, patch: LinkPatch, events: OrderEventInput[], now: number,
): { stmts: InStatement[]; link: OrderLink } {
  const q = db.update(orderLinks).set({ ...patch, updatedAt: now })
    .where(and(eq(orderLinks.storeId, link.storeId), eq(orderLinks.clarityOrderId, link.clarityOrderId))).toSQL();
  const stmts: InStatement[] = [{ sql: q.sql, args: q.params as InArgs }];
  if (events.length) stmts.push(orderEventsRecord(db, link.storeId, link.clarityOrderId, events));
  return { stmts, link: { ...link, ...patch, updatedAt: now } as OrderLink };
}

/** The Clarity order behind a Sage sales order (shipments and status feeds come in by SalesOrderNo). */
export async function findOrderLinkBySalesOrderNo(db: Db, storeId: string, salesOrderNo: string): Promise<OrderLink | null> {
  const rows = await db.select().from(orderLinks)
    .where(and(eq(orderLinks.storeId, storeId), eq(orderLinks.salesOrderNo, salesOrderNo))).limit(1);
  return rows[0] ?? null;
}

/** Newest first; `before` is the updatedAt of the last row of the previous page. */
export async function listOrderLinks(
  db: Db, storeId: string, opts: { states?: OrderLinkState[]; limit?: number; before?: number } = {},
): Promise<OrderLink[]> {
  const where = [eq(orderLinks.storeId, storeId)];
  if (opts.states?.length) where.push(inArray(orderLinks.state, opts.states));
  if (opts.before !== undefined) where.push(lt(orderLinks.updatedAt, opts.before));
  return db.select().from(orderLinks).where(and(...where))
    .orderBy(desc(orderLinks.updatedAt)).limit(Math.min(opts.limit ?? 50, 500));
}

export async function getOrderLinks(db: Db, storeId: string, clarityOrderIds: string[]): Promise<OrderLink[]> {
  if (clarityOrderIds.length === 0) return [];
  return db.select().from(orderLinks)
    .where(and(eq(orderLinks.storeId, storeId), inArray(orderLinks.clarityOrderId, clarityOrderIds)));
}

export async function countOrderLinksByState(db: Db, storeId: string): Promise<Record<OrderLinkState, number>> {
  const rows = await db.select({ state: orderLinks.state, n: count() }).from(orderLinks)
    .where(eq(orderLinks.storeId, storeId)).groupBy(orderLinks.state);
  const out = Object.fromEntries(ORDER_LINK_STATES.map((s) => [s, 0])) as Record<OrderLinkState, number>;
  for (const r of rows) out[r.state as OrderLinkState] = r.n;
  return out;
}
