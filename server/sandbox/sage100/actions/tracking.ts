import { prng } from '../../catalog/prng';

/**
 * Tracking numbers that look like each carrier's, so a connector's carrier detection and
 * tracking-URL building meet realistic input: UPS "1Z" + shipper + service + digits (18),
 * FedEx 12 digits, USPS 22 digits starting 9405. Deterministic per invoice and package.
 */
const UPS_SERVICE: Record<string, string> = { 'UPS GROUND': '03', 'UPS 2DAY': '02', 'UPS NDA': '01' };

function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

export function trackingId(carrier: string, shipVia: string, invoiceNo: string, packageNo: string): string {
  const r = prng(seedOf(`${invoiceNo}/${packageNo}`));
  const digits = (n: number) => Array.from({ length: n }, () => String(r.int(0, 9))).join('');
  switch (carrier) {
    case 'UPS': return `1Z8V7A41${UPS_SERVICE[shipVia] ?? '03'}${digits(8)}`;
    case 'FedEx': return digits(12).replace(/^0/, '7');
    case 'USPS': return `9405${digits(18)}`;
    default: return `${shipVia.replace(/\s+/g, '').slice(0, 10)}${digits(10)}`;
  }
}

/** Pickup and will-call orders leave without packages. */
export const shipsWithoutPackages = (carrier: string) => carrier === 'Pickup';
