import { stampNow, type SandboxContext } from '../context';
import { badRequest } from '../errors';

/**
 * Bulk inventory for scale tests: `generate` adds N item-warehouse rows (and the items behind
 * them, one per warehouse set) with single INSERT…SELECT statements over a recursive counter —
 * 100,000 rows in seconds; `touch` changes a given fraction of rows (a deterministic spread),
 * stamping them now so the next changedSince poll sees exactly those.
 */
export async function generateInventory(ctx: SandboxContext, company: string, rows: number): Promise<{ rows: number; items: number }> {
  if (!Number.isInteger(rows) || rows < 1 || rows > 2_000_000) throw badRequest('rows must be a whole number from 1 to 2,000,000', 'rows');
  return ctx.writes.run(company, async () => {
    const w = Number((await ctx.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM im_warehouse WHERE Company = ?', [company]))?.n ?? 0);
    if (!w) throw badRequest('the company has no warehouses');
    const start = Number((await ctx.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ci_item WHERE Company = ? AND ItemCode LIKE 'GEN-%'`, [company]))?.n ?? 0);
    const items = Math.ceil(rows / w);
    const s = stampNow(ctx);
    await ctx.sql.write([
      { sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
          INSERT INTO ci_item (Company, ItemCode, ItemCodeDesc, ItemType, ProductLine, StandardUnitPrice, StandardUnitOfMeasure,
            InactiveItem, TaxClass, TotalQuantityOnHand, DateUpdated, TimeK)
          SELECT ?1, printf('GEN-%07d', ?3 + i), printf('Generated item %d', ?3 + i), 1, 'GEN', 1 + ((?3 + i) % 97), 'EACH', 'N', 'TX', 0, ?4, ?5 FROM n`,
        args: [company, items, start, s.DateUpdated, s.TimeK] },
      { sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2),
            w AS (SELECT WarehouseCode, ROW_NUMBER() OVER (ORDER BY WarehouseCode) - 1 AS k FROM im_warehouse WHERE Company = ?1)
          INSERT INTO im_itemwarehouse (Company, ItemCode, WarehouseCode, QuantityOnHand, QuantityOnSalesOrder, QuantityOnBackOrder,
            QuantityOnPurchaseOrder, DateUpdated, TimeK)
          SELECT ?1, printf('GEN-%07d', ?3 + i / ?6), w.WarehouseCode, (i * 7919) % 500, 0, 0, (i * 31) % 7 * 10, ?4, ?5
          FROM n JOIN w ON w.k = i % ?6`,
        args: [company, rows, start, s.DateUpdated, s.TimeK, w] },
      { sql: `UPDATE ci_item SET TotalQuantityOnHand = (SELECT COALESCE(SUM(QuantityOnHand), 0) FROM im_itemwarehouse iw
            WHERE iw.Company = ci_item.Company AND iw.ItemCode = ci_item.ItemCode)
          WHERE Company = ?1 AND ItemCode >= printf('GEN-%07d', ?2) AND ItemCode < printf('GEN-%07d', ?2 + ?3)`,
        args: [company, start, items] },
    ]);
    return { rows, items };
  });
}

export async function touchInventory(ctx: SandboxContext, company: string, fraction: number): Promise<{ touched: number }> {
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) throw badRequest('fraction must be a number in (0, 1]', 'fraction');
  return ctx.writes.run(company, async () => {
    const total = Number((await ctx.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM im_itemwarehouse WHERE Company = ?', [company]))?.n ?? 0);
    const count = Math.round(total * fraction);
    const s = stampNow(ctx);
    const salt = ctx.clock.now() % 1_000_003;
    // A multiplicative hash of rowid spreads the chosen rows over the table; the salt varies it per call.
    const [touched] = await ctx.sql.write([
      { sql: `UPDATE im_itemwarehouse SET QuantityOnHand = QuantityOnHand + 1 + (rowid % 5), DateUpdated = ?, TimeK = ?
          WHERE rowid IN (SELECT rowid FROM im_itemwarehouse WHERE Company = ? ORDER BY ((rowid + ?) * 2654435761) % 1000003 LIMIT ?)`,
        args: [s.DateUpdated, s.TimeK, company, salt, count] },
      // Keep each touched item's total in step (its stamp moves too, as Sage rewrites the item record).
      { sql: `UPDATE ci_item SET TotalQuantityOnHand = (SELECT SUM(QuantityOnHand) FROM im_itemwarehouse iw
            WHERE iw.Company = ci_item.Company AND iw.ItemCode = ci_item.ItemCode), DateUpdated = ?2, TimeK = ?3
          WHERE Company = ?1 AND ItemCode IN (SELECT ItemCode FROM im_itemwarehouse WHERE Company = ?1 AND DateUpdated = ?2 AND TimeK = ?3)`,
        args: [company, s.DateUpdated, s.TimeK] },
    ]);
    return { touched };
  });
}
