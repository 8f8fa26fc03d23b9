import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { Sage100Client } from '../../connectors/sage100/client';
import type { SageCustomer } from '../../connectors/sage100/schemas';
import type { Db } from '../../db/client';
import {
  accountKey, deleteCustomerLink, emailKey, findCustomerLinks, saveCustomerLinks,
} from '../../db/repos/customer-links.repo';
import { isGuestOrder, type ClarityOrder } from '../../domain/clarity-order';
import type { MappingConfig } from '../../mapping/config';
import { customerInputFor, customerNameFor, customerZipFor, type CustomerDraft } from './customer-input';
import { createCustomer } from './create-customer';

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
}

export async function resolveCustomer(
  d: CustomerDeps, storeId: string, order: ClarityOrder, config: MappingConfig, opts: ResolveCustomerOptions = {},
): Promise<CustomerResolution> {
  const guest = isGuestOrder(order);
  if (guest && config.customer.guest.mode === 'shared') return sharedGuest(d, config);

  const email = order.BillingContact?.Email1?.trim() || order.ShippingContact?.Email1?.trim() || '';
  const keys = [...(!guest && order.AccountID ? [accountKey(order.AccountID)] : []), ...(email ? [emailKey(email)] : [])];
  const remember = async (c: SageCustomer, source: string) => {
    if (!opts.dryRun) await saveCustomerLinks(d.db, storeId, keys, { arDivisionNo: c.ARDivisionNo, customerNo: c.CustomerNo, source }, d.clock.now());
  };
  const found = (c: SageCustomer, action: CustomerAction, note: string): CustomerResolution =>
    ({ ok: true, action, arDivisionNo: c.ARDivisionNo, customerNo: c.CustomerNo, customer: c, note });

  const links = await findCustomerLinks(d.db, storeId, keys);
  const link = links[0];
  if (link) {
    const c = await d.sage.customers.get(link.arDivisionNo, link.customerNo);
    if (c) {
      // Found through the e-mail of a known account: remember the account too, so the next order skips the e-mail.
      const same = (l: typeof link) => l.arDivisionNo === c.ARDivisionNo && l.customerNo === c.CustomerNo;
      if (links.length < keys.length || !links.every(same)) await remember(c, link.source);
      return found(c, 'linked', `Sage customer ${who(c)} (linked earlier by ${link.source.replace('_', ' + ')})`);
    }
    // The linked customer was deleted or renumbered in Sage: forget the link and search again.
    if (!opts.dryRun) await deleteCustomerLink(d.db, storeId, link.matchKey);
  }

  if (email) {
    const byEmail = await d.sage.customers.findByEmail(email);
    const pick = preferDivision(byEmail, config.customer.division);
    if (pick) {
      await remember(pick, 'email');
      return found(pick, 'found_by_email', `Sage customer ${who(pick)} found by e-mail ${email}`);
    }
  }

  const name = customerNameFor(order);
  const zip = customerZipFor(order);
  if (name && zip) {
    const byName = await d.sage.customers.findByNameZip(name, zip);
    const pick = preferDivision(byName, config.customer.division);
    if (pick) {
      await remember(pick, 'name_zip');
      return found(pick, 'found_by_name_zip', `Sage customer ${who(pick)} found by name "${name}" and ZIP ${zip}`);
    }
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
  if (opts.dryRun) {
    return {
      ok: true, action: 'would_create', arDivisionNo: draft.input.ARDivisionNo, customerNo: draft.input.CustomerNo ?? '(NEXT)',
      customer: null, draft, note: `would create Sage customer "${draft.input.CustomerName}" in division ${draft.input.ARDivisionNo}`,
    };
  }
  const created = await createCustomer(d, draft);
  if (!created.ok) return created;
  await remember(created.customer, 'created');
  return found(created.customer, 'created', `created Sage customer ${who(created.customer)}${created.note ? ` (${created.note})` : ''}`);
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
  return { ok: true, action: 'guest_shared', arDivisionNo: c.ARDivisionNo, customerNo: c.CustomerNo, customer: c, note: `guest checkout: shared web customer ${who(c)}` };
}

/** Several matches: the configured division first, then an active customer, then Sage's order. */
function preferDivision(list: SageCustomer[], division: string): SageCustomer | undefined {
  const active = (c: SageCustomer) => (c.CustomerStatus ?? 'A') !== 'I';
  return list.find((c) => c.ARDivisionNo === division && active(c)) ?? list.find(active) ?? list[0];
}

const who = (c: SageCustomer) => `${c.ARDivisionNo}-${c.CustomerNo}`;
