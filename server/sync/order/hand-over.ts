import { jobsOfKindActiveSince, type JobTrace } from '../../db/repos/jobs.repo';
import type { OrderLink } from '../../db/repos/order-links.repo';
import type { SageSalesOrderInput } from '../../domain/sage';
import type { EnqueueInput, HandlerOutcome } from '../../queue/types';
import { orderKey, sageWriteTarget } from '../../queue/keys';
import type { FlowRun } from './flow-run';
import type { OrderSyncPayload } from './load-event';
import type { OrderPlan } from './plan-order';

/**
 * The order flow runs in two jobs, so the store's Sage write slot is held only while Sage is
 * being written:
 *
 *   order.sync   (no target)          reads and decides: the order, its link, the mapping, the
 *                                     customer, items and stock from Sage, the built sales order.
 *                                     Holds, ignores and no-op updates (our own write-back's echo)
 *                                     end here, without ever waiting for the slot.
 *   order.write  (sage-write:<store>) the same event, in the slot: the create exactly once (with
 *                                     the plan carried from order.sync), an update, a cancel.
 *
 * Both jobs carry the order's ordering key, so they and every other event of the order run one
 * at a time in arrival order. order.write runs the same dispatch as order.sync against the link
 * as it is by then, so an event that came in between is never overtaken.
 *
 * The carried plan was read from Sage before the slot was taken. Between that read and the
 * create, other orders of the store may have been created and taken stock or credit: the plan
 * records how much room each item (and the customer's credit) had, and order.write plans again,
 * in the slot, when the orders written since then could have used that room up (or when it
 * cannot tell). Otherwise the plan stands, as the read of a serialized flow would have.
 */
export const ORDER_WRITE_JOB = 'order.write';

export interface CarriedPlan {
  /** When the plan's Sage reads began (ms). */
  readAt: number;
  /** The link and mapping the plan was made on (planBasis); a change voids it. */
  basis: string;
  salesOrder: SageSalesOrderInput;
  warnings: string[];
  sageHoldReason: string | null;
  /** Per item code: Sage's availability less this order's quantity, when the plan was read. */
  stockRoom: Record<string, number>;
  /** "DIV-CUSTOMER" when a credit limit was checked (any other order of theirs voids the plan). */
  creditChecked: string | null;
  /**
   * order.sync wrote the pending link for this plan's create (the basis is that link), so the
   * first attempt of its order.write, finding the link unchanged, sends the create at once: no
   * attempt can have sent it before. Any later attempt looks first, as always.
   */
  reserved: boolean;
  /**
   * The delivery the plan was made from. Only the order.write queued with the plan carries it: a
   * job made from the plan's payload in another way (a person's fixed payload makes a new delivery)
   * must look first, since the first order.write may have sent the create.
   */
  forDelivery: string | null;
}

export interface WritePayload extends OrderSyncPayload {
  plan?: CarriedPlan;
}

/** What an order.write records on its job when it sent (or adopted) a create: what it took from Sage. */
export interface Consumed {
  customer: string;
  items: Record<string, number>;
}

export function writeJob(run: FlowRun, plan?: CarriedPlan): EnqueueInput<WritePayload> {
  const { job, key } = run;
  return {
    kind: ORDER_WRITE_JOB, storeId: key.storeId, orderingKey: orderKey(key.storeId, key.clarityOrderId), target: sageWriteTarget(key.storeId),
    deliveryId: job.deliveryId ?? undefined, payload: { ...job.payload, ...(plan ? { plan } : {}) },
  };
}

/** Whether this order.write may send its carried plan's create without writing the pending link again. */
export function sendsReserved(run: FlowRun): boolean {
  const c = run.carried;
  return run.phase === 'write' && !!c?.reserved && run.job.attempt === 1 && c.forDelivery !== null && c.forDelivery === run.job.deliveryId
    && !!run.link && c.basis === planBasis(run.link, run.mappingVersion);
}

/** The state a plan depends on besides Sage: the link (any write changes updatedAt) and the mapping. */
export function planBasis(link: OrderLink | null, mappingVersion: number): string {
  return `${link ? `${link.state}:${link.createAttempts}:${link.updatedAt}` : 'none'}|${mappingVersion}`;
}

