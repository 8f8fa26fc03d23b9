import { clarityFulfillment, type ProductPatch } from '../../connectors/clarity/fulfillment';
import { fieldsHash, productPatch } from './product-fields';
import { sage100ClientOver } from '../../connectors/sage100/client';
import { sageFeeds, type SageItemRow } from '../../connectors/sage100/feeds';
import { loadLevels, type WarehouseQuantities } from '../../db/repos/inventory-levels.repo';
import { skusForItems } from '../../db/repos/item-skus.repo';
import { loadHashes, saveHashes } from '../../db/repos/sync-hashes.repo';
import type { FeedContext } from './context';
import { pushItemLevels } from './inventory/push';
import { readFeed, type ReadFeedResult } from './read-feed';
import { refreshSkuMap, type SkuMapResult } from './sku-map';

/**
 * Items and prices: Sage's description, price and inactive flag → the Clarity product, for the
 * fields the settings say Sage owns. Only products the store sells are patched (the SKU map says
 * which), and only when the owned fields differ from what the store last showed or was sent (the
 * SKU map refresh records what the store's products show, so a first sync patches only those
 * that really differ).
 */
export const ITEMS_FEED = 'items';

export interface ProductCounts {
  patched: number;
  unchanged: number;
  notInStore: number;
  missing: number;
}

export async function pushProducts(ctx: FeedContext, items: SageItemRow[], force = false): Promise<ProductCounts> {
  const counts = { patched: 0, unchanged: 0, notInStore: 0, missing: 0 };
  const skus = await skusForItems(ctx.db, ctx.storeId, items.map((i) => i.ItemCode));
  const wanted: Array<{ sku: string; patch: ProductPatch; hash: string }> = [];
  for (const item of items) {
    const list = skus.get(item.ItemCode);
    if (!list) { counts.notInStore++; continue; }
    const patch = productPatch(item, ctx.settings.items);
    if (Object.keys(patch).length === 0) continue;
    for (const sku of list) wanted.push({ sku, patch, hash: fieldsHash(patch) });
  }
  const hashes = force ? new Map<string, string>() : await loadHashes(ctx.db, ctx.storeId, ITEMS_FEED, wanted.map((w) => w.sku));
  const api = clarityFulfillment(ctx.clarity);
  const done: Array<[string, string]> = [];
  for (const w of wanted) {
    if (hashes.get(w.sku) === w.hash) { counts.unchanged++; continue; }
    const product = await api.patchProduct(w.sku, w.patch);
    if (product) counts.patched++;
    else counts.missing++;
    // A product deleted from the store is hashed too: asking again each poll would not bring it back.
    done.push([w.sku, w.hash]);
  }
  await saveHashes(ctx.db, ctx.storeId, ITEMS_FEED, done, ctx.clock.now());
  return counts;
}

export interface ItemsRunResult extends ReadFeedResult {
  skuMap: SkuMapResult;
  counts: ProductCounts;
}

/** One poll (or, with `full`, a resync or backfill) of the items feed. */
export async function runItemsFeed(ctx: FeedContext, opts: { full?: boolean; progress?: boolean } = {}): Promise<ItemsRunResult> {
  const skuMap = await refreshSkuMap(ctx, { full: opts.full });
  const counts = { patched: 0, unchanged: 0, notInStore: 0, missing: 0 };
  const add = (c: ProductCounts) => { for (const k of Object.keys(c) as Array<keyof ProductCounts>) counts[k] += c[k]; };
  const result = await readFeed<SageItemRow>(ctx, {
    feed: ITEMS_FEED,
    full: opts.full,
    progress: opts.progress ? { kind: opts.full ? 'resync' : 'backfill', startedAt: ctx.clock.now(), counts } : undefined,
    read: (since) => sageFeeds(ctx.sage).items({ since, pageSize: 500, signal: ctx.signal }),
    handle: async (rows) => {
      const c = await pushProducts(ctx, rows.map((r) => r.row), opts.full);
      add(c);
      return c.patched;
    },
  });
  if (skuMap.changedItems.length) await pushChangedItems(ctx, skuMap.changedItems, add);
  return { ...result, skuMap, counts };
}

/**
 * Items whose SKUs just changed: their product fields (where they differ from the store's) and
 * their stock (whatever the hashes say: a level sent before under another SKU says nothing) go out now.
 * Called after the catalog walk, and after a product webhook mapped its SKU afresh (product-sync.ts).
 */
export async function pushChangedItems(ctx: FeedContext, itemCodes: string[], add: (c: ProductCounts) => void): Promise<void> {
  const sage = sage100ClientOver(ctx.sage);
  for (let i = 0; i < itemCodes.length; i += 200) {
    const chunk = itemCodes.slice(i, i + 200);
    const items: SageItemRow[] = [];
    for (let j = 0; j < chunk.length; j += 16) {
      const got = await Promise.all(chunk.slice(j, j + 16).map((code) => sage.items.get(code)));
      for (const item of got) if (item) items.push(item);
    }
    // Not forced: the refresh recorded what the store shows, so only real differences go out.
    add(await pushProducts(ctx, items));
    const byItem = new Map<string, WarehouseQuantities[]>(chunk.map((c) => [c, []]));
    for (const q of await loadLevels(ctx.db, ctx.storeId, chunk)) byItem.get(q.itemCode)!.push(q);
    await pushItemLevels(ctx, byItem, { force: true });
  }
}
