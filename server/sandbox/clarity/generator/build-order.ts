import type { Prng } from '../../catalog/prng';
import { SHIP_VIA } from '../../catalog/lookups';
import type { OrderDraft } from '../repos/orders';
import type { Contact, Customer, Product } from '../types';
import { messyAddress, messyEmail, messyPhone } from './mess';
import { paymentFor, splitWithGiftCard, type PaymentKind } from './payments';
import type { GeneratorRates } from './rates';
import { buildLines, pricedLines } from './totals';

export interface FollowUp { action: 'update' | 'cancel'; statusKey: string; afterMs: number }
export interface BuiltOrder { draft: OrderDraft; followUp: FollowUp | null }

/** Who is buying: a store account, or a guest given only as a contact. */
export type Buyer = { kind: 'account'; customer: Customer } | { kind: 'guest'; contact: Contact };

const SHIPPING_PRICE: Record<string, number> = {
  Ground: 9.95, '2nd Day Air': 24.5, 'Next Day Air': 42, '2Day': 21.75, 'Priority Mail': 8.7, 'Will Call': 0,
};
const SHORT_NOTES = ['Leave at dock 3', 'Call before delivery', 'Deliver to side door', 'Need by Friday!', 'Gate code 4512#',
  'Please ship complete', 'Job site: ask for Mike'];
const LONG_NOTE_PARTS = ['Please deliver between 7am and 11am only; the receiving dock closes at noon on weekdays.',
  'If the driver cannot reach anyone, call the site foreman at 512-555-0199 and leave the pallet inside the fence.',
  'We are tax exempt: certificate on file with your accounts team since last spring, please check before invoicing.',
  'Substitutions are fine for the gloves but not for the valves, which must match the spec sheet exactly.',
  'Ship the backordered items separately as they come in rather than holding the whole order.'];

export const contactOf = (c: Customer): Contact => ({
  FirstName: c.FirstName, LastName: c.LastName, Email1: c.Email, Phone1: c.Phone, Address: { ...c.Address },
});

/** A web order as a real storefront would hand it over, messy where shoppers make it so. */
export function buildOrder(r: Prng, ctx: { products: Product[]; buyer: Buyer; elsewhere: Contact; rates: GeneratorRates }): BuiltOrder {
  const { rates, buyer } = ctx;
  const base = buyer.kind === 'account' ? contactOf(buyer.customer) : buyer.contact;
  const billing = messContact(r, base, rates);
  const shipTo = r.chance(rates.shipElsewhere) ? ctx.elsewhere : null;
  const shipping = shipTo ? messContact(r, shipTo, rates) : { ...billing, Address: { ...billing.Address } };
  const via = r.pick(SHIP_VIA);
  const company = base.Address.Company ?? null;
  const taxExempt = buyer.kind === 'account' && company !== null && r.chance(0.15);

  // Tax follows the ship-to region as the shopper's address book has it, before any mess.
  const { lines, totals } = pricedLines(r, buildLines(r, ctx.products, rates), {
    region: (shipTo ?? base).Address.RegionCode, taxExempt, rates, shipping: SHIPPING_PRICE[via.method] ?? 12.5,
  });

  const onAccount = buyer.kind === 'account' && company !== null && r.chance(0.25);
  const kind: PaymentKind = onAccount ? 'account' : r.pick(['stripe', 'stripe', 'stripe', 'paypal', 'authnet', 'authnet']);
  const captured = kind === 'paypal' || r.chance(0.8);
  const single = paymentFor(r, kind, totals.Total, captured);
  const payments = kind !== 'account' && kind !== 'paypal' && r.chance(rates.giftCardSplit)
    ? splitWithGiftCard(r, single, totals.Total) : [single];

  let status = onAccount ? 'Confirmed' : !captured ? 'Pending' : r.chance(0.7) ? 'Processing' : 'Full Payment Received';
  if (r.chance(rates.onHold)) status = 'On Hold';

  const draft: OrderDraft = {
    StatusKey: status, TypeKey: 'Web',
    AccountID: buyer.kind === 'account' ? buyer.customer.ID : null,
    AccountKey: buyer.kind === 'account' ? buyer.customer.CustomKey : null,
    UserID: buyer.kind === 'account' ? 40_000 + buyer.customer.ID : null,
    PurchaseOrderNumber: purchaseOrder(r, company !== null, onAccount),
    CurrencyKey: 'USD',
    Notes: r.chance(rates.longNotes) ? longNote(r) : r.chance(rates.notes) ? r.pick(SHORT_NOTES) : null,
    BillingContact: billing, ShippingContact: shipping,
    SalesItems: lines, Totals: totals,
    ShippingDetail: { CarrierName: via.carrier, CarrierMethodName: via.method },
    SalesOrderPayments: payments.map((p) => ({ Slave: p })),
    SerializableAttributes: {},
  };
  return { draft, followUp: followUpFor(r, status, via.carrier, rates) };
}

function messContact(r: Prng, c: Contact, rates: GeneratorRates): Contact {
  return { ...c, Email1: messyEmail(r, c.Email1), Phone1: messyPhone(r, c.Phone1 ?? null), Address: messyAddress(r, c.Address, rates.mess) };
}

function purchaseOrder(r: Prng, business: boolean, onAccount: boolean): string | null {
  if (!onAccount && !(business && r.chance(0.4))) return null;
  // Some buyers paste their whole job reference, longer than Sage's 15-character CustomerPONo.
  return r.chance(0.15) ? `PO ${2026}-${r.int(10, 12)}-JOBSITE-${r.int(100, 999)}-ROOFING` : `PO-${r.int(1000, 99999)}`;
}

function longNote(r: Prng): string {
  const start = r.int(0, LONG_NOTE_PARTS.length - 1);
  const n = r.int(2, LONG_NOTE_PARTS.length);
  return Array.from({ length: n }, (_, i) => LONG_NOTE_PARTS[(start + i) % LONG_NOTE_PARTS.length]).join(' ');
}

function followUpFor(r: Prng, status: string, carrier: string, rates: GeneratorRates): FollowUp | null {
  const later = (minMin: number, maxMin: number) => r.int(minMin, maxMin) * 60_000;
  if (status === 'On Hold') {
    return r.chance(0.8) ? { action: 'update', statusKey: 'Processing', afterMs: later(2, 20) }
      : { action: 'cancel', statusKey: 'Void', afterMs: later(2, 20) };
  }
  if (status === 'Pending') return { action: 'update', statusKey: 'Full Payment Received', afterMs: later(1, 10) };
  if (r.chance(rates.cancelLater)) return { action: 'cancel', statusKey: 'Void', afterMs: later(1, 30) };
  if (carrier === 'Pickup' && r.chance(0.5)) return { action: 'update', statusKey: 'Ready for Pickup', afterMs: later(30, 120) };
  return null;
}
