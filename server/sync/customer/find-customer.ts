import type { Clock } from '../../core/clock';
import type { Sage100Client } from '../../connectors/sage100/client';
import type { SageCustomer } from '../../connectors/sage100/schemas';
import type { Db } from '../../db/client';
import {
  accountKey, deleteCustomerLink, emailKey, findCustomerLinks, saveCustomerLinks,
} from '../../db/repos/customer-links.repo';

/** Who a Clarity buyer is, as far as finding them in Sage goes. */
export interface CustomerIdentity {
  /** Clarity account; absent for a guest. */
  accountId?: string | number | null;
  email?: string;
  /** The name as Sage would hold it (company, else the person; 30 characters). */
  name?: string;
  zip?: string;
}

export type FoundCustomer =
  | { found: true; customer: SageCustomer; action: 'linked' | 'found_by_email' | 'found_by_name_zip'; note: string }
  | { found: false };

/**
 * The link table first (by Clarity account, then e-mail); then Sage by e-mail — a full scan in
 * Sage, so what it finds is kept in the link table and asked only once; then by name + ZIP
 * (indexed). A link whose Sage customer is gone is dropped and the search goes on. A dry run
 * reads only.
 */
export async function findSageCustomer(
  d: { db: Db; sage: Sage100Client; clock: Clock }, storeId: string, who: CustomerIdentity, division: string, opts: { dryRun?: boolean } = {},
): Promise<FoundCustomer> {
  const email = who.email?.trim() ?? '';
  const keys = linkKeysOf(who);
  const remember = async (c: SageCustomer, source: string) => {
    if (!opts.dryRun) await saveCustomerLinks(d.db, storeId, keys, { arDivisionNo: c.ARDivisionNo, customerNo: c.CustomerNo, source }, d.clock.now());
  };

  const links = await findCustomerLinks(d.db, storeId, keys);
  const link = links[0];
  if (link) {
    const c = await d.sage.customers.get(link.arDivisionNo, link.customerNo);
    if (c) {
      // Found through the e-mail of a known account: remember the account too, so the next order skips the e-mail.
      const same = (l: typeof link) => l.arDivisionNo === c.ARDivisionNo && l.customerNo === c.CustomerNo;
      if (links.length < keys.length || !links.every(same)) await remember(c, link.source);
      return { found: true, customer: c, action: 'linked', note: `Sage customer ${whoIs(c)} (linked earlier by ${link.source.replace('_', ' + ')})` };
    }
    // The linked customer was deleted or renumbered in Sage: forget the link and search again.
    if (!opts.dryRun) await deleteCustomerLink(d.db, storeId, link.matchKey);
  }

  if (email) {
    const pick = preferDivision(await d.sage.customers.findByEmail(email), division);
    if (pick) {
      await remember(pick, 'email');
      return { found: true, customer: pick, action: 'found_by_email', note: `Sage customer ${whoIs(pick)} found by e-mail ${email}` };
    }
  }
  if (who.name && who.zip) {
    const pick = preferDivision(await d.sage.customers.findByNameZip(who.name, who.zip), division);
    if (pick) {
      await remember(pick, 'name_zip');
      return { found: true, customer: pick, action: 'found_by_name_zip', note: `Sage customer ${whoIs(pick)} found by name "${who.name}" and ZIP ${who.zip}` };
    }
  }
  return { found: false };
}

/** The link-table keys a buyer is known by, most specific first: the Clarity account, then the e-mail. */
export function linkKeysOf(who: CustomerIdentity): string[] {
  const email = who.email?.trim() ?? '';
  return [...(who.accountId ? [accountKey(who.accountId)] : []), ...(email ? [emailKey(email)] : [])];
}

/** Several matches: the configured division first, then an active customer, then Sage's order. */
function preferDivision(list: SageCustomer[], division: string): SageCustomer | undefined {
  const active = (c: SageCustomer) => (c.CustomerStatus ?? 'A') !== 'I';
  return list.find((c) => c.ARDivisionNo === division && active(c)) ?? list.find(active) ?? list[0];
}

export const whoIs = (c: SageCustomer) => `${c.ARDivisionNo}-${c.CustomerNo}`;