export function carryPlan(plan: OrderPlan, run: FlowRun, readAt: number, pending: OrderLink): CarriedPlan {
  const salesOrder = plan.salesOrder!;
  const room: Record<string, number> = {};
  for (const [code, qty] of Object.entries(consumedBy(salesOrder).items)) room[code] = (plan.availability?.[code] ?? 0) - qty;
  const limit = plan.customer.ok ? Number(plan.customer.customer?.CreditLimit ?? 0) : 0;
  return {
    readAt, basis: planBasis(pending, run.mappingVersion), salesOrder, warnings: plan.warnings, sageHoldReason: plan.sageHoldReason,
    stockRoom: room, reserved: true, forDelivery: run.job.deliveryId,
    creditChecked: run.config.credit.policy !== 'ignore' && limit > 0 ? customerOf(salesOrder) : null,
  };
}

export function consumedBy(so: SageSalesOrderInput): Consumed {
  const items: Record<string, number> = {};
  for (const line of so.Lines) {
    if (line.ItemType !== 1 || !line.ItemCode) continue;
    items[line.ItemCode] = (items[line.ItemCode] ?? 0) + (line.QuantityOrdered ?? 0);
  }
  return { customer: customerOf(so), items };
}

const customerOf = (so: SageSalesOrderInput) => `${so.ARDivisionNo}-${so.CustomerNo}`;

/**
 * Clocks of several app processes may differ a little; a write finished this long before the
 * plan's read is still counted against it (counting too much only means planning again).
 */
const CLOCK_SLACK_MS = 1_000;

/**
 * Whether order.write may send the plan carried from order.sync, or must plan again in the slot.
 * The reason is for the timeline when it may not.
 */
export async function carriedPlanHolds(run: FlowRun, plan: CarriedPlan): Promise<{ ok: true } | { ok: false; why: string }> {
  if (plan.basis !== planBasis(run.link, run.mappingVersion)) return { ok: false, why: 'the order or the mapping changed since it was planned' };
  const others = (await jobsOfKindActiveSince(run.db, run.key.storeId, ORDER_WRITE_JOB, plan.readAt - CLOCK_SLACK_MS,
    { resultPath: '$.consumed', payloadPath: '$.plan.salesOrder' })).filter((j) => j.id !== run.job.id);
  const taken: Record<string, number> = {};
  for (const j of others) {
    const used = consumedOf(j);
    if (used === 'unknown') return { ok: false, why: 'another order is being written to Sage with an outcome not yet known' };
    if (!used) continue;
    if (plan.creditChecked && used.customer === plan.creditChecked) return { ok: false, why: 'another order of the same customer reached Sage since the credit check' };
    for (const [code, qty] of Object.entries(used.items)) taken[code] = (taken[code] ?? 0) + qty;
  }
  for (const [code, room] of Object.entries(plan.stockRoom)) {
    const t = taken[code] ?? 0;
    if (t > 0 && t > room) return { ok: false, why: `other orders took ${t} of ${code} since its stock was read` };
  }
  return { ok: true };
}

/** What one order.write job took from Sage: nothing, a known amount, or 'unknown' (a create may be in flight). */
function consumedOf(j: JobTrace): Consumed | null | 'unknown' {
  if (j.fromResult) return parse(j.fromResult) as Consumed | null;
  // Gave up, or was stopped, without a record of whether its create went through.
  if (j.state === 'dead' || j.state === 'cancelled') return 'unknown';
  if (j.state === 'running' || j.state === 'retrying') {
    const planned = parse(j.fromPayload) as SageSalesOrderInput | null;
    return planned?.Lines ? consumedBy(planned) : 'unknown';
  }
  // Ended well without a record of a create: an update, a cancel, a hold, or nothing to do.
  return null;
}

function parse(v: string | null): unknown {
  if (v === null) return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

/** order.sync's end when Sage must be written: the same event goes to order.write, in the slot. */
export async function handOver(run: FlowRun, plan?: CarriedPlan): Promise<HandlerOutcome> {
  await run.enqueue(writeJob(run, plan));
  run.timeline.info('queue', plan ? 'planned; waiting for the store\'s Sage write slot' : 'waiting for the store\'s Sage write slot');
  return { status: 'succeeded', result: { action: 'handed-over', planned: Boolean(plan) } };
}
