import type { Prng } from '../../catalog/prng';
import type { OrderDraft } from '../repos/orders';
import { money, type Product, type SalesItem, type Totals } from '../types';
import type { GeneratorRates } from './rates';
import { taxRateOf } from './regions';

export type DraftLine = Omit<SalesItem, 'ID'>;

const QUANTITIES = [1, 1, 1, 2, 2, 3, 4, 5, 6, 10, 12, 24, 50, 100];
const LINE_COUNTS = [1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 7];

/** A line for a product at a price; tax is filled in once the ship-to region is known. */
export function lineFor(p: { Sku: string; Name: string; PriceBase: number }, quantity: number, unit = p.PriceBase): DraftLine {
  return {
    Sku: p.Sku, ProductKey: p.Sku, Name: p.Name, Quantity: quantity, UnitSoldPrice: money(unit),
    ExtendedPrice: money(quantity * money(unit)), ExtendedTaxAmount: 0,
    ProductUnitOfMeasure: /PK\d+$/.test(p.Sku) ? 'BX' : 'EA',
  };
}

/**
 * Lines from the store's products: mostly active ones, now and then an inactive item or a SKU
 * the store no longer has (a stale cart). Alias SKUs appear as often as the catalog has them.
 */
export function buildLines(r: Prng, products: Product[], rates: GeneratorRates): DraftLine[] {
  const active = products.filter((p) => p.Active);
  const inactive = products.filter((p) => !p.Active);
  return Array.from({ length: r.pick(LINE_COUNTS) }, () => {
    const qty = r.pick(QUANTITIES);
    if (r.chance(rates.unknownSku)) {
      return lineFor({ Sku: `DISC-${r.int(10000, 99999)}`, Name: 'Discontinued item (from saved cart)', PriceBase: r.int(299, 4999) / 100 }, qty);
    }
    const p = inactive.length && r.chance(rates.inactiveItem) ? r.pick(inactive) : r.pick(active);
    // A sale price now and then: the line's price is not the list price.
    return lineFor(p, qty, r.chance(0.1) ? p.PriceBase * 0.9 : p.PriceBase);
  });
}

export interface TotalParts {
  shipping: number;
  handling?: number;
  fees?: number;
  discounts?: number;
  taxRate: number;
  /** Added to SubTotal after summing: ±0.01 reproduces a storefront's rounding slip. */
  subTotalSlip?: number;
}

/** Fills each line's tax and sums the order: Total = SubTotal + Shipping + Handling + Fees − Discounts + Tax. */
export function sumTotals(lines: DraftLine[], t: TotalParts): { lines: DraftLine[]; totals: Totals } {
  const taxed = lines.map((l) => ({ ...l, ExtendedTaxAmount: money(l.ExtendedPrice * t.taxRate) }));
  const sub = money(taxed.reduce((s, l) => s + l.ExtendedPrice, 0) + (t.subTotalSlip ?? 0));
  const tax = money(taxed.reduce((s, l) => s + l.ExtendedTaxAmount, 0));
  const totals: Totals = {
    SubTotal: sub, Shipping: money(t.shipping), Handling: money(t.handling ?? 0), Fees: money(t.fees ?? 0),
    Discounts: money(t.discounts ?? 0), Tax: tax, Total: 0,
  };
  totals.Total = money(totals.SubTotal + totals.Shipping + totals.Handling + totals.Fees - totals.Discounts + totals.Tax);
  return { lines: taxed, totals };
}

/** The random parts of an order's money: handling, coupons, small-order fees, free shipping, a slip. */
export function pricedLines(r: Prng, lines: DraftLine[], o: { region: string; taxExempt: boolean; shipping: number; rates: GeneratorRates }) {
  const sub = lines.reduce((s, l) => s + l.ExtendedPrice, 0);
  const coupon = r.chance(o.rates.discount) ? (r.chance(0.5) ? money(sub * 0.1) : r.pick([5, 10, 25])) : 0;
  return sumTotals(lines, {
    shipping: sub > 250 && r.chance(0.5) ? 0 : o.shipping,
    handling: r.chance(o.rates.handling) ? r.pick([2.5, 5, 15]) : 0,
    fees: sub < 25 && r.chance(0.3) ? 2.5 : 0,
    discounts: Math.min(coupon, money(sub)),
    taxRate: o.taxExempt ? 0 : taxRateOf(o.region),
    subTotalSlip: r.chance(o.rates.centOff) ? r.pick([-0.01, 0.01]) : 0,
  });
}

/** Recomputes an order's money after its lines were given by hand (the admin's "create order"). */
export function retotal(d: OrderDraft, taxRate: number): OrderDraft {
  const { lines, totals } = sumTotals(d.SalesItems, {
    shipping: d.Totals.Shipping, handling: d.Totals.Handling, fees: d.Totals.Fees, discounts: d.Totals.Discounts, taxRate,
  });
  const payments = d.SalesOrderPayments.length === 1
    ? [{ Slave: { ...d.SalesOrderPayments[0].Slave, Amount: totals.Total } }] : d.SalesOrderPayments;
  return { ...d, SalesItems: lines, Totals: totals, SalesOrderPayments: payments };
}
