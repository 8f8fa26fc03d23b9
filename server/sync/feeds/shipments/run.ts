import { stableHash } from '../../../core/hash';
import { AppError } from '../../../core/errors';
import { clarityFulfillment } from '../../../connectors/clarity/fulfillment';
import { clarityOrders } from '../../../connectors/clarity/orders';
import { sage100ClientOver } from '../../../connectors/sage100/client';
import { sageFeeds, type SageInvoiceHistory } from '../../../connectors/sage100/feeds';
import { appendOrderEvents, type OrderEventInput } from '../../../db/repos/order-events.repo';
import { findOrderLinkBySalesOrderNo } from '../../../db/repos/order-links.repo';
import { saveSageInvoice } from '../../../db/repos/sage-invoices.repo';
import { loadHashes, saveHashes } from '../../../db/repos/sync-hashes.repo';
import { ordersFeedStart, type FeedContext } from '../context';
import { readFeed, type ReadFeedResult } from '../read-feed';
import { checkOrderClosed } from './close';
import { buildShipments, invoiceSeqSuffix } from './build';
import { carrierFor } from './carrier';
import { orderSkuResolver } from './order-skus';

/**
 * The two shipment feeds: shipping entries (SO/Invoice, source 'open') and posted invoices
 * (AR/InvoiceHistory, source 'posted'). Each invoice of a Clarity order becomes its shipments
 * (build.ts), posted once each: a shipment already sent (its CustomKey hashed in sync_hashes) is
 * skipped without a call, and one Clarity already has answers 409, which counts as done — so a
 * second poll, a retry after a timeout, or the same invoice read again once posted never makes
 * a second shipment. A posted invoice may also mean the order left Sage's open-order file:
 * then Sage's history says whether it was completed (close.ts).
 */
export const SHIPMENTS_FEED = 'shipments';
export const POSTED_INVOICES_FEED = 'posted-invoices';
const linesKey = (invoiceNo: string, seq?: string | null) => `lines:${invoiceNo}${invoiceSeqSuffix(seq)}`;

export interface ShipmentCounts {
  invoices: number;
  created: number;
  alreadyThere: number;
  skipped: number;
  notOurs: number;
  waiting: number;
  failed: number;
}

export async function runShipmentsFeed(ctx: FeedContext, source: 'open' | 'posted'): Promise<ReadFeedResult & { counts: ShipmentCounts }> {
  const counts: ShipmentCounts = { invoices: 0, created: 0, alreadyThere: 0, skipped: 0, notOurs: 0, waiting: 0, failed: 0 };
  const feeds = sageFeeds(ctx.sage);
  const sage = sage100ClientOver(ctx.sage);
  let descriptions: Map<string, string> | undefined;
  const shipViaDescriptions = async () => {
    descriptions ??= new Map((await sage.lookups.shipVias().catch(() => [])).map((r) => [r.ShippingCode.toUpperCase(), r.ShippingCodeDesc ?? '']));
    return descriptions;
  };
  const skus = orderSkuResolver(ctx);
  const result = await readFeed<SageInvoiceHistory>(ctx, {
    feed: source === 'open' ? SHIPMENTS_FEED : POSTED_INVOICES_FEED,
    startAt: ordersFeedStart(ctx),
    read: (since) => source === 'open'
      ? feeds.invoices({ since, pageSize: 200, signal: ctx.signal })
      : feeds.invoiceHistory({ since, pageSize: 200, signal: ctx.signal }),
    handle: async (rows) => {
      let changes = 0;
      for (const { row } of rows) changes += await handleInvoice(ctx, row, source === 'posted', counts, { shipViaDescriptions, skus });
      return changes;
    },
  });
  return { ...result, counts };
}

interface Helpers {
  shipViaDescriptions(): Promise<Map<string, string>>;
  skus: ReturnType<typeof orderSkuResolver>;
}

