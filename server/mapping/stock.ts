/**
 * Sage's availability: on hand − on sales orders − on back order, optionally + on purchase
 * order (the merchant chooses; counting stock not yet received promises what may be late).
 */
export interface ItemWarehouseQuantities {
  QuantityOnHand?: number | null;
  QuantityOnSalesOrder?: number | null;
  QuantityOnBackOrder?: number | null;
  QuantityOnPurchaseOrder?: number | null;
}

export function availableQuantity(row: ItemWarehouseQuantities, includeOnPurchaseOrder: boolean): number {
  const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const base = n(row.QuantityOnHand) - n(row.QuantityOnSalesOrder) - n(row.QuantityOnBackOrder);
  return includeOnPurchaseOrder ? base + n(row.QuantityOnPurchaseOrder) : base;
}
