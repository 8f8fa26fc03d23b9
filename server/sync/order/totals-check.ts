import { AppError } from '../../core/errors';
import type { Sage100Client } from '../../connectors/sage100/client';
import type { SageSalesOrder } from '../../connectors/sage100/schemas';
import type { Db } from '../../db/client';
import { saveOrderLink, type LinkKey, type OrderLink } from '../../db/repos/order-links.repo';
import type { ClarityOrder } from '../../domain/clarity-order';
import { centsOrZero, formatMoney, toCents, type Cents } from '../../mapping/money';
import type { Timeline } from './timeline';
import type { Clock } from '../../core/clock';

/** What Sage says the order comes to: merchandise + freight + Sage's own tax − header discount. */
export function sageOrderTotal(o: SageSalesOrder): Cents {
  return centsOrZero(o.TaxableAmt) + centsOrZero(o.NonTaxableAmt) + centsOrZero(o.FreightAmt)
    + centsOrZero(o.SalesTaxAmt) - centsOrZero(o.DiscountAmt);
}

/**
 * After the create: Sage computes tax itself from the tax schedule, so its total can differ from
 * the store's even when every line was right. The decision: such an order is not left open to
 * ship at a price nobody agreed to, nor deleted — it is put on hold IN SAGE, with both amounts
 * in its Comment and in full on the link and the timeline, for someone to correct the tax
 * schedule or the order and release it. (Before the create, the builder already holds orders
 * whose lines do not add up to the store's total; this catches what only Sage knows.)
 */
export async function checkCreatedTotal(a: {
  db: Db; key: LinkKey; link: OrderLink; sageOrder: SageSalesOrder; order: ClarityOrder; sage: Sage100Client;
  timeline: Timeline; clock: Clock; currency?: string;
}): Promise<OrderLink> {
  const sageTotal = sageOrderTotal(a.sageOrder);
  const storeTotal = toCents(a.order.Totals.Total);
  if (sageTotal === storeTotal) return a.link;
  const money = (c: Cents) => formatMoney(c, a.currency);
  const sageTax = centsOrZero(a.sageOrder.SalesTaxAmt);
  const storeTax = centsOrZero(a.order.Totals.Tax);
  const reason = `Sage's total ${money(sageTotal)} differs from the store's total ${money(storeTotal)}`
    + (sageTax !== storeTax ? ` (tax: Sage ${money(sageTax)}, store ${money(storeTax)}; check the order's tax schedule)` : '')
    + `. Sales order ${a.sageOrder.SalesOrderNo} is on hold in Sage: correct it there and release it.`;
  // A retry of the finishing steps must not put the same reason on the order twice.
  if (a.link.warnings?.includes(reason)) return a.link;
  const comment = `Total ${formatMoney(sageTotal)}<>web ${formatMoney(storeTotal)}`.slice(0, 30);
  const holdReason = a.link.holdReason ? `${a.link.holdReason} ${reason}` : reason;
  let sageStatus = a.sageOrder.OrderStatus;
  if (sageStatus !== 'H') {
    try {
      sageStatus = (await a.sage.orders.patch(a.sageOrder.SalesOrderNo, { OrderStatus: 'H', Comment: comment })).OrderStatus;
    } catch (err) {
      // A lock or outage: the job retries, and the retry (link 'created') comes back here first.
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      a.timeline.error('totals', `could not put sales order ${a.sageOrder.SalesOrderNo} on hold: ${err.message}`);
    }
  }
  a.timeline.warn('totals', reason, { sageTotal, storeTotal, sageTax, storeTax });
  const warnings = [...(a.link.warnings ?? []), reason];
  return saveOrderLink(a.db, a.key, { state: 'created', sageStatus, holdReason, warnings }, a.timeline.take(), a.clock.now());
}
