import type { ShipmentInput } from '../../../connectors/clarity/fulfillment';
import type { SageInvoice } from '../../../connectors/sage100/feeds';
import type { Carrier } from './carrier';

/**
 * A Sage invoice → the Clarity shipments it stands for. Pure, so every rule is a table in tests.
 *
 * - One shipment per package with a tracking number (SO_InvoiceTracking), keyed
 *   `${InvoiceNo}-${PackageNo}` so it is created once, whether it is read as a shipping entry or,
 *   after posting, from AR history (the key is the same). A reused invoice number — Sage's history
 *   keeps each use under a later HeaderSeqNo — adds `-${HeaderSeqNo}`.
 * - Sage does not record which lines went in which package. Clarity refuses a shipment without
 *   lines, so every package gets one unit, taken from the invoice's last lines backwards, and the
 *   first package (lowest PackageNo) carries all the rest. Packages beyond the number of units
 *   shipped have nothing left to carry: their tracking numbers join the first package's.
 *   Quantities are what the invoice shipped, so a partial shipment ships part, the next the rest.
 * - An invoice with no tracking waits for posting ('on-post'), ships at once ('immediately') or
 *   never ('never'); shipped without tracking it is one shipment keyed `${InvoiceNo}-0000`.
 * - Lines that are not goods (charges, comments, "/" items) and lines whose item is not on the
 *   Clarity order are left out, and said so.
 */
export type WithoutTracking = 'on-post' | 'immediately' | 'never';

export interface BuildInput {
  invoice: SageInvoice & { HeaderSeqNo?: string | null };
  posted: boolean;
  orderId: number | string;
  /** The SKU this item was sold under on the order, or null when it is not on the order. */
  skuFor(itemCode: string): string | null;
  carrier(shipVia: string | null | undefined): Carrier;
  withoutTracking: WithoutTracking;
  /** The invoice's lines already went out with an earlier shipment (tracking added later). */
  linesSent: boolean;
}

export interface BuiltShipments {
  shipments: ShipmentInput[];
  skippedLines: Array<{ ItemCode: string; QuantityShipped: number; reason: string }>;
  /** Why nothing is sent yet, when the invoice waits. */
  waiting: string | null;
}

const NOT_GOODS = new Set(['3', '4', '5']);

export function invoiceSeqSuffix(headerSeqNo: string | null | undefined): string {
  const seq = (headerSeqNo ?? '').trim();
  if (!seq) return '';
  return /^\d+$/.test(seq) && Number(seq) === 0 ? '' : `-${seq.replace(/^0+(?=\d)/, '')}`;
}

export function shipmentKey(invoiceNo: string, packageNo: string, headerSeqNo?: string | null): string {
  return `${invoiceNo.trim()}-${packageNo.trim()}${invoiceSeqSuffix(headerSeqNo)}`;
}

/** "20261129" → "2026-11-29T00:00:00Z"; null when it is not a Sage date. */
export function sageDateToIso(d: string | null | undefined): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(d ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}T00:00:00Z` : null;
}

export function buildShipments(input: BuildInput): BuiltShipments {
  const inv = input.invoice;
  const skippedLines: BuiltShipments['skippedLines'] = [];
  const bySku = new Map<string, number>();
  for (const line of inv.Lines) {
    const code = (line.ItemCode ?? '').trim();
    const qty = Number(line.QuantityShipped ?? 0);
    if (!code || code.startsWith('/') || NOT_GOODS.has(String(line.ItemType ?? '1')) || !(qty > 0)) continue;
    const sku = input.skuFor(code);
    if (!sku) {
      skippedLines.push({ ItemCode: code, QuantityShipped: qty, reason: `item ${code} is not on Clarity order ${input.orderId}` });
      continue;
    }
    bySku.set(sku, (bySku.get(sku) ?? 0) + qty);
  }
  const lines = [...bySku].map(([Sku, Quantity]) => ({ Sku, Quantity }));
  const shipDate = sageDateToIso(inv.ShipDate) ?? sageDateToIso(inv.InvoiceDate) ?? new Date(0).toISOString();
  const packages = inv.Tracking.filter((t) => t.TrackingID).sort((a, b) => a.PackageNo.localeCompare(b.PackageNo));
  const base = (key: string, tracking: string | null, via: string | null | undefined, withLines: boolean): ShipmentInput => ({
    CustomKey: key,
    SalesOrderID: input.orderId,
    TrackingNumber: tracking,
    ...input.carrier(via),
    ShipDate: shipDate,
    Lines: withLines && !input.linesSent ? lines : [],
  });

  if (packages.length) {
    if (input.linesSent) {
      // Tracking added after the lines went out: nothing left to put in a new package.
      return { shipments: [], skippedLines, waiting: 'the invoice\'s lines were already sent with an earlier package' };
    }
    const parts = allocate(lines, packages.length);
    const sendable = packages.slice(0, Math.max(1, parts.length));
    const extra = packages.slice(sendable.length).map((p) => p.TrackingID);
    const shipments = sendable.map((p, i) => {
      const tracking = i === 0 && extra.length ? [p.TrackingID, ...extra].join(',').slice(0, 100) : p.TrackingID;
      return { ...base(shipmentKey(inv.InvoiceNo, p.PackageNo, inv.HeaderSeqNo), tracking, p.StarshipShipVia || inv.ShipVia, true), Lines: parts[i] ?? [] };
    });
    return { shipments: shipments.filter((s) => s.Lines.length), skippedLines, waiting: null };
  }
  if (input.linesSent) return { shipments: [], skippedLines, waiting: null };
  const now = input.withoutTracking === 'immediately' || (input.withoutTracking === 'on-post' && input.posted);
  if (!now) {
    const waiting = input.withoutTracking === 'never'
      ? 'the invoice has no tracking number and shipments without one are not sent (setting)'
      : 'the invoice has no tracking number yet; it ships when posted';
    return { shipments: [], skippedLines, waiting };
  }
  if (lines.length === 0) return { shipments: [], skippedLines, waiting: null };
  return { shipments: [base(shipmentKey(inv.InvoiceNo, '0000', inv.HeaderSeqNo), null, inv.ShipVia, true)], skippedLines, waiting: null };
}

/**
 * Lines over n packages: packages 2..n get one unit each, from the last line backwards; package 1
 * keeps the rest. Fewer units than packages gives fewer parts (the caller merges the others).
 */
export function allocate(lines: Array<{ Sku: string; Quantity: number }>, n: number): Array<Array<{ Sku: string; Quantity: number }>> {
  const rest = lines.map((l) => ({ ...l }));
  const units = rest.reduce((s, l) => s + Math.max(1, Math.floor(l.Quantity)), 0);
  const count = Math.max(0, Math.min(n, units));
  const others: Array<Array<{ Sku: string; Quantity: number }>> = [];
  let at = rest.length - 1;
  for (let k = 1; k < count; k++) {
    while (at >= 0 && rest[at].Quantity <= 0) at--;
    const line = rest[at];
    const take = Math.min(1, line.Quantity);
    line.Quantity = Math.round((line.Quantity - take) * 1e6) / 1e6;
    others.push([{ Sku: line.Sku, Quantity: take }]);
  }
  const first = rest.filter((l) => l.Quantity > 0);
  return count === 0 ? [] : [first, ...others.reverse()];
}
