import type { InStatement } from '@libsql/client';
import type { Clock } from '../../core/clock';
import { AppError, type ErrorClass } from '../../core/errors';
import type { Sage100Client } from '../../connectors/sage100/client';
import type { OrderKey, SalesOrderInput } from '../../connectors/sage100/orders';
import type { SageSalesOrder, SageSalesOrderRef } from '../../connectors/sage100/schemas';
import type { Db } from '../../db/client';
import { linkUpdateRecords, saveOrderLink, type LinkKey, type LinkPatch, type OrderLink } from '../../db/repos/order-links.repo';
import type { Timeline } from './timeline';
import { totalsHoldOwed } from './totals-check';

/**
 * Exactly one Sage sales order per Clarity order.
 *
 * The link row is written as 'pending' — with the division, customer and PO number about to be
 * used, and its create counter raised — BEFORE the create is sent, in one transaction with the
 * timeline so far. Whatever happens next (a timeout, a 5xx after Sage wrote, the process killed
 * mid-call), the next attempt finds a link that says "a create may have happened", looks the
 * order up on Sage's ARDivisionNo + CustomerNo + CustomerPONo index with exactly those values,
 * and adopts what it finds instead of creating another. The link always holds the key of the
 * latest create sent, because every create is preceded by its own pending write.
 *
 * The look-up is skipped only when no create was ever sent for this order (no link, or a link
 * whose counter is 0): then Sage cannot have it, and a first attempt costs one write and no
 * extra read. Jobs of one order share an ordering key, so two attempts never run at once; an
 * attempt whose lease was lost is aborted before it sends a create.
 */

export function mustLookFirst(link: OrderLink | null, previousErrorClass: ErrorClass | null): boolean {
  if (!link || link.state === 'created') return false;
  return link.createAttempts > 0 || (previousErrorClass === 'unknown_outcome' && link.state === 'pending');
}

export async function findExistingOrder(sage: Sage100Client, keys: OrderKey[]): Promise<SageSalesOrderRef[]> {
  for (const key of keys) {
    const found = await sage.orders.findByCustomerPO(key);
    if (found.length) return found;
  }
  return [];
}

export const linkOrderKey = (link: OrderLink): OrderKey | null =>
  link.arDivisionNo && link.customerNo && link.customerPONo
    ? { ARDivisionNo: link.arDivisionNo, CustomerNo: link.customerNo, CustomerPONo: link.customerPONo }
    : null;

export interface Adopted {
  /** The full order; null when it already left the open-order file (invoiced in full). */
  order: SageSalesOrder | null;
  link: OrderLink;
}

/** After an interrupted create: find the order it may have made and make it this order's. */
export async function adoptExisting(a: {
  db: Db; key: LinkKey; link: OrderLink; sage: Sage100Client; timeline: Timeline; clock: Clock; linkFields?: Omit<LinkPatch, 'state'>;
}): Promise<Adopted | null> {
  const orderKey = linkOrderKey(a.link);
  if (!orderKey) return null;
  const found = await findExistingOrder(a.sage, [orderKey]);
  if (!found.length) {
    a.timeline.info('create', `Sage has no order for PO ${orderKey.CustomerPONo} yet: the earlier attempt did not create one`);
    return null;
  }
  const ref = found[0];
  a.timeline.info('create', `Sage already has sales order ${ref.SalesOrderNo} for PO ${ref.CustomerPONo}: adopted it instead of creating another`,
    { salesOrderNo: ref.SalesOrderNo });
  const others = found.slice(1).map((o) => o.SalesOrderNo);
  if (others.length) {
    a.timeline.warn('create', `Sage also has ${others.join(', ')} for the same customer and PO number; someone entered a duplicate in Sage. Check and delete the extra order there.`);
  }
  // The full order, for the totals check the interrupted attempt never got to.
  const order = ref.OrderStatus ? await a.sage.orders.get(ref.SalesOrderNo) : null;
  const link = await saveOrderLink(a.db, a.key, {
    ...a.linkFields, state: 'created', salesOrderNo: ref.SalesOrderNo, sageStatus: order?.OrderStatus ?? ref.OrderStatus ?? null,
  }, a.timeline.take(), a.clock.now());
  return { order, link };
}

