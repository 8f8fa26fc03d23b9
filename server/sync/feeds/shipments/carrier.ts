import type { MappingConfig } from '../../../mapping/config';

/**
 * Ship-via code → Clarity carrier and method. The mapping's ship-via rules map a Clarity carrier
 * and method to a Sage code; here they are read backwards (the first rule naming the code wins).
 * A code no rule names, or a rule with no method, falls back to Sage's description of the code
 * (SO_ShippingRate: "UPS 2nd Day Air" → UPS, 2nd Day Air), then to the code itself.
 */
export interface Carrier {
  CarrierName: string | null;
  CarrierMethodName: string | null;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();

export function carrierFor(
  code: string | null | undefined, config: MappingConfig, descriptions: ReadonlyMap<string, string> = new Map(),
): Carrier {
  if (!code?.trim()) return { CarrierName: null, CarrierMethodName: null };
  const want = norm(code);
  const rule = config.shipVia.rules.find((r) => norm(r.shipVia) === want);
  const desc = descriptions.get(want) ?? [...descriptions].find(([k]) => norm(k) === want)?.[1];
  const fromDesc = desc ? splitDescription(desc, rule?.carrier) : null;
  if (rule) return { CarrierName: rule.carrier, CarrierMethodName: rule.method ?? fromDesc?.CarrierMethodName ?? null };
  if (fromDesc) return fromDesc;
  return splitDescription(code.trim());
}

/**
 * "UPS 2nd Day Air" → UPS / 2nd Day Air. With a known carrier, its name is taken off the front
 * when it is there ("Customer pickup" for carrier Pickup stays the method as a whole).
 */
export function splitDescription(desc: string, carrier?: string): Carrier {
  const text = desc.trim().replace(/\s+/g, ' ');
  if (carrier) {
    const rest = text.toUpperCase().startsWith(carrier.toUpperCase()) ? text.slice(carrier.length).trim() : text;
    return { CarrierName: carrier, CarrierMethodName: rest || null };
  }
  const [first, ...rest] = text.split(' ');
  return { CarrierName: first || null, CarrierMethodName: rest.join(' ') || null };
}
