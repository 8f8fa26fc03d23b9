import { money } from './db/sql';

/**
 * The demo company's tax schedules: one rate per schedule, applied to lines whose item tax class
 * is TX. Real Sage schedules combine several tax codes by jurisdiction; one rate each is enough
 * for a connector, which must never compute or write tax itself.
 */
export const TAX_RATES: Record<string, { desc: string; rate: number }> = {
  WEB: { desc: 'Web orders (combined rate)', rate: 8.25 },
  TX: { desc: 'Texas state and local', rate: 6.25 },
  NONTAX: { desc: 'Non-taxable', rate: 0 },
};

export interface TaxableLine {
  ExtensionAmt: number;
  TaxClass: string | null;
}

export interface Totals {
  TaxableAmt: number;
  NonTaxableAmt: number;
  SalesTaxAmt: number;
}

/**
 * Sage's computation: lines split into taxable and non-taxable by tax class; a header discount
 * reduces both in proportion; tax = taxable × rate, rounded to cents. Freight is not taxed.
 */
export function computeTotals(lines: TaxableLine[], ratePercent: number, discountAmt = 0): Totals {
  let taxable = 0;
  let nonTaxable = 0;
  for (const l of lines) {
    if (l.TaxClass === 'TX') taxable += l.ExtensionAmt;
    else nonTaxable += l.ExtensionAmt;
  }
  const gross = taxable + nonTaxable;
  const taxableShare = gross > 0 ? taxable / gross : 0;
  const taxableAfterDiscount = Math.max(0, taxable - discountAmt * taxableShare);
  return {
    TaxableAmt: money(taxable),
    NonTaxableAmt: money(nonTaxable),
    SalesTaxAmt: money((taxableAfterDiscount * ratePercent) / 100),
  };
}

/** What an order or invoice comes to: merchandise + freight + tax − discount. */
export const documentTotal = (t: Totals, freight: number, discount: number) =>
  money(t.TaxableAmt + t.NonTaxableAmt + freight + t.SalesTaxAmt - discount);
