import type { SandboxDb } from '../db';
import type { Shipment } from '../types';

interface ShipmentRow { doc: string }
const toShipment = (r: ShipmentRow): Shipment => JSON.parse(r.doc);

export function createShipmentRepo(db: SandboxDb) {
  return {
    async byCustomKey(storeId: string, key: string): Promise<Shipment | undefined> {
      const row = await db.one<ShipmentRow>('SELECT doc FROM shipments WHERE store_id = ? AND custom_key = ?', [storeId, key]);
      return row && toShipment(row);
    },
    async forOrder(storeId: string, orderId: number): Promise<Shipment[]> {
      return (await db.all<ShipmentRow>('SELECT doc FROM shipments WHERE store_id = ? AND sales_order_id = ? ORDER BY id', [storeId, orderId])).map(toShipment);
    },
    /** As received, newest first: what the connector pushed. */
    async list(storeId: string, o: { orderId?: number; limit?: number } = {}): Promise<Shipment[]> {
      const where = o.orderId === undefined ? '' : ' AND sales_order_id = ?';
      const args = o.orderId === undefined ? [storeId] : [storeId, o.orderId];
      return (await db.all<ShipmentRow>(`SELECT doc FROM shipments WHERE store_id = ?${where} ORDER BY id DESC LIMIT ?`, [...args, o.limit ?? 500])).map(toShipment);
    },
    /** Call inside db.exclusive: the ID is the next free one. */
    async insert(storeId: string, s: Omit<Shipment, 'ID'>, notifiedEmail: string | null, now: number): Promise<Shipment> {
      const max = await db.one<{ m: number | null }>('SELECT MAX(id) AS m FROM shipments');
      const shipment: Shipment = { ID: Math.max(Number(max?.m ?? 0) + 1, 70_001), ...s };
      await db.run(
        'INSERT INTO shipments (id, store_id, custom_key, sales_order_id, created_at, notified_email, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [shipment.ID, storeId, s.CustomKey, s.SalesOrderID, now, notifiedEmail, JSON.stringify(shipment)]);
      return shipment;
    },
  };
}
export type ShipmentRepo = ReturnType<typeof createShipmentRepo>;
