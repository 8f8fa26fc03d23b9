import type { Clock } from '../../core/clock';
import type { SandboxDb } from './db';
import { ClarityError, badRequest } from './errors';
import type { OrderService } from './order-service';
import type { ShipmentRepo } from './repos/shipments';
import { CANCELLED_STATUS, SHIPPED_OR_LATER, SHIPPED_STATUS } from './statuses';
import { iso, type SalesOrder, type Shipment, type ShipmentLine } from './types';

export interface ShipmentInput {
  CustomKey: string;
  SalesOrderID: number;
  TrackingNumber?: string | null;
  CarrierName?: string | null;
  CarrierMethodName?: string | null;
  ShipDate?: string;
  Lines: ShipmentLine[];
}

const bySku = (lines: Array<{ Sku: string; Quantity: number }>) => {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.Sku, (m.get(l.Sku) ?? 0) + l.Quantity);
  return m;
};

/**
 * POST /shipments: CustomKey is unique per store (a repeat is a 409 carrying the shipment first
 * recorded), lines must be on the order and not ship more than is left, the customer is
 * notified, and the order moves to Shipped once every line has shipped in full.
 */
export function createShipmentService(d: { db: SandboxDb; shipments: ShipmentRepo; orders: OrderService; clock: Clock }) {
  return {
    async ship(storeId: string, input: ShipmentInput): Promise<{ shipment: Shipment; order: SalesOrder }> {
      return d.db.exclusive(async () => {
        const existing = await d.shipments.byCustomKey(storeId, input.CustomKey);
        if (existing) {
          throw new ClarityError(409, [`A shipment with CustomKey "${input.CustomKey}" already exists`], {}, { ...existing });
        }
        const order = await d.orders.load(storeId, input.SalesOrderID);
        if (order.StatusKey === CANCELLED_STATUS) throw badRequest(`Order ${order.ID} is void and cannot ship`);
        const ordered = bySku(order.SalesItems);
        const shipped = bySku((await d.shipments.forOrder(storeId, order.ID)).flatMap((s) => s.Lines));
        const problems: string[] = [];
        for (const [sku, qty] of bySku(input.Lines)) {
          const left = (ordered.get(sku) ?? 0) - (shipped.get(sku) ?? 0);
          if (!ordered.has(sku)) problems.push(`Sku "${sku}" is not on order ${order.ID}`);
          else if (qty > left) problems.push(`Quantity ${qty} of "${sku}" exceeds the ${left} not yet shipped`);
        }
        if (problems.length) throw badRequest(...problems);

        const now = d.clock.now();
        const email = order.ShippingContact?.Email1 || order.BillingContact?.Email1 || null;
        const shipment = await d.shipments.insert(storeId, {
          CustomKey: input.CustomKey, SalesOrderID: order.ID, TrackingNumber: input.TrackingNumber ?? null,
          CarrierName: input.CarrierName ?? null, CarrierMethodName: input.CarrierMethodName ?? null,
          ShipDate: input.ShipDate ?? iso(now), Lines: input.Lines, CreatedDate: iso(now), CustomerNotified: Boolean(email),
        }, email, now);

        for (const l of input.Lines) shipped.set(l.Sku, (shipped.get(l.Sku) ?? 0) + l.Quantity);
        const complete = [...ordered].every(([sku, qty]) => (shipped.get(sku) ?? 0) >= qty);
        if (complete && !SHIPPED_OR_LATER.has(order.StatusKey)) {
          return { shipment, order: await d.orders.commitUnlocked(storeId, order, { ...order, StatusKey: SHIPPED_STATUS }) };
        }
        return { shipment, order };
      });
    },
  };
}
export type ShipmentService = ReturnType<typeof createShipmentService>;
