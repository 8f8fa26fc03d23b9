import type { ClarityOrders } from '../../connectors/clarity/orders';
import type { PatchOrderBody } from '../../connectors/clarity/schemas';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { saveOrderLink, type LinkKey, type OrderLink } from '../../db/repos/order-links.repo';
import type { ClarityOrder } from '../../domain/clarity-order';
import type { MappingConfig } from '../../mapping/config';
import { clarityToSage, sageToClarity } from '../../mapping/status';
import type { SageOrderStatus } from '../../domain/sage';
import type { Timeline } from './timeline';

export const SAGE_ORDER_NO_ATTRIBUTE = 'SageSalesOrderNo';

/**
 * The Clarity status to write, or undefined to leave it: only when the store's status disagrees
 * with what Sage did (a credit or totals hold on an order the store calls Processing). An order
 * the store itself put on hold stays as the store named it, and our own write-back, echoed back
 * as order.updated, changes nothing.
 */
export function clarityStatusToWrite(order: ClarityOrder, sageStatus: string, config: MappingConfig): string | undefined {
  const wanted = clarityToSage(order.StatusKey, config);
  const sageIsHold = sageStatus === 'H';
  const storeIsHold = wanted.orderStatus === 'H';
  if (sageIsHold === storeIsHold) return undefined;
  const status = sageToClarity({ file: 'open', OrderStatus: sageStatus as SageOrderStatus }, config);
  return status && status !== order.StatusKey ? status : undefined;
}

/**
 * Writes the Sage order number (and, if needed, status) onto the Clarity order. Runs after the
 * link says 'created', so a retry of this step alone never creates again; a write-back already
 * done for this sales order is not repeated.
 */
export async function writeBack(a: {
  db: Db; key: LinkKey; link: OrderLink; order: ClarityOrder; clarity: ClarityOrders; config: MappingConfig;
  timeline: Timeline; clock: Clock;
}): Promise<OrderLink> {
  const { link, order } = a;
  if (!link.salesOrderNo) return link;
  const status = clarityStatusToWrite(order, link.sageStatus ?? 'O', a.config);
  const current = attributeValue(order, SAGE_ORDER_NO_ATTRIBUTE);
  if (link.writtenBackAt && current === link.salesOrderNo && !status) return link;
  const body: PatchOrderBody = {
    SerializableAttributes: { [SAGE_ORDER_NO_ATTRIBUTE]: { Key: SAGE_ORDER_NO_ATTRIBUTE, Value: link.salesOrderNo } },
    ...(status ? { StatusKey: status } : {}),
  };
  const saved = await a.clarity.patchOrder(order.ID ?? a.key.clarityOrderId, body);
  a.timeline.info('write-back', `wrote Sage order ${link.salesOrderNo} onto the Clarity order${status ? ` and set its status to ${status}` : ''}`, { body });
  return saveOrderLink(a.db, a.key, {
    state: link.state as 'created', writtenBackAt: a.clock.now(), clarityStatus: (saved as { StatusKey?: string }).StatusKey ?? status ?? order.StatusKey ?? null,
  }, a.timeline.take(), a.clock.now());
}

/** A SerializableAttributes value, whichever of the shapes sites use ({Key, Value} or a bare value). */
export function attributeValue(order: ClarityOrder, name: string): string | undefined {
  const raw = order.SerializableAttributes?.[name];
  if (raw == null) return undefined;
  if (typeof raw === 'object' && 'Value' in (raw as object)) {
    const v = (raw as { Value: unknown }).Value;
    return v == null ? undefined : String(v);
  }
  return String(raw);
}
