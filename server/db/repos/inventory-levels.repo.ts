import type { InStatement } from '@libsql/client';
import type { Db } from '../client';
import { clientOf } from './raw-client';

/**
 * Sage's last-read quantities per item and warehouse (inventory_levels), read and written per
 * page by item code with raw SQL: the inventory feed runs this over 100,000 rows.
 */
export interface WarehouseQuantities {
  itemCode: string;
  warehouseCode: string;
  onHand: number;
  onSalesOrder: number;
  onBackOrder: number;
  onPurchaseOrder: number;
}

const CHUNK = 400;

/** Every warehouse row of these items. */
export async function loadLevels(db: Db, storeId: string, itemCodes: string[]): Promise<WarehouseQuantities[]> {
  const out: WarehouseQuantities[] = [];
  const unique = [...new Set(itemCodes)];
  const client = clientOf(db);
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rs = await client.execute({
      sql: `SELECT item_code, warehouse_code, on_hand, on_sales_order, on_back_order, on_purchase_order
            FROM inventory_levels WHERE store_id = ? AND item_code IN (${chunk.map(() => '?').join(',')})`,
      args: [storeId, ...chunk],
    });
    for (const r of rs.rows) {
      out.push({
        itemCode: String(r.item_code), warehouseCode: String(r.warehouse_code), onHand: Number(r.on_hand),
        onSalesOrder: Number(r.on_sales_order), onBackOrder: Number(r.on_back_order), onPurchaseOrder: Number(r.on_purchase_order),
      });
    }
  }
  return out;
}

export function levelUpsertStatements(storeId: string, rows: WarehouseQuantities[], now: number): InStatement[] {
  const stmts: InStatement[] = [];
  const per = Math.floor(CHUNK / 2);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    stmts.push({
      sql: `INSERT INTO inventory_levels (store_id, item_code, warehouse_code, on_hand, on_sales_order, on_back_order, on_purchase_order, updated_at)
            VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(',')}
            ON CONFLICT (store_id, item_code, warehouse_code) DO UPDATE SET on_hand = excluded.on_hand,
              on_sales_order = excluded.on_sales_order, on_back_order = excluded.on_back_order,
              on_purchase_order = excluded.on_purchase_order, updated_at = excluded.updated_at`,
      args: chunk.flatMap((r) => [storeId, r.itemCode, r.warehouseCode, r.onHand, r.onSalesOrder, r.onBackOrder, r.onPurchaseOrder, now]),
    });
  }
  return stmts;
}

export async function countLevels(db: Db, storeId: string): Promise<number> {
  const rs = await clientOf(db).execute({ sql: 'SELECT COUNT(*) AS n FROM inventory_levels WHERE store_id = ?', args: [storeId] });
  return Number(rs.rows[0]?.n ?? 0);
}
