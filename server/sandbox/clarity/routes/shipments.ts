import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope, type ApiEnv } from '../auth';
import type { ShipmentService } from '../shipment-service';
import { readJson, validate } from '../validate';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date');
const body = z.object({
  CustomKey: z.string().min(1).max(128),
  SalesOrderID: z.number().int().positive(),
  TrackingNumber: z.string().max(100).nullable().optional(),
  CarrierName: z.string().max(100).nullable().optional(),
  CarrierMethodName: z.string().max(100).nullable().optional(),
  ShipDate: isoDate.optional(),
  Lines: z.array(z.object({ Sku: z.string().min(1).max(128), Quantity: z.number().positive() })).min(1),
});

/** POST /shipments: 201 with the new shipment, or 409 with the one already recorded under the key. */
export function shipmentRoutes(d: { service: ShipmentService }) {
  const app = new Hono<ApiEnv>();
  app.post('/shipments', requireScope('shipments:write'), async (c) => {
    const input = validate(body, await readJson(c));
    const { shipment } = await d.service.ship(c.get('store').id, input);
    return c.json(shipment, 201);
  });
  return app;
}
