import type { InStatement } from '@libsql/client';
import type { SandboxDb } from '../db';
import { iso } from '../types';

export interface InventoryItem { Sku: string; LocationKey: string; Quantity: number }
export interface InventoryLevel extends InventoryItem { UpdatedDate: string }
export interface InventoryReceipt extends InventoryItem { Known: boolean; ReceivedDate: string }

export function createInventoryRepo(db: SandboxDb) {
  return {
    /** Stores the quantities of known SKUs and logs every item as received, in one transaction. */
    async apply(storeId: string, items: InventoryItem[], known: Set<string>, now: number): Promise<number> {
      const stmts: InStatement[] = [];
      let updated = 0;
      for (const it of items) {
        const isKnown = known.has(it.Sku);
        stmts.push({
          sql: 'INSERT INTO inventory_log (store_id, sku, location_key, quantity, known, received_at) VALUES (?, ?, ?, ?, ?, ?)',
          args: [storeId, it.Sku, it.LocationKey, it.Quantity, isKnown ? 1 : 0, now],
        });
        if (!isKnown) continue;
        updated++;
        stmts.push({
          sql: `INSERT INTO inventory (store_id, sku, location_key, quantity, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (store_id, sku, location_key) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at`,
          args: [storeId, it.Sku, it.LocationKey, it.Quantity, now],
        });
      }
      await db.batch(stmts);
      return updated;
    },
    async levels(storeId: string, sku?: string): Promise<InventoryLevel[]> {
      const rows = await db.all<{ sku: string; location_key: string; quantity: number; updated_at: number }>(
        `SELECT * FROM inventory WHERE store_id = ?${sku ? ' AND sku = ?' : ''} ORDER BY sku, location_key`,
        sku ? [storeId, sku] : [storeId]);
      return rows.map((r) => ({ Sku: r.sku, LocationKey: r.location_key, Quantity: Number(r.quantity), UpdatedDate: iso(Number(r.updated_at)) }));
    },
    async received(storeId: string, o: { sku?: string; limit?: number } = {}): Promise<InventoryReceipt[]> {
      const rows = await db.all<{ sku: string; location_key: string; quantity: number; known: number; received_at: number }>(
        `SELECT * FROM inventory_log WHERE store_id = ?${o.sku ? ' AND sku = ?' : ''} ORDER BY id DESC LIMIT ?`,
        o.sku ? [storeId, o.sku, o.limit ?? 1000] : [storeId, o.limit ?? 1000]);
      return rows.map((r) => ({
        Sku: r.sku, LocationKey: r.location_key, Quantity: Number(r.quantity), Known: Number(r.known) === 1, ReceivedDate: iso(Number(r.received_at)),
      }));
    },
  };
}
export type InventoryRepo = ReturnType<typeof createInventoryRepo>;