/** The write that must be on disk before a create is sent: "a create may have happened, look first". */
export function writePending(
  a: { db: Db; key: LinkKey; timeline: Timeline; clock: Clock; linkFields: Omit<LinkPatch, 'state'> }, sent: SalesOrderInput,
): Promise<OrderLink> {
  return saveOrderLink(a.db, a.key, {
    ...a.linkFields, state: 'pending', arDivisionNo: sent.ARDivisionNo, customerNo: sent.CustomerNo, customerPONo: sent.CustomerPONo,
    holdReason: null, mapped: sent,
  }, a.timeline.take(), a.clock.now(), { countCreateAttempt: true });
}

export type SendResult =
  | { outcome: 'created'; order: SageSalesOrder; link: OrderLink; sent: SalesOrderInput }
  | { outcome: 'refused'; error: AppError; link: OrderLink; sent: SalesOrderInput };

/**
 * Pending write, then the create. `onRefused` may return a changed order to try once more after
 * a business-rule refusal (422: nothing was written), e.g. on hold for credit or after adding a
 * ZIP. Anything else thrown (timeout, 5xx, an unreadable answer) leaves the link pending, and
 * the retry looks before it writes.
 */
export async function sendCreate(a: {
  db: Db; key: LinkKey; sage: Sage100Client; timeline: Timeline; clock: Clock; signal?: AbortSignal;
  salesOrder: SalesOrderInput; linkFields: Omit<LinkPatch, 'state'>;
  onRefused?: (err: AppError, sent: SalesOrderInput) => Promise<SalesOrderInput | null>;
  /** More to record in the 'created' write, from Sage's answer (e.g. a totals hold owed). */
  onCreated?: (order: SageSalesOrder) => Omit<LinkPatch, 'state'>;
  /**
   * When given, the 'created' write goes in with the job's end instead of a commit of its own:
   * the pending link already says "look before creating", so losing it with a crash only means
   * the retry finds and adopts the order. Not used when more Sage writes follow (a totals hold).
   */
  writeWithEnd?: (stmt: InStatement) => void;
  /**
   * The pending link already written for exactly this first send (by order.sync, for the first
   * attempt of the order.write it queued: see hand-over.ts). Refused and amended sends write
   * their own.
   */
  reserved?: OrderLink;
}): Promise<SendResult> {
  let sent = a.salesOrder;
  for (let tries = 0; ; tries++) {
    a.timeline.info('create', `sending the sales order to Sage: customer ${sent.ARDivisionNo}-${sent.CustomerNo}, PO ${sent.CustomerPONo}`);
    let link = tries === 0 && a.reserved ? a.reserved : await writePending(a, sent);
    if (a.signal?.aborted) throw new AppError('Aborted', 'the job was stopped before the create was sent', { errorClass: 'transient' });
    try {
      const order = await a.sage.orders.create(sent);
      if (order.Warnings?.length) a.timeline.warn('create', `Sage warnings: ${order.Warnings.join('; ')}`);
      const patch: LinkPatch = { ...a.onCreated?.(order), state: 'created', salesOrderNo: order.SalesOrderNo, sageStatus: order.OrderStatus, mapped: sent };
      if (a.writeWithEnd && !totalsHoldOwed({ ...link, ...patch })) {
        const deferred = linkUpdateRecords(a.db, link, patch, a.timeline.take(), a.clock.now());
        deferred.stmts.forEach(a.writeWithEnd);
        return { outcome: 'created', order, link: deferred.link, sent };
      }
      link = await saveOrderLink(a.db, a.key, patch, a.timeline.take(), a.clock.now());
      return { outcome: 'created', order, link, sent };
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      const next = tries === 0 && a.onRefused ? await a.onRefused(err, sent) : null;
      if (!next) return { outcome: 'refused', error: err, link, sent };
      sent = next;
    }
  }
}
