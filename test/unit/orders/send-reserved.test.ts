import { describe, expect, it } from 'vitest';
import type { OrderLink } from '../../../server/db/repos/order-links.repo';
import type { FlowRun } from '../../../server/sync/order/flow-run';
import { planBasis, sendsReserved, type CarriedPlan } from '../../../server/sync/order/hand-over';

/**
 * When may an order.write send its create without looking in Sage first? Only the first attempt
 * of the very job order.sync queued with the plan, finding the link exactly as the plan left it.
 */
const link = { state: 'pending', createAttempts: 1, updatedAt: 1_000 } as OrderLink;
const plan = { reserved: true, forDelivery: 'dlv_1', basis: planBasis(link, 3) } as CarriedPlan;
const run = (o: { phase?: 'plan' | 'write'; attempt?: number; deliveryId?: string | null; link?: OrderLink | null; mappingVersion?: number; carried?: CarriedPlan }) => ({
  phase: o.phase ?? 'write',
  carried: 'carried' in o ? o.carried : plan,
  job: { attempt: o.attempt ?? 1, deliveryId: o.deliveryId === undefined ? 'dlv_1' : o.deliveryId },
  link: o.link === undefined ? link : o.link,
  mappingVersion: o.mappingVersion ?? 3,
}) as unknown as FlowRun;

describe('sending on the pending link order.sync wrote', () => {
  it.each([
    ['the first attempt of the queued order.write, link unchanged', {}, true],
    ['a retry (the first attempt may have sent it)', { attempt: 2 }, false],
    ['a job made from the plan for another delivery (a fixed payload)', { deliveryId: 'dlv_2' }, false],
    ['a job with no delivery', { deliveryId: null }, false],
    ['the link written since the plan', { link: { ...link, updatedAt: 2_000 } as OrderLink }, false],
    ['a create counted since the plan', { link: { ...link, createAttempts: 2 } as OrderLink }, false],
    ['the mapping changed since the plan', { mappingVersion: 4 }, false],
    ['no link at all', { link: null }, false],
    ['no carried plan', { carried: undefined }, false],
    ['a plan that wrote no pending link', { carried: { ...plan, reserved: false } }, false],
    ['order.sync itself', { phase: 'plan' as const }, false],
  ])('%s', (_, o, expected) => {
    expect(sendsReserved(run(o))).toBe(expected);
  });
});
