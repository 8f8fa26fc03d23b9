import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { customerLinks } from '../schema/orders';

/**
 * Which Sage customer a Clarity account or e-mail became. The e-mail search in Sage is a full
 * scan, so its answer is kept here; a link whose Sage customer later disappears is dropped.
 */
export interface CustomerLinkValue {
  arDivisionNo: string;
  customerNo: string;
  /** How it was found: account, email, name_zip, created, guest_shared, manual. */
  source: string;
}
export type CustomerLink = typeof customerLinks.$inferSelect;

export const accountKey = (accountId: string | number) => `account:${accountId}`;
export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;

/** The links the keys have, in the order the keys are given (most specific first). */
export async function findCustomerLinks(db: Db, storeId: string, matchKeys: string[]): Promise<CustomerLink[]> {
  if (matchKeys.length === 0) return [];
  const rows = await db.select().from(customerLinks)
    .where(and(eq(customerLinks.storeId, storeId), inArray(customerLinks.matchKey, matchKeys)));
  return matchKeys.flatMap((key) => rows.filter((r) => r.matchKey === key));
}

/** The first of the keys that has a link (most specific first). */
export async function findCustomerLink(db: Db, storeId: string, matchKeys: string[]): Promise<CustomerLink | null> {
  return (await findCustomerLinks(db, storeId, matchKeys))[0] ?? null;
}

export async function saveCustomerLinks(db: Db, storeId: string, matchKeys: string[], value: CustomerLinkValue, now: number): Promise<void> {
  if (matchKeys.length === 0) return;
  await db.insert(customerLinks)
    .values(matchKeys.map((matchKey) => ({ storeId, matchKey, ...value, updatedAt: now })))
    .onConflictDoUpdate({
      target: [customerLinks.storeId, customerLinks.matchKey],
      set: { arDivisionNo: value.arDivisionNo, customerNo: value.customerNo, source: value.source, updatedAt: now },
    });
}

export async function deleteCustomerLink(db: Db, storeId: string, matchKey: string): Promise<void> {
  await db.delete(customerLinks).where(and(eq(customerLinks.storeId, storeId), eq(customerLinks.matchKey, matchKey)));
}
