import type { OrderDraft } from '../repos/orders';
import type { Address, Contact, Product, Totals } from '../types';
import { REGIONS } from './regions';
import { lineFor, retotal, type DraftLine } from './totals';

type ContactOverride = Partial<Omit<Contact, 'Address'>> & { Address?: Partial<Address> };

/** What a caller may pin when creating a specific order; the rest is generated. */
export type OrderOverrides = Partial<Omit<OrderDraft, 'BillingContact' | 'ShippingContact' | 'SalesItems' | 'Totals'>> & {
  BillingContact?: ContactOverride;
  ShippingContact?: ContactOverride;
  /** Lines by Sku and Quantity; name and price come from the store's product unless given. */
  SalesItems?: Array<Partial<DraftLine> & { Sku: string; Quantity: number }>;
  Totals?: Partial<Totals>;
};

const mergeContact = (c: Contact, o?: ContactOverride): Contact =>
  o ? { ...c, ...o, Address: { ...c.Address, ...o.Address } } : c;

/**
 * Applies overrides to a generated draft. Given lines are completed from the catalog and the
 * money is summed again; explicitly given totals win, so a test can pin an inconsistent order.
 */
export function applyOverrides(d: OrderDraft, o: OrderOverrides, products: Map<string, Product>): OrderDraft {
  const { BillingContact, ShippingContact, SalesItems, Totals, ...top } = o;
  let next: OrderDraft = {
    ...d, ...top,
    BillingContact: mergeContact(d.BillingContact, BillingContact),
    ShippingContact: mergeContact(d.ShippingContact, ShippingContact),
  };
  if (SalesItems) {
    const lines = SalesItems.map((l) => {
      const p = products.get(l.Sku) ?? { Sku: l.Sku, Name: l.Name ?? l.Sku, PriceBase: l.UnitSoldPrice ?? 10 };
      return { ...lineFor(p, l.Quantity, l.UnitSoldPrice ?? p.PriceBase), ...l };
    });
    const region = next.ShippingContact.Address.RegionCode.trim().toUpperCase();
    next = retotal({ ...next, SalesItems: lines }, REGIONS[region]?.taxRate ?? 0.06);
  }
  if (Totals) next = { ...next, Totals: { ...next.Totals, ...Totals } };
  return next;
}
