import { AppError } from '../../core/errors';
import type { Sage100Client } from '../../connectors/sage100/client';
import type { SageSalesOrder } from '../../connectors/sage100/schemas';
import type { Db } from '../../db/client';
import { saveOrderLink, type LinkKey, type OrderLink } from '../../db/repos/order-links.repo';
import type { ClarityOrder } from '../../domain/clarity-order';
import { centsOrZero, formatMoney, toCents, type Cents } from '../../mapping/money';
import type { Timeline } from './timeline';

/** What Sage says the order comes to: merchandise + freight + Sage's own tax − header discount. */
export function sageOrderTotal(o: SageSalesOrder): Cents {
  return centsOrZero(o.TaxableAmt) + centsOrZero(o.NonTaxableAmt) + centsOrZero(o.FreightAmt)
    + centsOrZero(o.SalesTaxAmt) - centsOrZero(o.DiscountAmt);
}

/** Marks a link's hold reason as a totals hold, so a retry knows the Sage hold may still be owed. */
export const TOTALS_MARK = "differs from the store's total";

/**
 * After the create: Sage computes tax itself from the tax schedule, so its total can differ from
 * the store's even when every line was right. The decision: such an order is not left open to
 * ship at a price nobody agreed to, nor deleted — it is put on hold IN SAGE, with both amounts in
 * its Comment and in full on the link and the timeline, for someone to correct the tax schedule
 * or the order and release it. (Before the create, the builder already holds orders whose lines
 * do not add up to the store's total; this catches what only Sage knows.)
 *
 * Returns the reason, or null when the totals agree. The caller records it with the 'created'
 * write, so a crash between that write and the hold leaves a link that says the hold is owed.
 */
export function totalsMismatch(sageOrder: SageSalesOrder, order: ClarityOrder, currency?: string): { reason: string; comment: string } | null {
  const sageTotal = sageOrderTotal(sageOrder);
  const storeTotal = toCents(order.Totals.Total);
  if (sageTotal === storeTotal) return null;
  const money = (c: Cents) => formatMoney(c, currency);
  const sageTax = centsOrZero(sageOrder.SalesTaxAmt);
  const storeTax = centsOrZero(order.Totals.Tax);
  return {
    reason: `Sage's total ${money(sageTotal)} ${TOTALS_MARK} ${money(storeTotal)}`
      + (sageTax !== storeTax ? ` (tax: Sage ${money(sageTax)}, store ${money(storeTax)}; check the order's tax schedule)` : '')
      + `. Sales order ${sageOrder.SalesOrderNo} is on hold in Sage: correct it there and release it.`,
    comment: `Total ${formatMoney(sageTotal)}<>web ${formatMoney(storeTotal)}`.slice(0, 30),
  };
}

/** Sage has the order, a totals hold was judged owed, and it is not on hold yet: a Sage write is due. */
export function totalsHoldOwed(link: OrderLink): link is OrderLink & { salesOrderNo: string } {
  return !!link.salesOrderNo && !!link.holdReason?.includes(TOTALS_MARK) && link.sageStatus !== 'H';
}

/** Puts the order on hold in Sage when its link says a totals hold is owed and Sage does not have it yet. */
export async function holdForTotals(a: {
  db: Db; key: LinkKey; link: OrderLink; sage: Sage100Client; timeline: Timeline; now: () => number; comment?: string;
}): Promise<OrderLink> {
  const { link } = a;
  if (!totalsHoldOwed(link)) return link;
  try {
    const patched = await a.sage.orders.patch(link.salesOrderNo, { OrderStatus: 'H', ...(a.comment ? { Comment: a.comment } : {}) });
    return saveOrderLink(a.db, a.key, { state: 'created', sageStatus: patched.OrderStatus }, a.timeline.take(), a.now());
  } catch (err) {
    // A lock or outage is retried by the job; a refusal is told and left to a person.
    if (!(err instanceof AppError) || err.status !== 422) throw err;
    a.timeline.error('totals', `could not put sales order ${link.salesOrderNo} on hold: ${err.message}`);
    return link;
  }
}