async function handleInvoice(ctx: FeedContext, inv: SageInvoiceHistory, posted: boolean, counts: ShipmentCounts, h: Helpers): Promise<number> {
  counts.invoices++;
  const link = inv.SalesOrderNo ? await findOrderLinkBySalesOrderNo(ctx.db, ctx.storeId, inv.SalesOrderNo) : null;
  if (!link) { counts.notOurs++; return 0; }
  const now = ctx.clock.now();
  await saveSageInvoice(ctx.db, ctx.storeId, {
    invoiceNo: inv.InvoiceNo, headerSeqNo: posted ? inv.HeaderSeqNo ?? '' : '', salesOrderNo: inv.SalesOrderNo, posted,
    invoiceDate: inv.InvoiceDate ?? null, depositAmt: Number(inv.DepositAmt ?? 0), totalAmt: inv.InvoiceTotal ?? null,
  }, now);
  const orderId = /^\d+$/.test(link.clarityOrderId) ? Number(link.clarityOrderId) : link.clarityOrderId;
  const lk = linesKey(inv.InvoiceNo, inv.HeaderSeqNo);
  const descriptions = await h.shipViaDescriptions();
  const build = async (linesSent: boolean) => buildShipments({
    invoice: inv, posted, orderId, linesSent, withoutTracking: ctx.settings.shipments.withoutTracking,
    skuFor: await h.skus.forOrder(link.clarityOrderId), carrier: (code) => carrierFor(code, ctx.config, descriptions),
  });
  const firstLook = await loadHashes(ctx.db, ctx.storeId, SHIPMENTS_FEED, [lk]);
  const built = await build(firstLook.has(lk));
  const events: OrderEventInput[] = built.skippedLines.map((s) => ({ at: now, step: 'shipment', level: 'warn' as const, message: `Invoice ${inv.InvoiceNo}: ${s.reason}; ${s.QuantityShipped} shipped in Sage not sent to the store`, detail: s }));
  if (built.waiting) counts.waiting++;
  const sent = await loadHashes(ctx.db, ctx.storeId, SHIPMENTS_FEED, built.shipments.map((s) => s.CustomKey));
  const api = clarityFulfillment(ctx.clarity);
  let changes = 0;
  for (const s of built.shipments) {
    const hash = stableHash(s);
    const before = sent.get(s.CustomKey);
    if (before) {
      counts.skipped++;
      if (before !== hash) {
        // Clarity has no way to edit a shipment: say so once, for a person to fix by hand.
        events.push({ at: now, step: 'shipment', level: 'warn', message: `Shipment ${s.CustomKey} changed in Sage after it was sent (tracking ${s.TrackingNumber ?? 'none'}); the store keeps the first version`, detail: s });
        await saveHashes(ctx.db, ctx.storeId, SHIPMENTS_FEED, [[s.CustomKey, hash]], now);
      }
      continue;
    }
    try {
      const { created } = await api.createShipment(s);
      if (created) counts.created++;
      else counts.alreadyThere++;
      changes++;
      events.push({
        at: now, step: 'shipment', level: 'info',
        message: `${created ? 'Shipment sent' : 'Shipment was already in the store'}: ${s.CustomKey}${s.TrackingNumber ? `, ${s.CarrierName ?? ''} ${s.TrackingNumber}`.replace(/\s+/g, ' ') : ''}, ${s.Lines.length} line(s)`,
        detail: s,
      });
      const done: Array<[string, string]> = [[s.CustomKey, hash]];
      if (s.Lines.length) done.push([lk, s.CustomKey]);
      await saveHashes(ctx.db, ctx.storeId, SHIPMENTS_FEED, done, now);
    } catch (err) {
      if (!(err instanceof AppError) || err.retryable) throw err;
      // The store refused this shipment (over-shipped, order void): record why, go on with the rest.
      counts.failed++;
      events.push({ at: now, step: 'shipment', level: 'error', message: `The store refused shipment ${s.CustomKey}: ${err.message}`, detail: { shipment: s, code: err.code } });
    }
  }
  await appendOrderEvents(ctx.db, ctx.storeId, link.clarityOrderId, events);
  if (posted) await checkOrderClosed(ctx, link);
  return changes;
}
