import { sageFeeds, type FeedRow, type SageItemWarehouseRow } from '../../../connectors/sage100/feeds';
import { levelUpsertStatements, loadLevels, type WarehouseQuantities } from '../../../db/repos/inventory-levels.repo';
import type { FeedContext } from '../context';
import { readFeed, type ReadFeedResult } from '../read-feed';
import { locationFor, sameQuantities } from './levels';
import { INVENTORY_FEED, pushItemLevels, type PushCounts } from './push';

/**
 * The inventory feed: changed item-warehouse rows (IM/ItemWarehouse?changedSince) → available
 * quantity per SKU and location in Clarity, only what changed, in batches of at most 500. One
 * page (1000 rows) is in memory at a time, with the stored rows and hashes of that page's items.
 *
 * `full` (a resync) reads every row and pushes every level whatever the hashes say, for when
 * Clarity's numbers were changed behind the connector's back or the settings changed.
 */
export interface InventoryRunResult extends ReadFeedResult {
  counts: PushCounts & { skipped: number };
}

export async function runInventoryFeed(
  ctx: FeedContext, opts: { full?: boolean; progress?: boolean } = {},
): Promise<InventoryRunResult> {
  const counts = { pushed: 0, unchanged: 0, unknown: 0, skipped: 0 };
  const feeds = sageFeeds(ctx.sage);
  const result = await readFeed<SageItemWarehouseRow>(ctx, {
    feed: INVENTORY_FEED,
    full: opts.full,
    progress: opts.progress ? { kind: opts.full ? 'resync' : 'backfill', startedAt: ctx.clock.now(), counts } : undefined,
    read: (since) => feeds.itemWarehouses({ since, pageSize: 1000, maxRows: ctx.settings.inventory.maxRowsPerPoll, signal: ctx.signal }),
    handle: async (rows) => {
      const c = await applyWarehouseRows(ctx, rows, opts.full ?? false);
      counts.pushed += c.pushed;
      counts.unchanged += c.unchanged;
      counts.unknown += c.unknown;
      counts.skipped += c.skipped;
      return c.pushed;
    },
  });
  return { ...result, counts };
}

export async function applyWarehouseRows(
  ctx: FeedContext, rows: Array<FeedRow<SageItemWarehouseRow>>, force: boolean,
): Promise<PushCounts & { skipped: number }> {
  const s = ctx.settings.inventory;
  const relevant = rows.filter((r) => locationFor(r.row.WarehouseCode, s) !== null);
  const itemCodes = [...new Set(relevant.map((r) => r.row.ItemCode))];
  const byItem = new Map<string, WarehouseQuantities[]>(itemCodes.map((c) => [c, []]));
  for (const q of await loadLevels(ctx.db, ctx.storeId, itemCodes)) byItem.get(q.itemCode)!.push(q);
  const changed: WarehouseQuantities[] = [];
  for (const { row } of relevant) {
    const q: WarehouseQuantities = {
      itemCode: row.ItemCode, warehouseCode: row.WarehouseCode, onHand: row.QuantityOnHand, onSalesOrder: row.QuantityOnSalesOrder,
      onBackOrder: row.QuantityOnBackOrder, onPurchaseOrder: row.QuantityOnPurchaseOrder,
    };
    const list = byItem.get(q.itemCode)!;
    const at = list.findIndex((x) => x.warehouseCode === q.warehouseCode);
    if (at >= 0 && sameQuantities(list[at], q)) continue;
    if (at >= 0) list[at] = q;
    else list.push(q);
    changed.push(q);
  }
  // Items none of whose rows changed need no push unless forced (their levels cannot have moved).
  if (!force) {
    const touched = new Set(changed.map((q) => q.itemCode));
    for (const code of itemCodes) if (!touched.has(code)) byItem.delete(code);
  }
  const extra = levelUpsertStatements(ctx.storeId, changed, ctx.clock.now());
  const counts = await pushItemLevels(ctx, byItem, { force, extra });
  return { ...counts, skipped: rows.length - relevant.length };
}
