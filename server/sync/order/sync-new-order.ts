import type { AppError } from '../../core/errors';
import { saveOrderLink, type LinkPatch, type OrderLink } from '../../db/repos/order-links.repo';
import type { SageSalesOrderInput } from '../../domain/sage';
import { customerPoNumber } from '../../mapping/order-key';
import type { Hold } from '../../mapping/sales-order';
import type { HandlerOutcome } from '../../queue/types';
import { adoptExisting, mustLookFirst, sendCreate, writePending } from './create-once';
import { fingerprintOf, formatFingerprint } from './fingerprint';
import type { FlowRun } from './flow-run';
import { carriedPlanHolds, carryPlan, consumedBy, handOver, sendsReserved, type Consumed } from './hand-over';
import { planOrder, type OrderPlan } from './plan-order';
import { addUnknownZips } from './policies';
import { refusalReason } from './refusals';
import { withSageHold } from './sage-hold';
import { holdForTotals, totalsMismatch } from './totals-check';
import { writeBackJob } from './write-back-job';

/**
 * order.created, or an order.updated for an order Sage does not have yet: validate → customer →
 * items → checks → build → create exactly once → link → write back. Safe to run again at any
 * point: every step either finds its work done or redoes it without a second order.
 */
export async function syncNewOrder(run: FlowRun): Promise<HandlerOutcome> {
  const { key, link, timeline } = run;
  const order = run.order!;
  const reserved = sendsReserved(run);
  const lookFirst = !reserved && Boolean(link && mustLookFirst(link, run.job.previousErrorClass));
  // A create may already have happened: finding it is the write slot's work.
  if (run.phase === 'plan' && lookFirst) return handOver(run);
  const sage = await run.sage();

  if (link && lookFirst) {
    const adopted = await adoptExisting({ db: run.db, key, link, sage, timeline, clock: run.deps.clock, linkFields: orderFields(run) });
    if (adopted) {
      const owed = adopted.order && totalsMismatch(adopted.order, order, run.config.order.currency);
      const withTotals = owed ? await saveOrderLink(run.db, key, totalsFields(run, adopted.link, owed.reason), timeline.take(), run.now()) : adopted.link;
      const sent = adopted.link.mapped as SageSalesOrderInput | null;
      return finish(run, withTotals, 'adopted', owed?.comment, sent?.Lines ? consumedBy(sent) : undefined);
    }
  }

  const planned = await plannedOrder(run);
  if ('outcome' in planned) return planned.outcome;
  const plan = planned;

  let sageHoldReason = plan.sageHoldReason;
  let totalsComment: string | undefined;
  const sent = await sendCreate({
    db: run.db, key, sage, timeline, clock: run.deps.clock, signal: run.signal, salesOrder: plan.salesOrder, writeWithEnd: run.writeWithEnd,
    // The plan's own pending link stands only for the plan it was written with.
    reserved: reserved && plan.carried ? run.link! : undefined,
    linkFields: { ...orderFields(run), warnings: plan.warnings, holdReason: sageHoldReason },
    onRefused: async (err, tried) => {
      const next = await amendAfterRefusal(run, err, tried);
      if (next?.reason) sageHoldReason = next.reason;
      return next?.order ?? null;
    },
    // Sage's own totals are judged in the same write that records the order: a crash right after
    // it still leaves a link that says the totals hold is owed.
    onCreated: (so) => {
      const owed = totalsMismatch(so, order, run.config.order.currency);
      totalsComment = owed?.comment;
      if (owed) timeline.warn('totals', owed.reason);
      const holdReason = [sageHoldReason, owed?.reason].filter(Boolean).join(' ') || null;
      return { holdReason, warnings: owed ? [...plan.warnings, owed.reason] : plan.warnings };
    },
  });
  if (sent.outcome === 'refused') {
    const reason = refusalReason(sent.error, sent.sent as unknown as Record<string, unknown>);
    return hold(run, [{ code: 'customer', field: sent.error.field, message: reason, fix: '' }], plan);
  }
  return finish(run, sent.link, 'created', totalsComment, consumedBy(sent.sent));
}

