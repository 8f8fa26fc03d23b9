import { canonicalIso } from '../connectors/clarity/schemas';
import type { SubjectType } from '../db/repos/deliveries.repo';
import type { EnqueueInput } from '../queue/types';
import { customerKey, orderKey, productKey } from '../queue/keys';

/**
 * What each webhook topic becomes (pure, so the table is tested as a table):
 *
 * | topic                                      | job kind      | ordering key              | target                  |
 * | order.created / order.updated / .cancelled | order.sync    | order:<store>:<ID>        | (none: reads, decides)  |
 * | customer.created / customer.updated        | customer.sync | customer:<store>:<ID>     | (none: reads Sage)      |
 * | product.updated                            | product.sync  | product:<store>:<Sku>     | (none: reads Sage)      |
 * | app.uninstalled                            | (none: the lifecycle runs inline)                                   |
 * | anything else                              | (none: stored for the record only)                                  |
 *
 * The ordering key makes events of one record run one at a time, in arrival order. An order
 * event that must write to Sage is handed by order.sync to an 'order.write' job with the target
 * sage-write:<store>, the store's write limit (server/sync/order/hand-over.ts): reading Sage and
 * deciding never keep the next order's create waiting. Customer and product events only read
 * Sage, so they take no write slot either. The subject
 * (type, id, version = UpdatedDate) is what lets one version of a record be taken only once.
 */
export interface Subject {
  type: SubjectType;
  id: string;
  version: string | null;
}

export type JobSpec = Omit<EnqueueInput, 'deliveryId'>;

export type Routed =
  | { ok: true; subject: Subject | null; job: JobSpec | null; lifecycle?: 'uninstall' }
  | { ok: false; message: string };

export const ORDER_TOPICS = ['order.created', 'order.updated', 'order.cancelled'] as const;

const idOf = (v: unknown): string | null =>
  (typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && v.length > 0 && v.length <= 64)
    ? String(v) : null;

export function routeEvent(storeId: string, topic: string, data: Record<string, unknown>): Routed {
  const version = canonicalIso(data.UpdatedDate);
  if ((ORDER_TOPICS as readonly string[]).includes(topic)) {
    const orderId = idOf(data.ID);
    if (!orderId) return { ok: false, message: `${topic}: data.ID (the order ID) is required` };
    return {
      ok: true,
      subject: { type: 'order', id: orderId, version },
      job: {
        kind: 'order.sync', storeId, orderingKey: orderKey(storeId, orderId),
        payload: { topic, orderId, updatedDate: version },
      },
    };
  }
  if (topic === 'customer.created' || topic === 'customer.updated') {
    const customerId = idOf(data.ID);
    if (!customerId) return { ok: false, message: `${topic}: data.ID (the customer ID) is required` };
    return {
      ok: true,
      subject: { type: 'customer', id: customerId, version },
      job: {
        kind: 'customer.sync', storeId, orderingKey: customerKey(storeId, customerId),
        payload: { topic, customerId, updatedDate: version },
      },
    };
  }
  if (topic === 'product.updated') {
    const sku = typeof data.Sku === 'string' && data.Sku.length > 0 && data.Sku.length <= 100 ? data.Sku : null;
    if (!sku) return { ok: false, message: `${topic}: data.Sku is required` };
    return {
      ok: true,
      subject: { type: 'product', id: sku, version },
      job: {
        kind: 'product.sync', storeId, orderingKey: productKey(storeId, sku),
        payload: { topic, sku, productId: idOf(data.ID), updatedDate: version },
      },
    };
  }
  if (topic === 'app.uninstalled') return { ok: true, subject: null, job: null, lifecycle: 'uninstall' };
  return { ok: true, subject: null, job: null };
}
