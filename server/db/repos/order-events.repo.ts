import type { InArgs, InStatement } from '@libsql/client';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { orderEvents } from '../schema/orders';

/** One step on an order's timeline, as the panel shows it. */
export interface OrderEventInput {
  at: number;
  step: string;
  level: 'info' | 'warn' | 'error';
  message: string;
  detail?: unknown;
  jobId?: string | null;
}
export type OrderEvent = typeof orderEvents.$inferSelect;

/** The insert for some events, unsent, so a caller can batch it with the link write it explains. */
export function orderEventsInsert(db: Db, storeId: string, clarityOrderId: string, events: OrderEventInput[]) {
  return db.insert(orderEvents).values(events.map((e) => ({
    storeId, clarityOrderId, at: e.at, step: e.step, level: e.level, message: e.message,
    detail: e.detail ?? null, jobId: e.jobId ?? null,
  })));
}

/**
 * The same insert as one plain statement (INSERT OR IGNORE), for a job to write with its end
 * (JobContext.writeWithEnd): the timeline of an attempt then costs no commit of its own.
 */
export function orderEventsRecord(db: Db, storeId: string, clarityOrderId: string, events: OrderEventInput[]): InStatement {
  const q = orderEventsInsert(db, storeId, clarityOrderId, events).toSQL();
  return { sql: q.sql.replace(/^insert into/i, 'INSERT OR IGNORE INTO'), args: q.params as InArgs };
}

export async function appendOrderEvents(db: Db, storeId: string, clarityOrderId: string, events: OrderEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await orderEventsInsert(db, storeId, clarityOrderId, events);
}

/** The timeline, oldest first (the panel reads it top to bottom); `newestFirst` for "latest N". */
export async function listOrderEvents(
  db: Db, storeId: string, clarityOrderId: string, opts: { limit?: number; newestFirst?: boolean } = {},
): Promise<OrderEvent[]> {
  return db.select().from(orderEvents)
    .where(and(eq(orderEvents.storeId, storeId), eq(orderEvents.clarityOrderId, clarityOrderId)))
    .orderBy(opts.newestFirst ? desc(orderEvents.id) : asc(orderEvents.id))
    .limit(opts.limit ?? 500);
}
