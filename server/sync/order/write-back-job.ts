import { toAppError } from '../../core/errors';
import { orderEventsRecord } from '../../db/repos/order-events.repo';
import { getOrderLink } from '../../db/repos/order-links.repo';
import { getMappingInForce } from '../../db/repos/mapping.repo';
import { orderKey } from '../../queue/keys';
import type { EnqueueInput, HandlerOutcome, JobContext, JobHandler } from '../../queue/types';
import type { OrderFlowDeps } from './flow-run';
import { Timeline } from './timeline';
import { writeBack } from './write-back';

export const ORDER_WRITEBACK_JOB = 'order.writeback';

export interface WriteBackPayload {
  orderId: string;
}

/**
 * The write-back as a job of its own, queued by the order job once the link says 'created'.
 *
 * Why a job of its own: the order job runs in the store's single Sage write slot, and a PATCH to
 * Clarity (plus the link write after it) has nothing to do with Sage. Done there, every order's
 * write-back delayed the next order's Sage create. This job has NO target, so it runs beside the
 * next order's create; it has the order's ordering key, so it never runs at the same time as
 * another event of the same order. The order job enqueues it through ctx.enqueue, which commits
 * it only when that attempt ends well: a failed attempt leaves no write-back behind.
 */
export function writeBackJob(storeId: string, clarityOrderId: string): EnqueueInput<WriteBackPayload> {
  return { kind: ORDER_WRITEBACK_JOB, storeId, orderingKey: orderKey(storeId, clarityOrderId), payload: { orderId: clarityOrderId } };
}

/**
 * Idempotent: it reads the link afresh; a link already written back (a second job queued by a
 * resumed or updated order) is left alone, and a retry after a failed PATCH or a lost link write
 * sends the same values again. writtenBackAt is set once, by the attempt whose PATCH succeeded.
 */
export function createWriteBackHandler(deps: OrderFlowDeps): JobHandler<WriteBackPayload> {
  return async function orderWriteBack(ctx: JobContext<WriteBackPayload>): Promise<HandlerOutcome> {
    const { job } = ctx;
    const timeline = new Timeline(deps.clock, job.id);
    const key = { storeId: job.storeId, clarityOrderId: String(job.payload.orderId) };
    try {
      const [link, mapping] = await Promise.all([getOrderLink(deps.db, key), getMappingInForce(deps.db, job.storeId)]);
      if (!link?.salesOrderNo || (link.state !== 'created' && link.state !== 'cancelled')) {
        return { status: 'succeeded', result: { action: 'nothing-to-write', state: link?.state ?? null } };
      }
      if (link.writtenBackAt) return { status: 'succeeded', result: { action: 'already-written', salesOrderNo: link.salesOrderNo } };
      const saved = await writeBack({
        db: deps.db, key, link, clarity: await deps.clarityFor(key.storeId), config: mapping.config, timeline, now: () => deps.clock.now(),
        writeWithEnd: ctx.writeWithEnd,
      });
      return { status: 'succeeded', result: { action: 'written-back', salesOrderNo: saved.salesOrderNo, clarityStatus: saved.clarityStatus } };
    } catch (err) {
      const e = toAppError(err);
      timeline.add('write-back', e.errorClass === 'permanent' ? 'error' : 'warn',
        `writing the Sage order number back to the store failed: ${e.message}${e.errorClass === 'permanent' ? '' : ' — will retry'}`,
        { code: e.code, errorClass: e.errorClass });
      throw err;
    } finally {
      // Whatever the attempt wrote last goes in with its end: no commit of its own.
      if (timeline.size) ctx.writeWithEnd(orderEventsRecord(deps.db, key.storeId, key.clarityOrderId, timeline.take()));
    }
  };
}
