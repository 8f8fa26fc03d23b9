import { clarityFulfillment } from '../../connectors/clarity/fulfillment';
import { sage100ClientOver } from '../../connectors/sage100/client';
import { loadFeedState, markWalked, saveWatermark } from '../../db/repos/feed-states.repo';
import { itemsForSkus, saveItemSkus, type ItemSku } from '../../db/repos/item-skus.repo';
import { saveHashes } from '../../db/repos/sync-hashes.repo';
import { currentFields, fieldsHash } from './product-fields';
import { ItemCache } from '../order/item-cache';
import { resolveItems, type ResolvedItem, type UnresolvedItem } from '../order/resolve-items';
import type { FeedContext } from './context';

/**
 * The ItemCode → SKU map the feeds push under. Clarity's catalog is walked (only products changed
 * since the last walk, unless `full`), and each SKU resolved the way orders resolve it — the SKU
 * overrides, then Sage's aliases, then the SKU as an item code — so both directions agree. Sage
 * aliases have no change feed, so a full walk runs daily and with every items resync and backfill.
 *
 * Returns the items whose SKUs changed (a new product, an alias moved), so their stock and
 * product fields can be pushed at once rather than on their next change in Sage.
 */
export const SKU_MAP_FEED = 'sku-map';
/** The items feed's hashes (sync_hashes.feed), which the refresh keeps in step with the store. */
const ITEMS_FEED = 'items';
const OVERLAP_MS = 60_000;
const CONCURRENCY = 16;
/** Sage aliases change without a trace in any feed: the whole catalog is walked again this often. */
const FULL_EVERY_MS = 24 * 3_600_000;

export interface SkuMapResult {
  products: number;
  full: boolean;
  mapped: number;
  unresolved: number;
  changedItems: string[];
}

export async function refreshSkuMap(ctx: FeedContext, opts: { full?: boolean } = {}): Promise<SkuMapResult> {
  const key = { storeId: ctx.storeId, feed: SKU_MAP_FEED };
  const state = await loadFeedState(ctx.db, key, ctx.clock.now());
  // The row's lastSuccessAt is when the whole catalog was last walked.
  const full = opts.full || !state.watermark || ctx.clock.now() - (state.lastSuccessAt ?? 0) >= FULL_EVERY_MS;
  const from = full ? undefined : new Date(Date.parse(state.watermark!) - OVERLAP_MS).toISOString();
  const cache = new ItemCache<ResolvedItem>(ctx.clock, 60_000);
  const changed = new Set<string>();
  let newest = state.watermark;
  let products = 0;
  let mapped = 0;
  let unresolved = 0;

  for await (const page of clarityFulfillment(ctx.clarity).listProducts({ modifiedSince: from, pageSize: 100 })) {
    const skus = page.products.map((p) => p.Sku);
    const { found, unknown, changedItems } = await mapSkus(ctx, skus, cache);
    for (const code of changedItems) changed.add(code);
    // What the store shows now, so the items feed patches only fields that really differ.
    await saveHashes(ctx.db, ctx.storeId, ITEMS_FEED, page.products.map((p) => [p.Sku, fieldsHash(currentFields(p, ctx.settings.items))]), ctx.clock.now());
    products += skus.length;
    mapped += found.length;
    unresolved += unknown.length;
    for (const p of page.products) if (p.UpdatedDate && (!newest || p.UpdatedDate > newest)) newest = p.UpdatedDate;
  }
  await saveWatermark(ctx.db, key, { watermark: newest, seen: [] }, ctx.clock.now());
  if (full) await markWalked(ctx.db, key, ctx.clock.now());
  if (unresolved) ctx.log.info({ storeId: ctx.storeId, unresolved }, 'store SKUs with no Sage item');
  return { products, full, mapped, unresolved, changedItems: [...changed] };
}

export interface MappedSkus {
  found: ItemSku[];
  /** SKUs Sage knows under no item, with the reason in words. */
  unknown: UnresolvedItem[];
  /** Items whose SKUs this changed (gained one, lost one). */
  changedItems: string[];
}

/**
 * Resolves these SKUs afresh (override, alias, same code) and saves what each maps to now,
 * forgetting those that map to nothing. The catalog walk calls it page by page; a product webhook
 * calls it for its one SKU (refreshSkuEntry).
 */
export async function mapSkus(ctx: FeedContext, skus: string[], cache: ItemCache<ResolvedItem>): Promise<MappedSkus> {
  const sage = sage100ClientOver(ctx.sage);
  const before = await itemsForSkus(ctx.db, ctx.storeId, skus);
  const found: ItemSku[] = [];
  const unknown: UnresolvedItem[] = [];
  for (let i = 0; i < skus.length; i += CONCURRENCY) {
    const chunk = skus.slice(i, i + CONCURRENCY);
    const res = await resolveItems(sage, chunk, ctx.config, { cache, scope: ctx.storeId, fresh: true });
    for (const sku of chunk) {
      const item = res.items[sku];
      if (item) found.push({ sku, itemCode: item.itemCode, source: item.source });
    }
    unknown.push(...res.unknown);
  }
  const changed = new Set<string>();
  for (const f of found) {
    const was = before.get(f.sku);
    if (was !== f.itemCode) {
      changed.add(f.itemCode);
      if (was) changed.add(was);
    }
  }
  for (const u of unknown) {
    const was = before.get(u.sku);
    if (was) changed.add(was);
  }
  await saveItemSkus(ctx.db, ctx.storeId, found, unknown.map((u) => u.sku), ctx.clock.now());
  return { found, unknown, changedItems: [...changed] };
}

/** One SKU's entry of the map, refreshed now (a product the store just added or changed). */
export async function refreshSkuEntry(ctx: FeedContext, sku: string): Promise<{ entry: ItemSku | null; unknown: UnresolvedItem | null; changedItems: string[] }> {
  const r = await mapSkus(ctx, [sku], new ItemCache<ResolvedItem>(ctx.clock, 60_000));
  return { entry: r.found[0] ?? null, unknown: r.unknown[0] ?? null, changedItems: r.changedItems };
}
