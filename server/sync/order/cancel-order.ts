import { AppError } from '../../core/errors';
import type { HandlerOutcome } from '../../queue/types';
import { saveOrderLink } from '../../db/repos/order-links.repo';
import { findExistingOrder, mustLookFirst } from './create-once';
import type { FlowRun } from './flow-run';

/** What Sage's order Comment says when the store cancelled the order (30 characters at most). */
export const CANCELLED_COMMENT = 'Cancelled in store';

/**
 * order.cancelled (or a status the mapping calls "cancel"). The gateway cannot delete a sales
 * order (BOI deletes are not exposed, and a deleted order would lose its audit trail in Sage), so
 * a cancelled order is put on hold in Sage with "Cancelled in store" in its Comment, for someone
 * to delete or close there. It never creates: a cancellation that comes before the order leaves
 * a 'cancelled' link, and the late order.created then does nothing.
 */
export async function cancelOrder(run: FlowRun): Promise<HandlerOutcome> {
  const { key, timeline } = run;
  const link = run.link;
  let salesOrderNo = link?.salesOrderNo ?? null;
  let sageStatus = link?.sageStatus ?? null;

  if (!salesOrderNo && mustLookFirst(link, run.job.previousErrorClass) && link?.arDivisionNo && link.customerNo) {
    const sage = await run.sage();
    const found = await findExistingOrder(sage, [{ ARDivisionNo: link.arDivisionNo, CustomerNo: link.customerNo, CustomerPONo: link.customerPONo }]);
    if (found[0]) {
      salesOrderNo = found[0].SalesOrderNo;
      sageStatus = found[0].OrderStatus ?? null;
      timeline.info('cancel', `found sales order ${salesOrderNo} that an earlier attempt created`);
    }
  }

  if (salesOrderNo && !(link?.state === 'cancelled' && sageStatus === 'H')) {
    const sage = await run.sage();
    try {
      const patched = await sage.orders.patch(salesOrderNo, { OrderStatus: 'H', Comment: CANCELLED_COMMENT });
      sageStatus = patched.OrderStatus;
      timeline.info('cancel', `sales order ${salesOrderNo} put on hold in Sage ("${CANCELLED_COMMENT}"); delete or close it in Sage`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      const reason = `The order was cancelled in the store, but Sage refused to put sales order ${salesOrderNo} on hold (${err.code}: ${err.message}). Cancel it in Sage by hand.`;
      timeline.error('cancel', reason);
      await saveOrderLink(run.db, key, { state: 'cancelled', salesOrderNo, holdReason: reason, clarityStatus: run.order?.StatusKey ?? null }, timeline.take(), run.now());
      return { status: 'held', reason };
    }
  } else if (!salesOrderNo) {
    timeline.info('cancel', 'cancelled in the store before it reached Sage: nothing to change there, and it will not be created');
  }

  await saveOrderLink(run.db, key, {
    state: 'cancelled', salesOrderNo, sageStatus, holdReason: null,
    clarityStatus: run.order?.StatusKey ?? null, clarityUpdatedAt: run.order?.UpdatedDate ?? link?.clarityUpdatedAt ?? null,
    ...(link ? {} : { clarityOrderKey: run.order?.CustomKey ?? null }),
  }, timeline.take(), run.now());
  return { status: 'succeeded', result: { action: 'cancelled', salesOrderNo } };
}

