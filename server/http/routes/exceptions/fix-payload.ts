import { AppError } from '../../../core/errors';
import type { Clock } from '../../../core/clock';
import { newId } from '../../../core/ids';
import type { Db } from '../../../db/client';
import { auditInsert } from '../../../db/repos/audit.repo';
import { deliveryInsertStatement, getDelivery } from '../../../db/repos/deliveries.repo';
import { cancelJobsStatements, getJob } from '../../../db/repos/jobs.repo';
import { writeBatch } from '../../../db/repos/raw-client';
import { EXCEPTION_JOB_STATES } from '../../../db/schema/jobs';
import { parseClarityOrder } from '../../../domain/clarity-order';
import { withBusyRetry } from '../../../queue/busy-retry';
import { jobForDeliveryStatement } from '../../../queue/enqueue-sql';
import { notifyWorkers } from '../../../queue/wake';

/**
 * A person fixes the payload of a held or failed job: the corrected body becomes a NEW delivery
 * (source 'manual', the original stays as it arrived), a new job of the same kind runs on it, the
 * old job is cancelled as replaced, and the audit trail records it: all in one transaction.
 */
export interface FixInput {
  storeId: string;
  jobId: string;
  payload: object;
  actor: string;
  reason: string | null;
  clock: Clock;
}

export async function fixPayload(db: Db, f: FixInput): Promise<{ jobId: string; deliveryId: string }> {
  const job = await getJob(db, f.jobId, f.storeId);
  if (!job) throw new AppError('JobNotFound', `No job ${f.jobId} in this store.`, { status: 404 });
  if (!(EXCEPTION_JOB_STATES as readonly string[]).includes(job.state)) {
    throw new AppError('JobStateConflict', `This job is ${job.state}; only held or failed jobs can be fixed.`, { status: 409 });
  }
  const original = job.deliveryId ? await getDelivery(db, job.deliveryId) : null;
  if (!original || original.storeId !== f.storeId) {
    throw new AppError('NoStoredPayload', 'This job has no stored payload to fix; retry it or fix the mapping instead.', { status: 409 });
  }
  if (original.topic.startsWith('order.')) assertOrder(f.payload);

  const now = f.clock.now();
  const deliveryId = newId('dlv');
  const delivery = deliveryInsertStatement({
    id: deliveryId, storeId: f.storeId, webhookId: `manual:${deliveryId}`, topic: original.topic, source: 'manual',
    subjectType: original.subjectType as 'order' | null, subjectId: original.subjectId,
    // No version: a fix is a new version of the record by definition, never a duplicate of one.
    subjectVersion: null,
    body: JSON.stringify(f.payload), receivedAt: now,
  });
  const payload = job.payload && typeof job.payload === 'object' && 'deliveryId' in (job.payload as object)
    ? { ...(job.payload as object), deliveryId } : job.payload;
  const { id: newJobId, stmt: jobStmt } = jobForDeliveryStatement({
    kind: job.kind, payload, orderingKey: job.orderingKey ?? undefined, target: job.target ?? undefined,
    priority: job.priority, maxAttempts: job.maxAttempts,
  }, deliveryId);
  const audit = auditInsert(db, {
    storeId: f.storeId, actor: f.actor, action: 'exception.fix', subject: f.jobId, reason: f.reason, at: now,
    detail: { originalJobId: f.jobId, jobId: newJobId, originalDeliveryId: original.id, deliveryId, kind: job.kind },
  }).toSQL();
  const cancel = cancelJobsStatements(
    { storeId: f.storeId, actor: f.actor, reason: `replaced by a fixed payload (job ${newJobId})`, now }, [f.jobId],
  );
  const rs = await withBusyRetry(() => writeBatch(db, [delivery, jobStmt, { sql: audit.sql, args: audit.params as never }, ...cancel]));
  if (rs[0].rowsAffected === 0) {
    throw new AppError('StoreInactive', 'The app is not installed for this store any more; nothing was changed.', { status: 409 });
  }
  notifyWorkers();
  return { jobId: newJobId, deliveryId };
}

/** A fixed order must still be an order: refuse it naming each problem, before anything is stored. */
function assertOrder(payload: object) {
  const body = payload as { data?: unknown };
  const order = body.data && typeof body.data === 'object' ? body.data : payload;
  const parsed = parseClarityOrder(order);
  if (parsed.ok) return;
  const issues = parsed.problems.map((p) => ({ path: p.split(' ')[0], message: p }));
  throw new AppError('InvalidOrder', `The fixed order is not valid: ${parsed.problems.join('; ')}`, {
    status: 422, detail: { issues },
  });
}
