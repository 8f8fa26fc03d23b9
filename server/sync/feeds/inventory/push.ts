import type { InStatement } from '@libsql/client';
import { clarityFulfillment, type InventoryLevel } from '../../../connectors/clarity/fulfillment';
import type { WarehouseQuantities } from '../../../db/repos/inventory-levels.repo';
import { skusForItems } from '../../../db/repos/item-skus.repo';
import { writeBatch } from '../../../db/repos/raw-client';
import { hashUpsertStatements, loadHashes } from '../../../db/repos/sync-hashes.repo';
import type { FeedContext } from '../context';
import { inventoryRecordKey, levelHash, locationQuantities } from './levels';

export const INVENTORY_FEED = 'inventory';

export interface PushCounts {
  pushed: number;
  unchanged: number;
  unknown: number;
}

/**
 * Computes the available quantity of each (SKU, location) of these items from their warehouse
 * rows, and pushes only the ones whose hash differs from what was last pushed (all of them when
 * `force`). Hashes and the caller's `extra` statements (the warehouse rows) are written together
 * after Clarity took every batch, so a failed push leaves nothing marked as done.
 *
 * SKUs Clarity does not know are hashed too: a poll re-reading the same rows must not push them
 * again. When the store later adds the product, the SKU map refresh pushes its item afresh.
 */
export async function pushItemLevels(
  ctx: FeedContext, byItem: Map<string, WarehouseQuantities[]>, opts: { force?: boolean; extra?: InStatement[] } = {},
): Promise<PushCounts> {
  const itemCodes = [...byItem.keys()];
  const skus = await skusForItems(ctx.db, ctx.storeId, itemCodes);
  const desired: InventoryLevel[] = [];
  for (const code of itemCodes) {
    const perLocation = locationQuantities(byItem.get(code) ?? [], ctx.settings.inventory);
    for (const sku of skus.get(code) ?? [code]) {
      for (const [LocationKey, Quantity] of perLocation) desired.push({ Sku: sku, LocationKey, Quantity });
    }
  }
  const hashes = opts.force ? new Map<string, string>() : await loadHashes(ctx.db, ctx.storeId, INVENTORY_FEED, desired.map((d) => inventoryRecordKey(d.Sku, d.LocationKey)));
  const toPush: InventoryLevel[] = [];
  const entries: Array<[string, string]> = [];
  for (const d of desired) {
    const key = inventoryRecordKey(d.Sku, d.LocationKey);
    const hash = levelHash(d.Sku, d.LocationKey, d.Quantity);
    if (hashes.get(key) === hash) continue;
    toPush.push(d);
    entries.push([key, hash]);
  }
  let unknown = 0;
  if (toPush.length) {
    const result = await clarityFulfillment(ctx.clarity).putInventory(toPush);
    unknown = result.unknown.length;
  }
  const stmts = [...(opts.extra ?? []), ...hashUpsertStatements(ctx.storeId, INVENTORY_FEED, entries, ctx.clock.now())];
  if (stmts.length) await writeBatch(ctx.db, stmts);
  return { pushed: toPush.length, unchanged: desired.length - toPush.length, unknown };
}
