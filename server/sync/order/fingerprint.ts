import { stableHash } from '../../core/hash';
import { lineSku, type ClarityOrder } from '../../domain/clarity-order';

/**
 * What an order.updated may have changed, in three parts, so the update flow knows what to do
 * without keeping a copy of every order: the ship-to (Sage's PATCH can change it), the lines
 * and totals (it cannot: a person must change the Sage order), and the notes (the comment).
 * Kept in the link's payload_hash as "ship.lines.notes".
 */
export interface OrderFingerprint {
  shipTo: string;
  lines: string;
  notes: string;
}

export function fingerprintOf(order: ClarityOrder): OrderFingerprint {
  const s = order.ShippingContact;
  return {
    shipTo: stableHash({
      first: s?.FirstName ?? null, last: s?.LastName ?? null,
      address: s?.Address ? { ...s.Address } : null,
    }),
    lines: stableHash({
      lines: order.SalesItems.map((i) => [lineSku(i), Number(i.Quantity), i.UnitSoldPrice ?? null, i.ExtendedPrice ?? null]),
      total: order.Totals.Total,
      shipping: order.Totals.Shipping ?? null,
      discounts: order.Totals.Discounts ?? null,
    }),
    notes: stableHash(order.Notes ?? ''),
  };
}

export const formatFingerprint = (f: OrderFingerprint) => `${f.shipTo}.${f.lines}.${f.notes}`;

export function parseFingerprint(text: string | null | undefined): OrderFingerprint | null {
  const parts = (text ?? '').split('.');
  return parts.length === 3 ? { shipTo: parts[0], lines: parts[1], notes: parts[2] } : null;
}
