import type { Clock } from '../../core/clock';
import type { SandboxDb } from './db';
import { badRequest, notFound } from './errors';
import type { OrderDraft, OrderRepo } from './repos/orders';
import { CANCELLED_STATUS } from './statuses';
import type { Attributes, SalesOrder } from './types';
import type { WebhookSender } from './webhooks/sender';

export interface OrderPatch {
  StatusKey?: string;
  /** Merged into the order's attributes; a null value removes the key. */
  SerializableAttributes?: Record<string, { Key?: string; Value: string } | null>;
}

/**
 * Every change to an order goes through here, so each one moves UpdatedDate and sends its
 * webhook: order.created, order.updated, or order.cancelled when the order is voided.
 */
export function createOrderService(d: { db: SandboxDb; orders: OrderRepo; sender: WebhookSender; clock: Clock; statuses: string[] }) {
  const topicFor = (before: SalesOrder, after: SalesOrder) =>
    after.StatusKey === CANCELLED_STATUS && before.StatusKey !== CANCELLED_STATUS ? 'order.cancelled' : 'order.updated';

  async function load(storeId: string, id: number): Promise<SalesOrder> {
    const order = await d.orders.get(storeId, id);
    if (!order) throw notFound(`Order ${id}`);
    return order;
  }

  function checkStatus(statusKey: string) {
    if (!d.statuses.includes(statusKey)) {
      throw badRequest(`Unknown StatusKey "${statusKey}"; this store's statuses are: ${d.statuses.join(', ')}`);
    }
  }

  async function commit(storeId: string, before: SalesOrder, after: SalesOrder): Promise<SalesOrder> {
    const saved = await d.orders.save(storeId, after, d.clock.now());
    await d.sender.enqueue(storeId, topicFor(before, saved), saved);
    return saved;
  }

  return {
    load,
    async create(storeId: string, draft: OrderDraft, o: { createdAt?: number } = {}): Promise<SalesOrder> {
      checkStatus(draft.StatusKey);
      const order = await d.db.exclusive(() => d.orders.insert(storeId, draft, o.createdAt ?? d.clock.now()));
      await d.sender.enqueue(storeId, 'order.created', order);
      return order;
    },

    async setStatus(storeId: string, id: number, statusKey: string): Promise<SalesOrder> {
      checkStatus(statusKey);
      return d.db.exclusive(async () => {
        const before = await load(storeId, id);
        if (before.StatusKey === statusKey) return before;
        return commit(storeId, before, { ...before, StatusKey: statusKey });
      });
    },

    /** PATCH /orders/{ID}: nothing changes (and nothing is sent) when the values are already there. */
    async patch(storeId: string, id: number, p: OrderPatch): Promise<SalesOrder> {
      if (p.StatusKey !== undefined) checkStatus(p.StatusKey);
      return d.db.exclusive(async () => {
        const before = await load(storeId, id);
        const attrs: Attributes = { ...before.SerializableAttributes };
        for (const [key, v] of Object.entries(p.SerializableAttributes ?? {})) {
          if (v === null) delete attrs[key];
          else attrs[key] = { Key: v.Key ?? key, Value: v.Value };
        }
        const after: SalesOrder = { ...before, StatusKey: p.StatusKey ?? before.StatusKey, SerializableAttributes: attrs };
        const same = after.StatusKey === before.StatusKey
          && JSON.stringify(attrs) === JSON.stringify(before.SerializableAttributes);
        return same ? before : commit(storeId, before, after);
      });
    },

    /** For the shipment service, which already holds the lock. */
    commitUnlocked: commit,
  };
}
export type OrderService = ReturnType<typeof createOrderService>;