/** What the create sends: the plan order.sync carried (`carried`), while it still holds, or a plan made here. */
type Planned = Pick<OrderPlan, 'warnings' | 'sageHoldReason' | 'customer'> & { salesOrder: SageSalesOrderInput; carried: boolean };

/**
 * order.sync (phase 'plan') plans without creating anything in Sage and hands the plan to the
 * write slot; a new customer to create sends the order there unplanned. order.write uses the
 * carried plan when nothing since has voided it (hand-over.ts), and otherwise plans as before.
 */
async function plannedOrder(run: FlowRun): Promise<Planned | { outcome: HandlerOutcome }> {
  const { timeline } = run;
  if (run.carried) {
    const holds = await carriedPlanHolds(run, run.carried);
    if (holds.ok) {
      const c = run.carried;
      timeline.info('plan', 'sending the order as planned before the write slot was free');
      return { salesOrder: c.salesOrder, warnings: c.warnings, sageHoldReason: c.sageHoldReason, customer: carriedCustomer(c.salesOrder), carried: true };
    }
    timeline.info('plan', `planned again in the write slot: ${holds.why}`);
  }
  const readAt = run.now();
  const gw = await run.gateway();
  const plan = await planOrder({
    db: run.db, sage: await run.sage(), clock: run.deps.clock, storeId: run.key.storeId, order: run.order!, config: run.config,
    itemCache: run.deps.itemCache, scope: gw.scope, fresh: run.link?.state === 'held', timeline, noCreate: run.phase === 'plan',
  });
  if (run.phase === 'plan' && plan.customer.ok && plan.customer.action === 'would_create') return { outcome: await handOver(run) };
  if (plan.warnings.length) timeline.warn('mapping', `${plan.warnings.length} warning(s): ${plan.warnings.join('; ')}`, { warnings: plan.warnings });
  if (plan.holds.length || !plan.salesOrder) return { outcome: await hold(run, plan.holds, plan) };
  if (run.phase === 'plan') {
    // The pending write is made here, outside the slot: order.write then only sends (hand-over.ts).
    const pending = await writePending(
      { db: run.db, key: run.key, timeline, clock: run.deps.clock, linkFields: { ...orderFields(run), warnings: plan.warnings } }, plan.salesOrder);
    return { outcome: await handOver(run, carryPlan(plan, run, readAt, pending)) };
  }
  return { ...plan, salesOrder: plan.salesOrder, carried: false };
}

function carriedCustomer(so: SageSalesOrderInput): Planned['customer'] {
  return { ok: true, action: 'linked', arDivisionNo: so.ARDivisionNo, customerNo: so.CustomerNo, customer: null, note: '' };
}

/**
 * A refusal that one change can fix, without a person: a credit refusal when the policy is to
 * hold in Sage (the balance moved since our check), or a ZIP missing from Sage's table when the
 * merchant lets the connector add ZIPs. 422 means nothing was written, so trying again is safe.
 */
async function amendAfterRefusal(run: FlowRun, err: AppError, tried: SageSalesOrderInput): Promise<{ order: SageSalesOrderInput; reason?: string } | null> {
  if ((err.code === 'SO_CreditHold' || err.code === 'SO_CreditLimit') && run.config.credit.policy === 'sage-hold' && tried.OrderStatus !== 'H') {
    const reason = `Sage refused an open order for credit (${err.message}); entered on hold for credit review.`;
    run.timeline.warn('credit', reason);
    return { order: withSageHold(tried, err.code === 'SO_CreditHold' ? 'Credit hold: customer on hold' : 'Over credit limit', run.config), reason };
  }
  const zipField = err.field === 'ShipToZipCode' ? 'ShipTo' : err.field === 'BillToZipCode' ? 'BillTo' : null;
  if (zipField && addUnknownZips(run.config)) {
    const f = tried as unknown as Record<string, string | undefined>;
    const zip = f[`${zipField}ZipCode`];
    const city = f[`${zipField}City`];
    const state = f[`${zipField}State`];
    if (!zip || !city || !state) return null;
    const sage = await run.sage();
    await sage.lookups.addZipCode({ ZipCode: zip, City: city, State: state, CountryCode: f[`${zipField}CountryCode`] ?? 'USA' });
    run.timeline.info('zip', `added ZIP ${zip} (${city}, ${state}) to Sage's ZIP table, as the mapping allows`);
    return { order: tried };
  }
  return null;
}

