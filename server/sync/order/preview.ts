import { systemClock, type Clock } from '../../core/clock';
import { permanent } from '../../core/errors';
import type { ClarityOrders } from '../../connectors/clarity/orders';
import type { Db } from '../../db/client';
import { listSubjectDeliveries } from '../../db/repos/deliveries.repo';
import { getMappingInForce } from '../../db/repos/mapping.repo';
import { getOrderLink } from '../../db/repos/order-links.repo';
import { clarityOrderId, parseClarityOrder } from '../../domain/clarity-order';
import type { SageSalesOrderInput } from '../../domain/sage';
import type { BuildTotals, Hold } from '../../mapping/sales-order';
import type { SageGateways } from '../sage-gateway';
import { ItemCache } from './item-cache';
import { planOrder } from './plan-order';
import type { ResolvedItem } from './resolve-items';
import { Timeline } from './timeline';

/**
 * A dry run of an order: what the connector would do with it now — the customer it would use or
 * create, the item each SKU becomes, the sales order it would send, every warning and every
 * hold — without changing anything. Sage is only read (the client refuses writes before they
 * leave), nothing is written to the connector's database, and nothing is sent to Clarity.
 */
export interface PreviewDeps {
  db: Db;
  gateways: SageGateways;
  clock?: Clock;
  /** Fetches an order the connector never received (no stored event) from the store. */
  clarityFor?: (storeId: string) => Promise<ClarityOrders>;
}

export interface OrderPreview {
  orderId: string | null;
  orderKey: string | null;
  valid: boolean;
  /** Why the order cannot be read, field by field (valid: false). */
  problems: string[];
  /** What already happened to this order, if anything. */
  existing: { state: string; salesOrderNo: string | null; holdReason: string | null } | null;
  customer: { action: string; arDivisionNo?: string; customerNo?: string; note?: string; wouldCreate?: unknown; reason?: string } | null;
  items: Array<{ sku: string; itemCode?: string; source?: string; inactive?: boolean; problem?: string }>;
  availability?: Record<string, number>;
  salesOrder: SageSalesOrderInput | null;
  totals: BuildTotals | null;
  credit: { ok: boolean; reason?: string } | null;
  warnings: string[];
  holds: Hold[];
  /** True when the order would go to Sage as it stands. */
  wouldSend: boolean;
  /** Every Sage read the preview made, and the steps it took, as the order timeline would show them. */
  steps: Array<{ step: string; level: string; message: string }>;
  mappingVersion: number;
}

/** Preview of an order the connector has (its newest stored event), or else fetched from the store. */
export async function previewStoredOrder(deps: PreviewDeps, storeId: string, orderId: string | number): Promise<OrderPreview> {
  const [latest] = await listSubjectDeliveries(deps.db, storeId, 'order', String(orderId), 1);
  let data: unknown;
  if (latest) {
    const body = JSON.parse(latest.body) as { data?: unknown };
    data = body?.data ?? body;
  } else if (deps.clarityFor) {
    data = await (await deps.clarityFor(storeId)).getOrder(orderId);
  } else {
    throw permanent('OrderNotFound', `order ${orderId} has not reached the connector; paste its JSON to preview it`, { status: 404 });
  }
  return previewPayload(deps, storeId, data);
}

/** Preview of an order given as JSON (the order itself, or a whole webhook body with `data`). */
export async function previewPayload(deps: PreviewDeps, storeId: string, json: unknown): Promise<OrderPreview> {
  const clock = deps.clock ?? systemClock;
  const data = json && typeof json === 'object' && 'data' in json && 'type' in json ? (json as { data: unknown }).data : json;
  const parsed = parseClarityOrder(data);
  const mapping = await getMappingInForce(deps.db, storeId);
  const base: OrderPreview = {
    orderId: null, orderKey: null, valid: false, problems: [], existing: null, customer: null, items: [], salesOrder: null,
    totals: null, credit: null, warnings: [], holds: [], wouldSend: false, steps: [], mappingVersion: mapping.version,
  };
  if (!parsed.ok) return { ...base, problems: parsed.problems };
  const order = parsed.order;
  const orderId = clarityOrderId(order);
  const link = await getOrderLink(deps.db, { storeId, clarityOrderId: orderId });
  const gw = await deps.gateways.forStore(storeId);
  const timeline = new Timeline(clock, null);
  const sage = gw.client.readOnly().observed(timeline.sageObserver);
  const plan = await planOrder({
    db: deps.db, sage, clock, storeId, order, config: mapping.config, itemCache: new ItemCache<ResolvedItem>(clock),
    scope: gw.scope, fresh: true, dryRun: true, timeline,
  });
  const c = plan.customer;
  return {
    ...base,
    orderId,
    orderKey: order.CustomKey ?? orderId,
    valid: true,
    existing: link ? { state: link.state, salesOrderNo: link.salesOrderNo, holdReason: link.holdReason } : null,
    customer: c.ok
      ? { action: c.action, arDivisionNo: c.arDivisionNo, customerNo: c.customerNo, note: c.note, wouldCreate: c.draft?.input }
      : { action: 'hold', reason: c.reason },
    items: [
      ...Object.entries(plan.items?.items ?? {}).map(([sku, i]) => ({ sku, itemCode: i.itemCode, source: i.source, inactive: i.inactive })),
      ...(plan.items?.unknown ?? []).map((u) => ({ sku: u.sku, problem: u.reason })),
    ],
    availability: plan.availability,
    salesOrder: plan.salesOrder,
    totals: plan.build?.totals ?? null,
    credit: plan.credit ? (plan.credit.ok ? { ok: true } : { ok: false, reason: plan.credit.reason }) : null,
    warnings: plan.warnings,
    holds: plan.holds,
    wouldSend: plan.holds.length === 0 && plan.salesOrder !== null && link?.state !== 'created' && link?.state !== 'cancelled',
    steps: timeline.take().map((e) => ({ step: e.step, level: e.level, message: e.message })),
  };
}
