import type { InStatement } from '@libsql/client';
import type { ClarityOrders } from '../../connectors/clarity/orders';
import { canonicalIso, type PatchOrderBody } from '../../connectors/clarity/schemas';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Db } from '../../db/client';
import { deliveryInsertStatement } from '../../db/repos/deliveries.repo';
import { saveOrderLink, type LinkKey, type OrderLink } from '../../db/repos/order-links.repo';
import type { SageOrderStatus } from '../../domain/sage';
import type { MappingConfig } from '../../mapping/config';
import { clarityToSage, sageToClarity } from '../../mapping/status';
import type { Timeline } from './timeline';

export const SAGE_ORDER_NO_ATTRIBUTE = 'SageSalesOrderNo';

/**
 * How long one write-back PATCH may take. The write-back runs as a job of its own (no Sage write
 * slot), but it holds the order's ordering key: a Clarity that hangs must not stop the order's
 * later events for long. Past this, the attempt ends with a transient error and is retried.
 */
export const WRITE_BACK_TIMEOUT_MS = 5_000;

/**
 * The Clarity status to write, or undefined to leave it: only when the store's status disagrees
 * with what Sage did (a credit or totals hold on an order the store calls Processing). An order
 * the store itself put on hold stays as the store named it, and our own write-back, echoed back
 * as order.updated, changes nothing.
 */
export function clarityStatusToWrite(clarityStatus: string | null | undefined, sageStatus: string, config: MappingConfig): string | undefined {
  const storeIsHold = clarityToSage(clarityStatus, config).orderStatus === 'H';
  if ((sageStatus === 'H') === storeIsHold) return undefined;
  const status = sageToClarity({ file: 'open', OrderStatus: sageStatus as SageOrderStatus }, config);
  return status && status !== clarityStatus ? status : undefined;
}

/**
 * Writes the Sage order number (and, when Sage held the order, its status) onto the Clarity
 * order, then records that on the link. Runs after the link says 'created', so a retry of this
 * step never creates again; PATCH is idempotent, so a repeat is harmless. An order the store
 * cancelled meanwhile still gets its Sage number, but its status is left as the store set it.
 */
export async function writeBack(a: {
  db: Db; key: LinkKey; link: OrderLink; clarity: ClarityOrders; config: MappingConfig; timeline: Timeline; now: () => number;
  timeoutMs?: number;
  /** Writes a record with the job's end (JobContext.writeWithEnd). */
  writeWithEnd: (stmt: InStatement) => void;
}): Promise<OrderLink> {
  const { link } = a;
  if (!link.salesOrderNo) return link;
  const status = link.state === 'created' ? clarityStatusToWrite(link.clarityStatus, link.sageStatus ?? 'O', a.config) : undefined;
  const body: PatchOrderBody = {
    SerializableAttributes: { [SAGE_ORDER_NO_ATTRIBUTE]: { Key: SAGE_ORDER_NO_ATTRIBUTE, Value: link.salesOrderNo } },
    ...(status ? { StatusKey: status } : {}),
  };
  const saved = await withTimeout(a.clarity.patchOrder(a.key.clarityOrderId, body), a.timeoutMs ?? WRITE_BACK_TIMEOUT_MS);
  a.timeline.info('write-back', `wrote Sage order ${link.salesOrderNo} onto the Clarity order${status ? ` and set its status to ${status}` : ''}`, { body });
  const own = ownVersionRecord(a.key, saved, a.now());
  if (own) a.writeWithEnd(own);
  return saveOrderLink(a.db, a.key, {
    state: link.state === 'cancelled' ? 'cancelled' : 'created', writtenBackAt: a.now(), clarityStatus: (saved as { StatusKey?: string }).StatusKey ?? status ?? link.clarityStatus,
  }, a.timeline.take(), a.now());
}

/**
 * Clarity answers our PATCH with the order as it now is, and sends the same version back to us as
 * an order.updated webhook. That version holds nothing but what we just wrote, so it is stored as
 * a delivery of its own ('write-back', with the job's end): the echo then meets the inbox's
 * one-version-once index and is acknowledged without a job, as a repeated delivery is, and the
 * order poll skips it the same way. An echo that arrives before this row (Clarity can be that
 * quick) runs as an order.sync that changes nothing, as before. Changes a person makes have
 * versions of their own and always run.
 */
function ownVersionRecord(key: LinkKey, saved: unknown, now: number): InStatement | null {
  const version = canonicalIso((saved as { UpdatedDate?: unknown }).UpdatedDate);
  if (!version) return null;
  return deliveryInsertStatement({
    id: newId('dlv'), storeId: key.storeId, webhookId: `write-back:${key.clarityOrderId}:${version}`, topic: 'order.updated',
    source: 'write-back', subjectType: 'order', subjectId: key.clarityOrderId, subjectVersion: version,
    body: JSON.stringify({ type: 'order.updated', data: saved }), receivedAt: now,
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('WriteBackTimeout',
      `Clarity did not answer the write-back within ${ms / 1000} s; it will be tried again (the Sage order exists and will not be created again)`,
      { errorClass: 'transient', status: 504 })), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
