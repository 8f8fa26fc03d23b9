import type { ClarityOrder } from '../domain/clarity-order';
import type { MappingConfig } from './config';

/** Carrier + method → Sage ShipVia code. Text matches ignoring case and extra spaces. */

export interface ShipViaMapping {
  shipVia?: string;
  matched: boolean;
  warning?: string;
}

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').trim().replace(/\s+/g, ' ').toLowerCase() === (b ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

export function mapShipVia(detail: ClarityOrder['ShippingDetail'], config: MappingConfig): ShipViaMapping {
  const carrier = detail?.CarrierName?.trim() ?? '';
  const method = detail?.CarrierMethodName?.trim() ?? '';
  const rules = config.shipVia.rules;
  // A rule naming the method beats one for the whole carrier.
  const hit = rules.find((r) => r.method && same(r.carrier, carrier) && same(r.method, method))
    ?? rules.find((r) => !r.method && same(r.carrier, carrier));
  if (hit) return { shipVia: hit.shipVia, matched: true };
  if (!carrier && !method) {
    // Nothing to match (a download, a pickup the store does not name): Sage uses the customer's ship method.
    return config.shipVia.defaultShipVia ? { shipVia: config.shipVia.defaultShipVia, matched: false } : { matched: false };
  }
  const what = `"${[carrier, method].filter(Boolean).join(' ')}"`;
  const def = config.shipVia.defaultShipVia;
  return def
    ? { shipVia: def, matched: false, warning: `shipping ${what} is not in the ship-via mapping; sent as ${def}. Add it to the mapping to choose.` }
    : { matched: false, warning: `shipping ${what} is not in the ship-via mapping; Sage will use the customer's ship method. Add it to the mapping to choose.` };
}
