import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countHashes } from '../../../server/db/repos/sync-hashes.repo';
import { catalogItems } from '../../../server/sandbox/catalog/index';
import { startFeedsHarness, STORE, type FeedsHarness } from './harness';

/**
 * Sage item-warehouse quantities → Clarity inventory, over 100,000 generated rows: the first sync
 * pushes every level, the next only what changed, and the store's own SKUs (aliases included)
 * get Sage's available quantity.
 */
let h: FeedsHarness;
beforeAll(async () => { h = await startFeedsHarness(); });
afterAll(async () => { await h.close(); });

const iw = async (item: string) => (await h.sageCall('GET', `/IM/ItemWarehouse?ItemCode=${encodeURIComponent(item)}&pageSize=10`)).body.Results as any[];
/** What the store received for a SKU, newest first, and the levels it keeps (known SKUs only). */
const inventory = async (sku: string) => h.clarityAdmin<{ Levels: any[]; Received: any[] }>(`/inventory?storeId=${STORE}&sku=${encodeURIComponent(sku)}`);
const available = (r: any) => Math.max(0, Math.floor(r.QuantityOnHand - r.QuantityOnSalesOrder - r.QuantityOnBackOrder));

describe('inventory feed over 100,000 rows', () => {
  let total = 0;

  it('pushes every level on the first sync', async () => {
    const gen = await h.sageCall('POST', '/_admin/inventory/generate', { rows: 100_000 });
    expect(gen.status, JSON.stringify(gen.body)).toBe(201);
    total = (await h.sageCall('GET', '/IM/ItemWarehouse?pageSize=1')).body.TotalCount;
    expect(total).toBeGreaterThan(100_000);
    h.clock.advance(1000);

    const first = await h.poll('inventory');
    expect(first.ok, first.error).toBe(true);
    expect(first.rows).toBe(total);
    expect(first.counts.pushed).toBe(total);
    expect(await countHashes(h.database.db, STORE, 'inventory')).toBe(total);

    const sample = (await iw('GEN-0000042'))[0];
    const { Received } = await inventory('GEN-0000042');
    // Not sold in the store (Clarity says Unknown), but pushed: the store may add it later.
    expect(Received.find((r) => r.LocationKey === sample.WarehouseCode)).toMatchObject({ Quantity: available(sample), Known: false });
  });

  it('pushes only what changed on the next poll (1 % of rows touched)', async () => {
    h.clock.advance(10 * 60_000);
    const touched = (await h.sageCall('POST', '/_admin/inventory/touch', { fraction: 0.01 })).body.touched;
    expect(touched).toBeGreaterThanOrEqual(1000);
    h.clock.advance(1000);
    const next = await h.poll('inventory');
    expect(next.ok, next.error).toBe(true);
    expect(next.counts.pushed).toBe(touched);
    // Polled again with nothing new: the overlap re-reads, nothing is pushed.
    h.clock.advance(5000);
    const idle = await h.poll('inventory');
    expect(idle.counts.pushed).toBe(0);
  });

  it('sends a catalog item under the SKU the store sells it as, once the SKU map knows its alias', async () => {
    const aliased = catalogItems().find((i) => i.sku !== i.itemCode && i.stock.length > 0)!;
    const rows = await iw(aliased.itemCode);
    expect(rows.length).toBeGreaterThan(0);
    const items = await h.poll('items');
    expect(items.ok, items.error).toBe(true);
    expect(items.skuMap.mapped).toBeGreaterThan(300);
    const { Levels } = await inventory(aliased.sku);
    for (const r of rows) {
      expect(Levels.find((l) => l.LocationKey === r.WarehouseCode), r.WarehouseCode).toMatchObject({ Quantity: available(r) });
    }
  });
});
