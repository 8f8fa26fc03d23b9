import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { Sage100Client } from '../../connectors/sage100/client';
import type { SageCustomer } from '../../connectors/sage100/schemas';
import type { Db } from '../../db/client';
import { saveCustomerLinks } from '../../db/repos/customer-links.repo';
import { isGuestOrder, type ClarityOrder } from '../../domain/clarity-order';
import type { MappingConfig } from '../../mapping/config';
import { customerInputFor, customerNameFor, customerZipFor, type CustomerDraft } from './customer-input';
import { createCustomer } from './create-customer';
import { findSageCustomer, linkKeysOf, whoIs } from './find-customer';

/**
 * Which Sage customer an order belongs to: the link table first, then Sage by e-mail (a slow
 * scan, so its answer goes into the link table), then by name + ZIP (indexed); not found, the
 * mapping says create or hold. Guest checkouts go to a shared web customer or are treated as
 * new people (a returning guest is still found by e-mail).
 */
export type CustomerAction = 'linked' | 'found_by_email' | 'found_by_name_zip' | 'created' | 'guest_shared' | 'would_create';

export type CustomerResolution =
  | {
    ok: true;
    action: CustomerAction;
    arDivisionNo: string;
    customerNo: string;
    /** The Sage record (credit fields, tax schedule); null only for a dry run's "would create". */
    customer: SageCustomer | null;
    /** What a dry run would send to create the customer. */
    draft?: CustomerDraft;
    note: string;
  }
  | { ok: false; reason: string; field?: string };

export interface CustomerDeps {
  db: Db;
  sage: Sage100Client;
  clock: Clock;
  /** Adds a missing ZIP to Sage's table when the mapping allows it (see create-customer). */
  addUnknownZips: boolean;
}

export interface ResolveCustomerOptions {
  /** Preview: read, never write (no customer created, no link saved). */
  dryRun?: boolean;
  /**
   * Write nothing to Sage: a customer who would have to be created comes back as 'would_create'
   * (links to customers found are still saved). For work done outside the Sage write slot.
   */
  noCreate?: boolean;
}

export async function resolveCustomer(
  d: CustomerDeps, storeId: string, order: ClarityOrder, config: MappingConfig, opts: ResolveCustomerOptions = {},
): Promise<CustomerResolution> {
  const guest = isGuestOrder(order);
  if (guest && config.customer.guest.mode === 'shared') return sharedGuest(d, config);

  const email = order.BillingContact?.Email1?.trim() || order.ShippingContact?.Email1?.trim() || '';
  const name = customerNameFor(order);
  const zip = customerZipFor(order);
  const identity = { accountId: guest ? null : order.AccountID, email, name, zip };
  const hit = await findSageCustomer(d, storeId, identity, config.customer.division, opts);
  if (hit.found) {
    const c = hit.customer;
    return { ok: true, action: hit.action, arDivisionNo: c.ARDivisionNo, customerNo: c.CustomerNo, customer: c, note: hit.note };
  }

  if (config.customer.unknown === 'hold') {
    return {
      ok: false,
      reason: `No Sage customer matches ${email ? `e-mail ${email}` : 'this order'}${name ? ` or name "${name}"${zip ? ` with ZIP ${zip}` : ''}` : ''}.`
        + ' Link the order to a customer (or create it in Sage), or set the mapping to create unknown customers, then retry.',
      field: 'BillingContact',
    };
  }

  const draft = customerInputFor(order, config);
  if (opts.dryRun || opts.noCreate) {
    return {
      ok: true, action: 'would_create', arDivisionNo: draft.input.ARDivisionNo, customerNo: draft.input.CustomerNo ?? '(NEXT)',
      customer: null, draft, note: `would create Sage customer "${draft.input.CustomerName}" in division ${draft.input.ARDivisionNo}`,
    };
  }
  const created = await createCustomer(d, draft);
  if (!created.ok) return created;
  const c = created.customer;
  await saveCustomerLinks(d.db, storeId, linkKeysOf(identity), { arDivisionNo: c.ARDivisionNo, customerNo: c.CustomerNo, source: 'created' }, d.clock.now());
  return { ok: true, action: 'created', arDivisionNo: c.ARDivisionNo, customerNo: c.CustomerNo, customer: c,
    note: `created Sage customer ${whoIs(c)}${created.note ? ` (${created.note})` : ''}` };
}

async function sharedGuest(d: CustomerDeps, config: MappingConfig): Promise<CustomerResolution> {
  const g = config.customer.guest;
  if (g.mode !== 'shared') throw new AppError('Unexpected', 'not a shared-guest mapping');
  const division = g.division ?? config.customer.division;
  const c = await d.sage.customers.get(division, g.customerNo);
  if (!c) {
    return {
      ok: false,
      reason: `Guest orders go to the shared web customer ${division}-${g.customerNo}, which Sage does not have.`
        + ' Create that customer in Sage or change the guest customer in the mapping, then retry.',
      field: 'customer.guest.customerNo',
    };
  }
  return { ok: true, action: 'guest_shared', arDivisionNo: c.ARDivisionNo, customerNo: c.CustomerNo, customer: c, note: `guest checkout: shared web customer ${whoIs(c)}` };
}
