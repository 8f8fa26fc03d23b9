import type { Rec } from '../db/sql';
import { invalid } from '../errors';

export interface ShipLineRequest {
  LineKey?: string;
  ItemCode?: string;
  QuantityShipped: number;
}

/**
 * Which quantities of which order lines go on this invoice. Without a list: everything left.
 * With one: the listed quantities (by LineKey, or by ItemCode on the first line with some left),
 * plus any charge or miscellaneous line not yet invoiced — Sage puts those on the first invoice.
 */
export function planShipment(lines: Rec[], requested?: ShipLineRequest[]): Map<string, number> {
  const left = new Map(lines.map((l) => [l.LineKey as string, Number(l.QuantityOrdered) - Number(l.QuantityShipped)]));
  const plan = new Map<string, number>();
  const add = (key: string, qty: number) => {
    plan.set(key, (plan.get(key) ?? 0) + qty);
    left.set(key, left.get(key)! - qty);
  };
  const shippable = lines.filter((l) => Number(l.ItemType) !== 4);
  if (!requested) {
    for (const l of shippable) if (left.get(l.LineKey as string)! > 0) add(l.LineKey as string, left.get(l.LineKey as string)!);
    return plan;
  }
  for (const [i, r] of requested.entries()) {
    const qty = Number(r.QuantityShipped);
    if (!Number.isFinite(qty) || qty <= 0) throw invalid('QuantityShipped', `Ship line ${i + 1}: QuantityShipped must be more than 0`);
    const code = r.ItemCode?.toUpperCase();
    const line = shippable.find((l) => (r.LineKey ? l.LineKey === r.LineKey : l.ItemCode === code) && left.get(l.LineKey as string)! > 0);
    if (!line) throw invalid('ItemCode', `Ship line ${i + 1}: no line of the order has ${r.LineKey ?? code} left to ship`);
    const key = line.LineKey as string;
    if (qty > left.get(key)!) throw invalid('QuantityShipped', `Ship line ${i + 1}: only ${left.get(key)} of ${line.ItemCode} left to ship`);
    add(key, qty);
  }
  for (const l of shippable) {
    const key = l.LineKey as string;
    if ((Number(l.ItemType) === 3 || Number(l.ItemType) === 5) && !plan.has(key) && left.get(key)! > 0) add(key, left.get(key)!);
  }
  return plan;
}
