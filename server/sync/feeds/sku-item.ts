import { sage100ClientOver } from '../../connectors/sage100/client';
import type { SageItemRow } from '../../connectors/sage100/feeds';
import { itemsForSkus, type ItemSku } from '../../db/repos/item-skus.repo';
import { skuOverride } from '../../mapping/sku';
import type { FeedContext } from './context';
import { refreshSkuEntry } from './sku-map';

/**
 * The Sage item behind one store SKU, read now. The SKU map answers first (one read of the item);
 * a SKU the map does not know yet, one whose entry the item map now overrides, or one whose item
 * has left Sage is mapped afresh (override, alias, same code: sku-map.ts), so the map is right at
 * once rather than on the next catalog walk.
 */
export type SkuMapChange = 'known' | 'added' | 'changed' | 'removed' | 'unmapped';

export interface SkuItem {
  item: SageItemRow | null;
  source: ItemSku['source'] | null;
  /** What this did to the SKU's entry in the map. */
  skuMap: SkuMapChange;
  /** Why Sage has no item for the SKU, in words (null when it has one). */
  reason: string | null;
  /** Items whose SKUs changed with this entry (their stock is due under the new SKU). */
  changedItems: string[];
}

export async function itemForSku(ctx: FeedContext, sku: string): Promise<SkuItem> {
  const sage = sage100ClientOver(ctx.sage);
  const known = (await itemsForSkus(ctx.db, ctx.storeId, [sku])).get(sku);
  const override = skuOverride(ctx.config, sku);
  if (known && (!override || override.toUpperCase() === known.toUpperCase())) {
    const item = await sage.items.get(known);
    if (item) return { item, source: null, skuMap: 'known', reason: null, changedItems: [] };
    // Known, but Sage no longer has that item: the SKU may now be another item's alias.
  }
  const fresh = await refreshSkuEntry(ctx, sku);
  if (!fresh.entry) {
    return {
      item: null, source: null, skuMap: known ? 'removed' : 'unmapped',
      reason: fresh.unknown?.reason ?? `Sage has no item for SKU "${sku}"`, changedItems: fresh.changedItems,
    };
  }
  const item = await sage.items.get(fresh.entry.itemCode);
  const skuMap: SkuMapChange = known === fresh.entry.itemCode ? 'known' : known ? 'changed' : 'added';
  return {
    item, source: fresh.entry.source, skuMap,
    reason: item ? null : `item ${fresh.entry.itemCode} left Sage while SKU "${sku}" was being mapped`,
    changedItems: fresh.changedItems,
  };
}
