import type { InStatement } from '@libsql/client';
import type { Db } from '../client';
import { clientOf, writeBatch } from './raw-client';

/**
 * Which Clarity SKUs sell each Sage item (item_skus), as the SKU map refresh found them. An item
 * with no row here is sold, if at all, under its own item code.
 */
export interface ItemSku {
  sku: string;
  itemCode: string;
  source: 'override' | 'alias' | 'same';
}

const CHUNK = 400;

export async function skusForItems(db: Db, storeId: string, itemCodes: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const unique = [...new Set(itemCodes)];
  const client = clientOf(db);
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rs = await client.execute({
      sql: `SELECT item_code, sku FROM item_skus WHERE store_id = ? AND item_code IN (${chunk.map(() => '?').join(',')}) ORDER BY sku`,
      args: [storeId, ...chunk],
    });
    for (const r of rs.rows) {
      const code = String(r.item_code);
      const list = out.get(code) ?? [];
      list.push(String(r.sku));
      out.set(code, list);
    }
  }
  return out;
}

/** Items these SKUs currently map to (to find the items whose SKUs a refresh changed). */
export async function itemsForSkus(db: Db, storeId: string, skus: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const client = clientOf(db);
  for (let i = 0; i < skus.length; i += CHUNK) {
    const chunk = skus.slice(i, i + CHUNK);
    const rs = await client.execute({
      sql: `SELECT sku, item_code FROM item_skus WHERE store_id = ? AND sku IN (${chunk.map(() => '?').join(',')})`,
      args: [storeId, ...chunk],
    });
    for (const r of rs.rows) out.set(String(r.sku), String(r.item_code));
  }
  return out;
}

/** Sets the SKUs' items (found) and forgets SKUs that map to nothing any more (gone). */
export async function saveItemSkus(db: Db, storeId: string, found: ItemSku[], gone: string[], now: number): Promise<void> {
  const stmts: InStatement[] = [];
  for (let i = 0; i < found.length; i += 100) {
    const chunk = found.slice(i, i + 100);
    stmts.push({
      sql: `INSERT INTO item_skus (store_id, sku, item_code, source, updated_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(',')}
            ON CONFLICT (store_id, sku) DO UPDATE SET item_code = excluded.item_code, source = excluded.source, updated_at = excluded.updated_at`,
      args: chunk.flatMap((r) => [storeId, r.sku, r.itemCode, r.source, now]),
    });
  }
  for (let i = 0; i < gone.length; i += CHUNK) {
    const chunk = gone.slice(i, i + CHUNK);
    stmts.push({ sql: `DELETE FROM item_skus WHERE store_id = ? AND sku IN (${chunk.map(() => '?').join(',')})`, args: [storeId, ...chunk] });
  }
  if (stmts.length) await writeBatch(db, stmts);
}
