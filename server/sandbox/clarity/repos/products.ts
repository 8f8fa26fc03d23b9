import type { InStatement } from '@libsql/client';
import type { SandboxDb } from '../db';
import { changeFeedSql, paged, type PageQuery } from '../paging';
import { iso, type Paged, type Product } from '../types';

interface ProductRow {
  id: number; sku: string; name: string; description: string; price_base: number; active: number; updated_at: number;
}

const toProduct = (r: ProductRow): Product => ({
  ID: Number(r.id), Sku: r.sku, Name: r.name, Description: r.description, PriceBase: Number(r.price_base),
  Active: Number(r.active) === 1, UpdatedDate: iso(Number(r.updated_at)),
});

export type ProductPatch = Partial<Pick<Product, 'Name' | 'Description' | 'PriceBase' | 'Active'>>;

export function createProductRepo(db: SandboxDb) {
  return {
    async list(storeId: string, q: PageQuery): Promise<Paged<Product>> {
      const s = changeFeedSql('products', q, storeId);
      const [count, rows] = await Promise.all([db.one<{ n: number }>(s.count.sql, s.count.args), db.all<ProductRow>(s.page.sql, s.page.args)]);
      return paged(rows.map(toProduct), Number(count?.n ?? 0), q);
    },
    async get(storeId: string, sku: string): Promise<Product | undefined> {
      const row = await db.one<ProductRow>('SELECT * FROM products WHERE store_id = ? AND sku = ?', [storeId, sku]);
      return row && toProduct(row);
    },
    async all(storeId: string): Promise<Product[]> {
      return (await db.all<ProductRow>('SELECT * FROM products WHERE store_id = ? ORDER BY id', [storeId])).map(toProduct);
    },
    /** Which of these SKUs the store sells (any state). */
    async knownSkus(storeId: string, skus: string[]): Promise<Set<string>> {
      const known = new Set<string>();
      const unique = [...new Set(skus)];
      for (let i = 0; i < unique.length; i += 200) {
        const chunk = unique.slice(i, i + 200);
        const rows = await db.all<{ sku: string }>(
          `SELECT sku FROM products WHERE store_id = ? AND sku IN (${chunk.map(() => '?').join(',')})`, [storeId, ...chunk]);
        rows.forEach((r) => known.add(r.sku));
      }
      return known;
    },
    /** Applies the fields that differ; UpdatedDate moves only when something changed. */
    async patch(storeId: string, sku: string, patch: ProductPatch, now: number): Promise<{ product: Product; changed: boolean } | undefined> {
      const current = await this.get(storeId, sku);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      const changed = (Object.keys(patch) as Array<keyof ProductPatch>).some((k) => patch[k] !== current[k]);
      if (!changed) return { product: current, changed };
      await db.run(
        'UPDATE products SET name = ?, description = ?, price_base = ?, active = ?, updated_at = ? WHERE store_id = ? AND sku = ?',
        [next.Name, next.Description, next.PriceBase, next.Active ? 1 : 0, now, storeId, sku]);
      return { product: { ...next, UpdatedDate: iso(now) }, changed };
    },
    insertStatements(storeId: string, products: Array<Omit<Product, 'UpdatedDate'> & { updatedAt: number }>): InStatement[] {
      return products.map((p) => ({
        sql: `INSERT OR IGNORE INTO products (store_id, id, sku, name, description, price_base, active, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [storeId, p.ID, p.Sku, p.Name, p.Description, p.PriceBase, p.Active ? 1 : 0, p.updatedAt],
      }));
    },
  };
}
export type ProductRepo = ReturnType<typeof createProductRepo>;
