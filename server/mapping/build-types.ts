import type { SageSalesOrderInput } from '../domain/sage';
import type { Cents } from './money';

/** What the order flow found out from Sage before the order is built. */
export interface BuildContext {
  customer: { ARDivisionNo: string; CustomerNo: string; TaxSchedule?: string; TermsCode?: string };
  /** Resolved items by Clarity SKU (as on the line). A SKU missing here is unknown to Sage. */
  items: Record<string, ResolvedSku>;
  /** Sage availability by ItemCode (stockPolicy), already by the configured formula; absent = not checked. */
  availability?: Record<string, number>;
  /** Today in the merchant's time zone, YYYYMMDD. */
  today: string;
}

export interface ResolvedSku {
  itemCode: string;
  description?: string;
  inactive?: boolean;
  misc?: boolean;
  source: 'override' | 'alias' | 'same' | 'misc';
}

/** Why an order cannot go to Sage as it stands: what, which field, and what to do, in plain words. */
export interface Hold {
  code: HoldCode;
  field?: string;
  message: string;
  fix: string;
}

export type HoldCode =
  | 'no-lines'
  | 'quantity'
  | 'unknown-sku'
  | 'inactive-item'
  | 'stock-short'
  | 'total-mismatch'
  | 'ship-to-address'
  | 'currency'
  | 'status'
  | 'customer';

export interface BuildTotals {
  /**
   * What Sage's total must equal. With tax by Sage tax schedule, Sage computes the tax itself
   * after the order is written, so the comparison is BEFORE tax: Clarity's Total − Clarity's
   * Tax against Sage's lines + freight. With tax as a charge line it is the full Total against
   * lines + freight (the tax line included).
   */
  basis: 'before-tax' | 'with-tax';
  clarityCents: Cents;
  sageCents: Cents;
  /** Clarity's tax: the amount to compare with Sage's SalesTaxAmt after the create (before-tax basis). */
  clarityTaxCents: Cents;
  /** How sageCents is made up. */
  parts: { itemsCents: Cents; freightCents: Cents; chargesCents: Cents; discountCents: Cents; taxLineCents: Cents };
}

export interface BuildResult {
  salesOrder: SageSalesOrderInput;
  warnings: string[];
  holds: Hold[];
  totals: BuildTotals;
}
