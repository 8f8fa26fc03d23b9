import type { InStatement } from '@libsql/client';
import type { SandboxDb } from '../db';
import { changeFeedSql, paged, type PageQuery } from '../paging';
import { iso, type Customer, type Paged } from '../types';

interface CustomerRow { id: number; doc: string; updated_at: number }

const toCustomer = (r: CustomerRow): Customer => ({ ...JSON.parse(r.doc), ID: Number(r.id), UpdatedDate: iso(Number(r.updated_at)) });

export type NewCustomer = Omit<Customer, 'ID' | 'CustomKey' | 'UpdatedDate'> & { ID?: number; CustomKey?: string };

export function createCustomerRepo(db: SandboxDb) {
  const insertSql = 'INSERT OR IGNORE INTO customers (store_id, id, doc, updated_at) VALUES (?, ?, ?, ?)';
  return {
    async list(storeId: string, q: PageQuery): Promise<Paged<Customer>> {
      const s = changeFeedSql('customers', q, storeId);
      const [count, rows] = await Promise.all([db.one<{ n: number }>(s.count.sql, s.count.args), db.all<CustomerRow>(s.page.sql, s.page.args)]);
      return paged(rows.map(toCustomer), Number(count?.n ?? 0), q);
    },
    async get(storeId: string, id: number): Promise<Customer | undefined> {
      const row = await db.one<CustomerRow>('SELECT * FROM customers WHERE store_id = ? AND id = ?', [storeId, id]);
      return row && toCustomer(row);
    },
    async all(storeId: string): Promise<Customer[]> {
      return (await db.all<CustomerRow>('SELECT * FROM customers WHERE store_id = ? ORDER BY id', [storeId])).map(toCustomer);
    },
    /** A new account; the caller holds db.exclusive so the next ID is not taken twice. */
    async create(storeId: string, c: NewCustomer, now: number): Promise<Customer> {
      const max = await db.one<{ m: number | null }>('SELECT MAX(id) AS m FROM customers WHERE store_id = ?', [storeId]);
      const id = c.ID ?? Math.max(Number(max?.m ?? 0), 9000) + 1;
      const customer: Customer = { ...c, ID: id, CustomKey: c.CustomKey ?? `CUST-${id}`, UpdatedDate: iso(now) };
      await db.run(insertSql, [storeId, id, JSON.stringify(customer), now]);
      return customer;
    },
    async save(storeId: string, c: Customer, now: number): Promise<Customer> {
      const next = { ...c, UpdatedDate: iso(now) };
      await db.run('UPDATE customers SET doc = ?, updated_at = ? WHERE store_id = ? AND id = ?', [JSON.stringify(next), now, storeId, c.ID]);
      return next;
    },
    insertStatements(storeId: string, customers: Array<Customer & { updatedAt: number }>): InStatement[] {
      return customers.map(({ updatedAt, ...c }) => ({ sql: insertSql, args: [storeId, c.ID, JSON.stringify(c), updatedAt] }));
    },
  };
}
export type CustomerRepo = ReturnType<typeof createCustomerRepo>;
