import type { InStatement } from '@libsql/client';
import type { SandboxDb } from '../db';
import { changeFeedSql, paged, type PageQuery } from '../paging';
import { iso, type Paged, type SalesItem, type SalesOrder } from '../types';

/** An order before the platform numbers it. */
export type OrderDraft = Omit<SalesOrder, 'ID' | 'CustomKey' | 'SalesItems' | 'CreatedDate' | 'UpdatedDate'> & {
  CustomKey?: string;
  SalesItems: Array<Omit<SalesItem, 'ID'>>;
};

interface OrderRow { id: number; doc: string }
const toOrder = (r: OrderRow): SalesOrder => JSON.parse(r.doc);

/** Order numbers start where a store that has been trading a while would be. */
const FIRST_ORDER_ID = 100_001;

export function createOrderRepo(db: SandboxDb) {
  const saveStmt = (storeId: string, o: SalesOrder, createdAt: number, updatedAt: number): InStatement => ({
    sql: `INSERT INTO orders (id, store_id, status_key, created_at, updated_at, doc) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET status_key = excluded.status_key, updated_at = excluded.updated_at, doc = excluded.doc`,
    args: [o.ID, storeId, o.StatusKey, createdAt, updatedAt, JSON.stringify(o)],
  });

  return {
    async get(storeId: string, id: number): Promise<SalesOrder | undefined> {
      const row = await db.one<OrderRow>('SELECT id, doc FROM orders WHERE store_id = ? AND id = ?', [storeId, id]);
      return row && toOrder(row);
    },
    async list(storeId: string, q: PageQuery): Promise<Paged<SalesOrder>> {
      const s = changeFeedSql('orders', q, storeId);
      const [count, rows] = await Promise.all([db.one<{ n: number }>(s.count.sql, s.count.args), db.all<OrderRow>(s.page.sql, s.page.args)]);
      return paged(rows.map(toOrder), Number(count?.n ?? 0), q);
    },
    /** Newest first, for the simulated admin's order list. */
    async recent(storeId: string, limit: number, offset: number): Promise<{ orders: SalesOrder[]; total: number }> {
      const [count, rows] = await Promise.all([
        db.one<{ n: number }>('SELECT COUNT(*) AS n FROM orders WHERE store_id = ?', [storeId]),
        db.all<OrderRow>('SELECT id, doc FROM orders WHERE store_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?', [storeId, limit, offset]),
      ]);
      return { orders: rows.map(toOrder), total: Number(count?.n ?? 0) };
    },
    /** Numbers the draft (order, CustomKey, line IDs) and stores it. Call inside db.exclusive. */
    async insert(storeId: string, draft: OrderDraft, createdAt: number): Promise<SalesOrder> {
      const [order] = await this.insertMany(storeId, [{ draft, createdAt }]);
      return order;
    },
    async insertMany(storeId: string, drafts: Array<{ draft: OrderDraft; createdAt: number }>): Promise<SalesOrder[]> {
      const max = await db.one<{ m: number | null }>('SELECT MAX(id) AS m FROM orders');
      let id = Math.max(Number(max?.m ?? 0) + 1, FIRST_ORDER_ID);
      const orders = drafts.map(({ draft, createdAt }) => numbered(draft, id++, createdAt));
      await db.batch(orders.map((o, i) => saveStmt(storeId, o, drafts[i].createdAt, drafts[i].createdAt)));
      return orders;
    },
    /** Writes a changed order and moves its UpdatedDate. */
    async save(storeId: string, order: SalesOrder, now: number): Promise<SalesOrder> {
      const next = { ...order, UpdatedDate: iso(now) };
      await db.run('UPDATE orders SET status_key = ?, updated_at = ?, doc = ? WHERE store_id = ? AND id = ?',
        [next.StatusKey, now, JSON.stringify(next), storeId, order.ID]);
      return next;
    },
  };
}
export type OrderRepo = ReturnType<typeof createOrderRepo>;

function numbered(d: OrderDraft, id: number, createdAt: number): SalesOrder {
  // Keys in the order the platform serializes them (contracts/clarity.md, the order model).
  return {
    ID: id, CustomKey: d.CustomKey ?? `WEB-${id}`, StatusKey: d.StatusKey, TypeKey: d.TypeKey,
    CreatedDate: iso(createdAt), UpdatedDate: iso(createdAt),
    AccountID: d.AccountID, AccountKey: d.AccountKey, UserID: d.UserID, PurchaseOrderNumber: d.PurchaseOrderNumber,
    CurrencyKey: d.CurrencyKey, Notes: d.Notes, BillingContact: d.BillingContact, ShippingContact: d.ShippingContact,
    // Line IDs are unique across the platform: the order number and the line's position.
    SalesItems: d.SalesItems.map((l, i) => ({ ID: id * 100 + i + 1, ...l })),
    Totals: d.Totals, ShippingDetail: d.ShippingDetail, SalesOrderPayments: d.SalesOrderPayments,
    SerializableAttributes: d.SerializableAttributes,
  };
}