/**
 * After the order exists in Sage (the link says 'created'): the totals hold if one is owed (a Sage
 * write, so here, in the write slot), feed activity, and the write-back to the store queued as a
 * job of its own (write-back-job.ts): it needs no Sage slot, so it must not keep the next order
 * waiting. Each step can be redone by a retry without creating anything.
 */
export async function finish(run: FlowRun, link: OrderLink, action: string, totalsComment?: string, consumed?: Consumed): Promise<HandlerOutcome> {
  const sage = await run.sage();
  link = await holdForTotals({ db: run.db, key: run.key, link, sage, timeline: run.timeline, now: run.now, comment: totalsComment });
  if (run.deps.markFeedActivity) await run.deps.markFeedActivity(run.db, run.key.storeId);
  if (link.salesOrderNo && !link.writtenBackAt) await run.enqueue(writeBackJob(run.key.storeId, run.key.clarityOrderId));
  // `consumed` tells later orders' carried plans what this create took from Sage's stock (hand-over.ts).
  return { status: 'succeeded', result: { action, salesOrderNo: link.salesOrderNo, sageStatus: link.sageStatus, holdReason: link.holdReason, consumed } };
}

function totalsFields(run: FlowRun, link: OrderLink, reason: string): LinkPatch {
  run.timeline.warn('totals', reason);
  return {
    state: 'created',
    holdReason: link.holdReason?.includes(reason) ? link.holdReason : [link.holdReason, reason].filter(Boolean).join(' '),
    warnings: [...(link.warnings ?? []).filter((w) => w !== reason), reason],
  };
}

/** Held in the app: nothing goes to Sage; the reason says what to fix. Retrying after the fix works. */
async function hold(run: FlowRun, holds: Hold[], plan: Pick<OrderPlan, 'salesOrder' | 'warnings' | 'customer'>): Promise<HandlerOutcome> {
  const reason = holdText(holds);
  run.timeline.warn('hold', reason, { holds });
  const fresh = !run.link || run.link.createAttempts === 0;
  const po = customerPoNumber(run.order!, run.config).value;
  await saveOrderLink(run.db, run.key, {
    ...orderFields(run), state: 'held', holdReason: reason, warnings: plan.warnings, mapped: plan.salesOrder,
    // The customer and PO of a create already sent stay as they were: a retry looks the order up by them.
    ...(fresh ? { customerPONo: po, arDivisionNo: plan.customer.ok ? plan.customer.arDivisionNo : null, customerNo: plan.customer.ok ? plan.customer.customerNo : null } : {}),
  }, run.timeline.take(), run.now());
  return { status: 'held', reason, detail: { holds } };
}

export function holdText(holds: Hold[]): string {
  return holds.map((h) => `${h.message}${h.fix ? ` ${h.fix}` : ''}`).join(' ');
}

/** What every link write of this order records about the Clarity side. */
export function orderFields(run: FlowRun): Omit<LinkPatch, 'state'> {
  const order = run.order!;
  return {
    clarityOrderKey: order.CustomKey ?? (order.ID != null ? String(order.ID) : null),
    clarityStatus: order.StatusKey ?? null,
    clarityUpdatedAt: order.UpdatedDate ?? null,
    payloadHash: formatFingerprint(fingerprintOf(order)),
  };
}

