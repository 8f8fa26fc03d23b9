import { clarityFulfillment } from '../../connectors/clarity/fulfillment';
import { permanent } from '../../core/errors';
import { recordAudit } from '../../db/repos/audit.repo';
import { getInstallation } from '../../db/repos/installations.repo';
import { saveHashes } from '../../db/repos/sync-hashes.repo';
import type { HandlerOutcome, JobContext } from '../../queue/types';
import { feedContext, type FeedContext, type FeedDeps } from './context';
import { ITEMS_FEED, pushChangedItems } from './items';
import {
  currentFields, driftPatch, fieldDrift, fieldsHash, productPatch, storeOwnedFields, type FieldDrift, type ProductField,
} from './product-fields';
import { itemForSku, type SkuMapChange } from './sku-item';

/**
 * Job 'product.sync' (FEED_JOB.productSync; server/webhooks/topics.ts): a product changed in the store. Sage's gateway
 * has no item write call, so nothing ever goes to Sage. For the fields Sage owns (the items
 * settings; by default price and active), a change made in the store is drift: the product and
 * its Sage item are read now, and each Sage-owned field that differs is put back to Sage's value,
 * with an audit entry holding both values. Changes to fields the store owns are acknowledged. A SKU
 * Sage has no item for succeeds, saying so in the job's result, for the merchant to see.
 *
 * On the way, the SKU's entry of the SKU map is refreshed if the map did not know it (sku-item.ts),
 * and the stock of its item goes out under the new SKU, as the catalog walk would have done.
 */
/** The audit action of a correction; actor 'system:product-sync' (the app acting on its own). */
export const DRIFT_CORRECTED = 'product.drift-corrected';

export interface ProductSyncPayload {
  topic?: string;
  sku: string;
  productId?: string | null;
  updatedDate?: string | null;
}

export type ProductSyncOutcome = 'in-step' | 'corrected' | 'not-in-sage' | 'product-gone' | 'skipped';

export interface ProductSyncResult {
  sku: string;
  outcome: ProductSyncOutcome;
  message: string;
  itemCode?: string;
  skuMap?: SkuMapChange;
  /** Sage-owned fields the store had changed, each with the store's and Sage's value. */
  corrected?: FieldDrift[];
  /** Fields the store owns: its changes there are left alone. */
  storeOwned?: ProductField[];
}

export function productSyncHandler(deps: FeedDeps) {
  return async function productSync(job: JobContext<ProductSyncPayload>): Promise<HandlerOutcome> {
    const sku = job.job.payload?.sku;
    if (typeof sku !== 'string' || sku.length === 0) throw permanent('BadPayload', 'a product.sync job needs the product\'s sku');
    const inst = await getInstallation(deps.db, job.job.storeId);
    if (!inst || inst.status !== 'active') {
      return { status: 'succeeded', result: { sku, outcome: 'skipped', message: 'the store is not installed' } satisfies ProductSyncResult };
    }
    const ctx = await feedContext(deps, job.job.storeId, { log: job.log, signal: job.signal });
    return { status: 'succeeded', result: await syncProduct(ctx, sku, { jobId: job.job.id }) };
  };
}

export async function syncProduct(ctx: FeedContext, sku: string, meta: { jobId?: string } = {}): Promise<ProductSyncResult> {
  const api = clarityFulfillment(ctx.clarity);
  const product = await api.getProduct(sku);
  if (!product) return { sku, outcome: 'product-gone', message: 'The store no longer has this product: nothing to keep in step.' };

  const found = await itemForSku(ctx, sku);
  const s = ctx.settings.items;
  const storeOwned = storeOwnedFields(s);
  if (!found.item) {
    ctx.log.info({ storeId: ctx.storeId, sku, reason: found.reason }, 'store product with no Sage item');
    return {
      sku, outcome: 'not-in-sage', skuMap: found.skuMap, storeOwned,
      message: `Not in Sage: ${found.reason}. The store sells it without Sage, so no field is kept in step.`,
    };
  }
  const item = found.item;
  const base = { sku, itemCode: item.ItemCode, skuMap: found.skuMap, storeOwned };
  if (!s.enabled) {
    return { ...base, outcome: 'skipped', message: 'The items feed is off in the settings: Sage\'s fields are not enforced.' };
  }

  const want = productPatch(item, s);
  const drift = fieldDrift(want, currentFields(product, s));
  if (drift.length) {
    const patched = await api.patchProduct(sku, driftPatch(drift));
    if (!patched) return { ...base, outcome: 'product-gone', message: 'The store deleted this product while it was being corrected.' };
    await recordAudit(ctx.db, {
      storeId: ctx.storeId, actor: 'system:product-sync', action: DRIFT_CORRECTED, subject: `product:${sku}`,
      reason: `Changed in the store, but Sage owns ${drift.map((d) => d.field).join(', ')}: put back to Sage's ${drift.length > 1 ? 'values' : 'value'}`,
      detail: { sku, productId: product.ID ?? null, itemCode: item.ItemCode, fields: drift, jobId: meta.jobId ?? null },
      at: ctx.clock.now(),
    });
  }
  // The store now shows Sage's values: the items feed pushes this product again only when Sage moves.
  if (Object.keys(want).length) await saveHashes(ctx.db, ctx.storeId, ITEMS_FEED, [[sku, fieldsHash(want)]], ctx.clock.now());
  if (found.changedItems.length) await pushChangedItems(ctx, found.changedItems, () => {});

  if (!drift.length) return { ...base, outcome: 'in-step', corrected: [], message: 'The store shows Sage\'s values of the fields Sage owns.' };
  return {
    ...base, outcome: 'corrected', corrected: drift,
    message: `Put back to Sage's values: ${drift.map((d) => `${d.field} ${fmt(d.store)} → ${fmt(d.sage)}`).join('; ')}.`,
  };
}

const fmt = (v: unknown) => (v === null || v === undefined ? '(empty)' : typeof v === 'string' ? JSON.stringify(v) : String(v));
