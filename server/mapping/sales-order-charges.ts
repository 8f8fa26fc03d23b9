import type { ClarityOrder } from '../domain/clarity-order';
import type { SageLine } from '../domain/sage';
import type { MappingConfig } from './config';
import { centsOrZero, centsToAmount, type Cents } from './money';

/**
 * Order-level money: freight to FreightAmt (or a charge line), handling and fees to charge
 * lines (item type 3) with the configured item codes and GL accounts, a discount as one negative
 * charge line, and tax either left to Sage's tax schedule or written as a charge line.
 */

export interface Charges {
  lines: SageLine[];
  freightCents: Cents;
  /** Handling, fees and freight when it is a line. */
  chargesCents: Cents;
  discountCents: Cents;
  taxLineCents: Cents;
  taxSchedule?: string;
}

function chargeLine(itemCode: string, cents: Cents, desc: string, glAccount?: string, itemType: 3 | 5 = 3): SageLine {
  return {
    ItemType: itemType,
    ItemCode: itemCode,
    ItemCodeDesc: desc,
    QuantityOrdered: 1,
    UnitPrice: centsToAmount(cents),
    ...(glAccount && { SalesAcctKey: glAccount }),
  };
}

/** The discount amount, as a positive number of cents; Clarity sends it positive, some sites negative. */
export function discountOf(order: ClarityOrder): Cents {
  return Math.abs(centsOrZero(order.Totals.Discounts));
}

export function buildCharges(order: ClarityOrder, config: MappingConfig, discountLineCents: Cents, customerTaxSchedule?: string): Charges {
  const t = order.Totals;
  const c = config.charges;
  const lines: SageLine[] = [];
  const shipping = centsOrZero(t.Shipping);
  const handling = centsOrZero(t.Handling);
  const fees = centsOrZero(t.Fees);
  let freightCents = 0;
  let chargesCents = 0;

  const toFreight = shipping + (c.handling.mode === 'freight' ? handling : 0);
  if (c.freight.mode === 'header') freightCents = toFreight;
  else if (toFreight !== 0) {
    lines.push(chargeLine(c.freight.itemCode, toFreight, 'Freight', c.freight.glAccount));
    chargesCents += toFreight;
  }
  if (c.handling.mode === 'charge-line' && handling !== 0) {
    lines.push(chargeLine(c.handling.itemCode, handling, 'Handling', c.handling.glAccount));
    chargesCents += handling;
  }
  if (fees !== 0) {
    lines.push(chargeLine(c.fees.itemCode, fees, 'Fees', c.fees.glAccount));
    chargesCents += fees;
  }
  if (discountLineCents > 0) lines.push(chargeLine(c.discount.itemCode, -discountLineCents, 'Discount', c.discount.glAccount, c.discount.itemType));

  let taxLineCents = 0;
  let taxSchedule: string | undefined;
  if (config.tax.mode === 'charge-line') {
    taxLineCents = centsOrZero(t.Tax);
    if (taxLineCents !== 0) lines.push(chargeLine(config.tax.itemCode, taxLineCents, 'Sales tax', config.tax.glAccount));
    taxSchedule = config.tax.taxSchedule;
  } else {
    // Sage computes the tax from this schedule; with none given it uses the customer's own.
    taxSchedule = config.tax.taxSchedule ?? customerTaxSchedule;
  }
  return { lines, freightCents, chargesCents, discountCents: discountLineCents, taxLineCents, taxSchedule };
}
