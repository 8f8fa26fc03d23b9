import { parseClarityOrder } from '../domain/clarity-order';
import type { BuildContext, BuildResult } from './build-types';
import type { MappingConfig } from './config';
import { buildSalesOrder } from './sales-order';

/**
 * A dry run of an order (stored, or pasted JSON): what would happen to the customer, the sales
 * order that would be sent, and every warning and hold, without anything being written. The
 * order flow resolves the customer and items in its read-only mode and hands them in here.
 */

/** The order flow's customer resolution, as far as a preview needs it. */
export type PreviewCustomer =
  | {
    ok: true;
    action: string;
    arDivisionNo: string;
    customerNo: string;
    note?: string;
    customer?: { TaxSchedule?: string | null; TermsCode?: string | null } | null;
  }
  | { ok: false; reason: string; field?: string };

export interface PreviewInput {
  /** The order: already parsed, or raw JSON as pasted. */
  order: unknown;
  customer: PreviewCustomer;
  items: BuildContext['items'];
  availability?: BuildContext['availability'];
  today: string;
}

export type PreviewResult =
  | { ok: false; problems: string[] }
  | (BuildResult & {
    ok: true;
    customerAction: { action: string; text: string };
    /** 'create': the order would go to Sage as shown; 'hold': it would be held for the reasons listed. */
    outcome: 'create' | 'hold';
  });

const ACTION_TEXT: Record<string, string> = {
  linked: 'use the Sage customer linked earlier',
  found_by_email: 'use the Sage customer found by e-mail',
  found_by_name_zip: 'use the Sage customer found by name and ZIP',
  created: 'use the Sage customer just created',
  guest_shared: 'use the shared web customer for guest checkouts',
  would_create: 'create a new Sage customer',
};

export function describeCustomerAction(c: PreviewCustomer): { action: string; text: string } {
  if (!c.ok) return { action: 'hold', text: `hold the order: ${c.reason}` };
  const text = c.note?.trim() || `${ACTION_TEXT[c.action] ?? c.action.replace(/_/g, ' ')} ${c.arDivisionNo}-${c.customerNo}`;
  return { action: c.action, text };
}

export function previewOrder(input: PreviewInput, config: MappingConfig): PreviewResult {
  // Parsing is idempotent, so a stored order and a pasted one take the same path.
  const parsed = parseClarityOrder(input.order);
  if (!parsed.ok) return parsed;
  const c = input.customer;
  const ctx: BuildContext = {
    customer: c.ok
      ? {
        ARDivisionNo: c.arDivisionNo,
        CustomerNo: c.customerNo,
        ...(c.customer?.TaxSchedule && { TaxSchedule: c.customer.TaxSchedule }),
        ...(c.customer?.TermsCode && { TermsCode: c.customer.TermsCode }),
      }
      : { ARDivisionNo: config.customer.division, CustomerNo: '' },
    items: input.items,
    availability: input.availability,
    today: input.today,
  };
  const built = buildSalesOrder(parsed.order, ctx, config);
  if (!c.ok) {
    built.holds.unshift({ code: 'customer', field: c.field ?? 'BillingContact', message: c.reason, fix: 'Link the order to a Sage customer, or change the customer policy in the mapping; then retry.' });
  }
  return { ok: true, ...built, customerAction: describeCustomerAction(c), outcome: built.holds.length ? 'hold' : 'create' };
}

