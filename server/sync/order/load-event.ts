import { permanent } from '../../core/errors';
import type { Db } from '../../db/client';
import { getDelivery } from '../../db/repos/deliveries.repo';
import { clarityOrderId, parseClarityOrder, type ClarityOrder } from '../../domain/clarity-order';

/** What intake puts on an 'order.sync' job; the delivery row holds the body. */
export interface OrderSyncPayload {
  deliveryId: string;
  topic: string;
  orderId: string | number;
}

export const ORDER_TOPICS = ['order.created', 'order.updated', 'order.cancelled'] as const;
export type OrderTopic = (typeof ORDER_TOPICS)[number];

export type LoadedEvent =
  | { ok: true; topic: OrderTopic; orderId: string; order: ClarityOrder; receivedAt: number }
  | { ok: false; topic: OrderTopic; orderId: string; problems: string[] };

/**
 * The order as the event carried it. A body that does not parse is not an error of the job: it
 * is a hold with each problem named, so the merchant can fix the order in the store (which sends
 * order.updated) or resend it.
 */
export async function loadOrderEvent(db: Db, payload: OrderSyncPayload, jobDeliveryId: string | null): Promise<LoadedEvent> {
  const deliveryId = payload.deliveryId ?? jobDeliveryId;
  const topic = (ORDER_TOPICS as readonly string[]).includes(payload.topic) ? payload.topic as OrderTopic : null;
  if (!topic) throw permanent('UnknownTopic', `an order job cannot handle topic "${payload.topic}"`);
  const delivery = deliveryId ? await getDelivery(db, deliveryId) : null;
  if (!delivery) throw permanent('DeliveryMissing', `the stored event ${deliveryId ?? '(none)'} for order ${payload.orderId} is gone; resend the order from the store`);
  let body: unknown;
  try {
    body = JSON.parse(delivery.body);
  } catch {
    return { ok: false, topic, orderId: String(payload.orderId), problems: ['the event body is not JSON'] };
  }
  const data = (body as { data?: unknown })?.data ?? body;
  const parsed = parseClarityOrder(data);
  if (!parsed.ok) return { ok: false, topic, orderId: String(payload.orderId), problems: parsed.problems };
  return { ok: true, topic, orderId: String(payload.orderId ?? clarityOrderId(parsed.order)), order: parsed.order, receivedAt: delivery.receivedAt };
}
