import { stableHash } from '../../../core/hash';
import { availableQuantity } from '../../../mapping/stock';
import type { WarehouseQuantities } from '../../../db/repos/inventory-levels.repo';
import type { FeedSettings } from '../../../mapping/feed-settings';

/**
 * From Sage's quantities to what a Clarity location has available. Pure, so every rule is a table
 * in the tests.
 *
 * - Sage's availability: on hand − on sales order − on back order, optionally + on purchase order.
 * - A location is fed by one or more warehouses (settings.locations, else the warehouse's own code);
 *   their availability is summed, floored to whole units, less the safety buffer, never below zero.
 */
export type InventorySettings = FeedSettings['inventory'];

export function locationFor(warehouseCode: string, s: InventorySettings): string | null {
  const code = warehouseCode.trim().toUpperCase();
  const mapped = s.locations[code];
  if (mapped) return mapped;
  return s.onlyMapped ? null : code;
}

/** Sage's formula, as the order flow's stock check computes it (one definition of "available"). */
export function availableIn(q: WarehouseQuantities, includeOnPurchaseOrder: boolean): number {
  return availableQuantity({
    QuantityOnHand: q.onHand, QuantityOnSalesOrder: q.onSalesOrder, QuantityOnBackOrder: q.onBackOrder, QuantityOnPurchaseOrder: q.onPurchaseOrder,
  }, includeOnPurchaseOrder);
}

/** One item's warehouses → quantity per location. */
export function locationQuantities(rows: WarehouseQuantities[], s: InventorySettings): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const loc = locationFor(r.warehouseCode, s);
    if (loc === null) continue;
    sums.set(loc, (sums.get(loc) ?? 0) + availableIn(r, s.includeOnPurchaseOrder));
  }
  const out = new Map<string, number>();
  // Round away float noise (0.1 + 0.2) before flooring, so 2.9999999 counts as 3.
  for (const [loc, sum] of sums) out.set(loc, Math.max(0, Math.floor(Math.round((sum - s.safetyBuffer) * 1e6) / 1e6)));
  return out;
}

export function sameQuantities(a: WarehouseQuantities, b: WarehouseQuantities): boolean {
  return a.onHand === b.onHand && a.onSalesOrder === b.onSalesOrder && a.onBackOrder === b.onBackOrder && a.onPurchaseOrder === b.onPurchaseOrder;
}

export const inventoryRecordKey = (sku: string, location: string) => `${sku}|${location}`;

export const levelHash = (sku: string, location: string, quantity: number) => stableHash({ Sku: sku, LocationKey: location, Quantity: quantity });
