import { AppError } from '../core/errors';
import { systemClock, type Clock } from '../core/clock';
import type { Db } from '../db/client';
import { auditInsert } from '../db/repos/audit.repo';
import { getDelivery } from '../db/repos/deliveries.repo';
import { firstJobOfDelivery } from '../db/repos/jobs.repo';
import { clientOf } from '../db/repos/raw-client';
import { withBusyRetry } from './busy-retry';
import { jobInsertStatement } from './enqueue-sql';
import { notifyWorkers } from './wake';

/**
 * Support's "run this delivery again": a NEW job of the same kind, ordering key and target as the
 * first job the delivery made, pointing at the same delivery. The original job and its history
 * stay as they were. Audited in the same transaction.
 */
export async function replayDelivery(
  db: Db,
  deliveryId: string,
  actor: string,
  reason: string | null,
  opts: { storeId?: string; clock?: Clock } = {},
): Promise<{ jobId: string; originalJobId: string }> {
  const delivery = await getDelivery(db, deliveryId);
  if (!delivery || (opts.storeId && delivery.storeId !== opts.storeId)) {
    throw new AppError('DeliveryNotFound', `no delivery ${deliveryId}`, { status: 404 });
  }
  const original = await firstJobOfDelivery(db, deliveryId);
  if (!original) throw new AppError('NothingToReplay', `delivery ${deliveryId} made no job`, { status: 409 });
  const now = (opts.clock ?? systemClock).now();
  const { id, stmt } = jobInsertStatement({
    kind: original.kind,
    storeId: original.storeId,
    payload: original.payload,
    orderingKey: original.orderingKey ?? undefined,
    target: original.target ?? undefined,
    deliveryId,
    priority: original.priority,
    maxAttempts: original.maxAttempts,
  }, now);
  const audit = auditInsert(db, {
    storeId: original.storeId, actor, action: 'delivery.replay', subject: deliveryId, reason, at: now,
    detail: { jobId: id, originalJobId: original.id, kind: original.kind, topic: delivery.topic },
  }).toSQL();
  await withBusyRetry(() => clientOf(db).batch([stmt, { sql: audit.sql, args: audit.params as never }], 'write'));
  notifyWorkers();
  return { jobId: id, originalJobId: original.id };
}
