import type { Clock } from '../../core/clock';
import type { Sage100Client } from '../../connectors/sage100/client';
import type { Db } from '../../db/client';
import { lineSku, type ClarityOrder } from '../../domain/clarity-order';
import type { SageSalesOrderInput } from '../../domain/sage';
import type { MappingConfig } from '../../mapping/config';
import { toCents } from '../../mapping/money';
import { buildSalesOrder, type BuildResult, type Hold } from '../../mapping/sales-order';
import { warehouseFor } from '../../mapping/sku';
import { availableQuantity } from '../../mapping/stock';
import { resolveCustomer, type CustomerResolution } from '../customer/resolve-customer';
import { checkCredit, type CreditOutcome } from './credit';
import type { ItemCache } from './item-cache';
import { addUnknownZips } from './policies';
import { resolveItems, type ItemResolution, type ResolvedItem } from './resolve-items';
import type { Timeline } from './timeline';
import { withSageHold } from './sage-hold';

/**
 * Everything the flow decides before it writes the sales order: the customer, the items, Sage's
 * stock, the built order with its warnings and holds, and the credit check. The same code runs
 * for a real order and for a preview (dryRun: no customer is created, no link saved).
 */
export interface OrderPlan {
  customer: CustomerResolution;
  items: ItemResolution | null;
  availability?: Record<string, number>;
  build: BuildResult | null;
  credit: CreditOutcome | null;
  /** Reasons the order cannot go to Sage; empty means it can. */
  holds: Hold[];
  warnings: string[];
  /** The order to send, with a rule's hold in Sage applied. */
  salesOrder: SageSalesOrderInput | null;
  /** Why the order goes to Sage on hold (credit), for the link; null when it goes open or as the store asked. */
  sageHoldReason: string | null;
}

export interface PlanInput {
  db: Db;
  sage: Sage100Client;
  clock: Clock;
  storeId: string;
  order: ClarityOrder;
  config: MappingConfig;
  itemCache: ItemCache<ResolvedItem>;
  /** Gateway identity, the item cache's scope. */
  scope: string;
  /** Ask Sage about every item again (a retry after someone fixed something). */
  fresh?: boolean;
  dryRun?: boolean;
  /** Create nothing in Sage: a new customer leaves the plan at 'would_create' (see resolveCustomer). */
  noCreate?: boolean;
  timeline?: Timeline;
}

export async function planOrder(p: PlanInput): Promise<OrderPlan> {
  const { order, config, timeline } = p;
  // The customer, and the items with their stock, do not depend on each other: ask Sage about
  // both at once. Stock is read under every policy: even "send all" shows what was short.
  const skus = [...new Set(order.SalesItems.map(lineSku).filter(Boolean))];
  const [customer, [items, availability]] = await Promise.all([
    resolveCustomer({ db: p.db, sage: p.sage, clock: p.clock, addUnknownZips: addUnknownZips(config) }, p.storeId, order, config, { dryRun: p.dryRun, noCreate: p.noCreate }),
    resolveItems(p.sage, skus, config, { cache: p.itemCache, scope: p.scope, fresh: p.fresh })
      .then(async (found) => [found, await stockOf(p.sage, order, found.items, config)] as const),
  ]);
  if (customer.ok) timeline?.info('customer', customer.note);
  timeline?.info('items', itemsSummary(items));
  if (!customer.ok && !p.dryRun) {
    return {
      customer, items, build: null, credit: null, salesOrder: null, sageHoldReason: null, warnings: [],
      holds: [{ code: 'customer', field: customer.field, message: customer.reason, fix: '' }],
    };
  }

  timeline?.info('stock', `available in Sage: ${Object.entries(availability).map(([c, n]) => `${c} ${n}`).join(', ') || 'nothing to check'}`);

  const ctx = {
    customer: customer.ok
      ? { ARDivisionNo: customer.arDivisionNo, CustomerNo: customer.customerNo,
          TaxSchedule: customer.customer?.TaxSchedule ?? undefined, TermsCode: customer.customer?.TermsCode ?? undefined }
      : { ARDivisionNo: config.customer.division, CustomerNo: '(NONE)' },
    items: items.items,
    availability,
    today: todayIn(config.order.timeZone, p.clock.now()),
  };
  const build = buildSalesOrder(order, ctx, config);
  const holds = [...(customer.ok ? [] : [{ code: 'customer' as const, field: customer.field, message: customer.reason, fix: '' }]), ...build.holds];
  const warnings = [...(customer.ok ? customer.draft?.warnings ?? [] : []), ...build.warnings];

  let salesOrder: SageSalesOrderInput = build.salesOrder;
  let credit: CreditOutcome | null = null;
  let sageHoldReason: string | null = null;
  if (config.credit.policy !== 'ignore' && customer.ok && customer.customer && build.holds.length === 0) {
    credit = checkCredit(customer.customer, toCents(order.Totals.Total));
    if (!credit.ok) {
      if (config.credit.policy === 'app-hold') {
        holds.push({ code: 'customer', field: credit.kind === 'credit_hold' ? 'CreditHold' : 'CreditLimit', message: credit.reason, fix: '' });
      } else {
        salesOrder = withSageHold(salesOrder, credit.comment, config);
        sageHoldReason = credit.reason;
        warnings.push(`goes to Sage on hold: ${credit.reason}`);
      }
    }
  }
  return { customer, items, availability, build, credit, holds, warnings, salesOrder, sageHoldReason };
}

/** Sage's availability of each item in the warehouse its line ships from; one read per item. */
async function stockOf(sage: Sage100Client, order: ClarityOrder, items: Record<string, ResolvedItem>, config: MappingConfig): Promise<Record<string, number>> {
  const wanted = new Map<string, string>();
  for (const line of order.SalesItems) {
    const sku = lineSku(line);
    const item = items[sku];
    if (item && !item.inactive && !wanted.has(item.itemCode)) wanted.set(item.itemCode, warehouseFor(config, sku, item.itemCode));
  }
  const out: Record<string, number> = {};
  await Promise.all([...wanted].map(async ([itemCode, warehouse]) => {
    const row = await sage.items.warehouseStock(itemCode, warehouse);
    // No row: Sage has never stocked the item there, so nothing is available.
    out[itemCode] = row ? availableQuantity(row, config.stock.includeOnPurchaseOrder) : 0;
  }));
  return out;
}

function itemsSummary(r: ItemResolution): string {
  const found = Object.entries(r.items).map(([sku, i]) => (sku === i.itemCode ? sku : `${sku} → ${i.itemCode} (${i.source})`) + (i.inactive ? ' [inactive]' : ''));
  const unknown = r.unknown.map((u) => `${u.sku} (not found)`);
  return `items: ${[...found, ...unknown].join(', ') || 'none'}`;
}

/** YYYYMMDD in the merchant's time zone. (Formatters are costly to build: one per zone is kept.) */
export function todayIn(timeZone: string, now: number): string {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
    }
    formatters.set(timeZone, f);
  }
  return f.format(now).replace(/-/g, '');
}
const formatters = new Map<string, Intl.DateTimeFormat>();
