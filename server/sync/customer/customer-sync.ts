import { z } from 'zod';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { getDelivery } from '../../db/repos/deliveries.repo';
import { getMappingConfig } from '../../db/repos/mapping.repo';
import { clarityAddressSchema } from '../../domain/clarity-order';
import { normalizeAddress } from '../../mapping/address';
import { customerName, fitName } from '../../mapping/names';
import type { HandlerOutcome, JobContext, JobHandler } from '../../queue/types';
import type { SageGateways } from '../sage-gateway';
import { findSageCustomer, whoIs } from './find-customer';

export const CUSTOMER_SYNC_JOB = 'customer.sync';

/** What intake puts on a 'customer.sync' job; the delivery row holds the body. */
export interface CustomerSyncPayload {
  topic: string;
  customerId: string | number;
}

/** The part of Clarity's Customer this job reads (contracts/clarity.md §5). */
const clarityCustomerSchema = z.looseObject({
  ID: z.union([z.number(), z.string()]),
  Email: z.string().nullish(),
  FirstName: z.string().nullish(),
  LastName: z.string().nullish(),
  Company: z.string().nullish(),
  Address: clarityAddressSchema.nullish(),
});

/**
 * customer.created / customer.updated: link the Clarity account to its Sage customer before the
 * account's first order arrives, so that order skips the slow e-mail scan (and a changed e-mail
 * is linked too). It never creates a Sage customer — the first order does that, under the
 * mapping's policy — and never changes one: the gateway has no customer update, and Sage's
 * customer record is the accounting team's.
 */
export function createCustomerSyncHandler(deps: { db: Db; clock: Clock; gateways: SageGateways }): JobHandler<CustomerSyncPayload> {
  return async function customerSync(ctx: JobContext<CustomerSyncPayload>): Promise<HandlerOutcome> {
    const { job } = ctx;
    const delivery = job.deliveryId ? await getDelivery(deps.db, job.deliveryId) : null;
    if (!delivery) return { status: 'succeeded', result: { skipped: 'the stored event is gone' } };
    const body = JSON.parse(delivery.body) as { data?: unknown };
    const parsed = clarityCustomerSchema.safeParse(body?.data ?? body);
    if (!parsed.success) return { status: 'succeeded', result: { skipped: `not a customer: ${parsed.error.issues[0]?.message}` } };
    const cust = parsed.data;
    const address = normalizeAddress(cust.Address);
    const who = {
      accountId: cust.ID,
      email: cust.Email ?? undefined,
      name: fitName(customerName(cust.Address?.Company ?? cust.Company, cust.FirstName, cust.LastName), 'customer', 30).value,
      zip: address.country === 'US' ? address.zip.slice(0, 5) : address.zip,
    };
    const [config, gw] = await Promise.all([getMappingConfig(deps.db, job.storeId), deps.gateways.forStore(job.storeId)]);
    const hit = await findSageCustomer({ db: deps.db, sage: gw.client, clock: deps.clock }, job.storeId, who, config.customer.division);
    return {
      status: 'succeeded',
      result: hit.found
        ? { action: hit.action, customer: whoIs(hit.customer), note: hit.note }
        : { action: 'not-in-sage', note: 'no Sage customer yet; the first order will find or create it' },
    };
  };
}
