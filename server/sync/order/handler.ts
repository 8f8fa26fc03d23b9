import { toAppError } from '../../core/errors';
import { orderEventsRecord } from '../../db/repos/order-events.repo';
import { getOrderLink, saveOrderLink } from '../../db/repos/order-links.repo';
import { getMappingInForce } from '../../db/repos/mapping.repo';
import { clarityToSage } from '../../mapping/status';
import type { HandlerOutcome, JobContext, JobHandler } from '../../queue/types';
import { cancelOrder } from './cancel-order';
import type { FlowRun, OrderFlowDeps } from './flow-run';
import { handOver, type WritePayload } from './hand-over';
import { loadOrderEvent } from './load-event';
import { finish, syncNewOrder } from './sync-new-order';
import { Timeline } from './timeline';
import { totalsHoldOwed } from './totals-check';
import { updateNeedsSage, updateOrder } from './update-order';

export const ORDER_SYNC_JOB = 'order.sync';

/**
 * The order jobs: one Clarity order event → the Sage sales order it calls for. 'order.sync'
 * (phase 'plan') reads and decides outside the Sage write slot and hands whatever writes to
 * Sage over to 'order.write' (phase 'write'), which runs the same dispatch in the slot; see
 * hand-over.ts.
 *
 *   order.created, or order.updated with no Sage order yet → create it exactly once (sync-new-order)
 *   order.updated with a Sage order → change that order (update-order)
 *   order.cancelled, or a status the mapping calls "cancel" → hold it in Sage as cancelled (cancel-order)
 *
 * An event older than the newest version already handled is ignored (webhooks come in any
 * order). Every Sage call and answer, and every decision, goes on the order's timeline.
 */
export function createOrderSyncHandler(deps: OrderFlowDeps, phase: FlowRun['phase']): JobHandler<WritePayload> {
  return async function orderSync(ctx: JobContext<WritePayload>): Promise<HandlerOutcome> {
    const { job } = ctx;
    const timeline = new Timeline(deps.clock, job.id);
    const key = { storeId: job.storeId, clarityOrderId: String(job.payload.orderId) };
    const [loaded, link, mapping] = await Promise.all([
      loadOrderEvent(deps.db, job.payload, job.deliveryId), getOrderLink(deps.db, key), getMappingInForce(deps.db, job.storeId),
    ]);
    if (mapping.problems) timeline.warn('mapping', `the saved mapping (version ${mapping.version}) is no longer valid, so the defaults were used: ${mapping.problems.join('; ')}`);

    let sage: ReturnType<FlowRun['sage']> | undefined;
    const run: FlowRun = {
      phase, carried: phase === 'write' ? job.payload.plan : undefined,
      deps, db: deps.db, job, signal: ctx.signal, log: ctx.log, topic: loaded.topic, key, link,
      order: loaded.ok ? loaded.order : null, config: mapping.config, mappingVersion: mapping.version, timeline,
      gateway: () => deps.gateways.forStore(job.storeId),
      sage: () => (sage ??= deps.gateways.forStore(job.storeId).then((g) => g.client.observed(timeline.sageObserver))),
      enqueue: (input) => ctx.enqueue(input),
      writeWithEnd: (stmt) => ctx.writeWithEnd(stmt),
      now: () => deps.clock.now(),
    };

    try {
      if (!loaded.ok) {
        const reason = `The order from the store cannot be read: ${loaded.problems.join('; ')}. Correct the order in the store (that sends an update), or resend it.`;
        timeline.error('validate', reason, { problems: loaded.problems });
        if (!link || link.state === 'held' || link.state === 'failed') {
          await saveOrderLink(deps.db, key, { state: 'held', holdReason: reason }, timeline.take(), run.now());
        }
        return { status: 'held', reason, detail: { problems: loaded.problems } };
      }
      return await dispatch(run);
    } catch (err) {
      const e = toAppError(err);
      timeline.add('job', e.errorClass === 'permanent' ? 'error' : 'warn',
        `${e.message}${e.errorClass === 'permanent' ? '' : ' — will retry'}`, { code: e.code, errorClass: e.errorClass, field: e.field });
      throw err;
    } finally {
      // Whatever the attempt wrote last goes in with its end: no commit of its own.
      if (timeline.size) ctx.writeWithEnd(orderEventsRecord(deps.db, key.storeId, key.clarityOrderId, timeline.take()));
    }
  };
}

async function dispatch(run: FlowRun): Promise<HandlerOutcome> {
  const { link, timeline } = run;
  const order = run.order!;
  if (isOlder(order.UpdatedDate, link?.clarityUpdatedAt)) {
    timeline.info('event', `${run.topic} of ${order.UpdatedDate} is older than the version already handled (${link!.clarityUpdatedAt}); ignored`);
    return { status: 'succeeded', result: { action: 'ignored-older' } };
  }
  const plan = run.phase === 'plan';
  if (run.topic === 'order.cancelled' || clarityToSage(order.StatusKey, run.config).action === 'cancel') {
    return plan ? handOver(run) : cancelOrder(run);
  }
  if (link?.state === 'cancelled') {
    timeline.info('event', `${run.topic} ignored: the order was cancelled in the store`);
    return { status: 'succeeded', result: { action: 'ignored-cancelled' } };
  }
  if (link?.state === 'created') {
    // Most updates change nothing Sage keeps (our own write-back's echo among them): no slot for
    // those, unless a totals hold is still owed to Sage (the update's finishing steps write it).
    if (run.topic === 'order.updated') {
      return plan && (updateNeedsSage(run) || totalsHoldOwed(link)) ? handOver(run) : updateOrder(run);
    }
    if (link.writtenBackAt) {
      timeline.info('event', `order.created again: Sage already has it as sales order ${link.salesOrderNo}; nothing to do`);
      return { status: 'succeeded', result: { action: 'already-created', salesOrderNo: link.salesOrderNo } };
    }
    // The order was created but the finishing steps did not all complete: do them now (a totals
    // hold may still be owed to Sage, so in the slot).
    return plan ? handOver(run) : finish(run, link, 'resumed');
  }
  return syncNewOrder(run);
}

/** True when `version` is strictly older than `handled` (ISO timestamps; unknown compares as not older). */
export function isOlder(version: string | null | undefined, handled: string | null | undefined): boolean {
  if (!version || !handled) return false;
  const a = Date.parse(version);
  const b = Date.parse(handled);
  return Number.isFinite(a) && Number.isFinite(b) && a < b;
}
