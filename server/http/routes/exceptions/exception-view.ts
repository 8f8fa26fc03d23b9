import type { ExceptionDetail, ExceptionItem } from '../../../contracts/exceptions';
import type { Db } from '../../../db/client';
import { getDelivery } from '../../../db/repos/deliveries.repo';
import { listAttempts, type JobRow } from '../../../db/repos/jobs.repo';
import { getOrderLink } from '../../../db/repos/order-links.repo';
import { plainReason } from './reason';

/** A job on the exception list as the panel shows it. */
export function orderIdOf(job: Pick<JobRow, 'orderingKey' | 'payload'>): string | null {
  const p = job.payload as { orderId?: unknown; clarityOrderId?: unknown } | null;
  const id = p?.orderId ?? p?.clarityOrderId;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  // Ordering keys of order jobs end with the order ID (`order:<store>:<ID>`).
  return job.orderingKey?.startsWith('order:') ? job.orderingKey.split(':').at(-1) ?? null : null;
}

export function exceptionItem(job: JobRow): ExceptionItem {
  return {
    jobId: job.id,
    kind: job.kind,
    state: job.state,
    orderId: orderIdOf(job),
    reason: plainReason(job),
    errorCode: job.errorCode,
    field: fieldOf(job),
    attempts: job.attempts,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

/** The payload beside what the mapping made of it (the order link keeps the last mapped order). */
export async function exceptionDetail(db: Db, job: JobRow): Promise<ExceptionDetail> {
  const item = exceptionItem(job);
  const [delivery, attempts, link] = await Promise.all([
    job.deliveryId ? getDelivery(db, job.deliveryId) : null,
    listAttempts(db, job.id),
    item.orderId ? getOrderLink(db, { storeId: job.storeId, clarityOrderId: item.orderId }) : null,
  ]);
  let payload: unknown = job.payload;
  if (delivery && delivery.storeId === job.storeId) {
    try {
      payload = JSON.parse(delivery.body);
    } catch {
      payload = delivery.body;
    }
  }
  return {
    ...item,
    deliveryId: delivery?.id ?? null,
    payload,
    mapped: link?.mapped ?? null,
    lastError: job.lastError,
    attemptsLog: attempts.map((a) => ({ attemptNo: a.attemptNo, startedAt: a.startedAt, endedAt: a.endedAt, outcome: a.outcome, message: a.message })),
  };
}

/** The field a Sage refusal named, when the handler kept it in the job's result. */
function fieldOf(job: JobRow): string | null {
  const r = job.result as { field?: unknown; detail?: { field?: unknown } } | null;
  const f = r?.field ?? r?.detail?.field;
  return typeof f === 'string' ? f : null;
}
