import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope, type ApiEnv } from '../auth';
import { notFound } from '../errors';
import type { OrderService } from '../order-service';
import { parsePageQuery } from '../paging';
import type { OrderRepo } from '../repos/orders';
import { idParam, readJson, validate } from '../validate';

const attribute = z.object({ Key: z.string().max(128).optional(), Value: z.string().max(4000) }).strict();
const patchBody = z.object({
  StatusKey: z.string().min(1).max(64).optional(),
  SerializableAttributes: z.record(z.string().min(1).max(128), attribute.nullable()).optional(),
}).strict().refine((b) => b.StatusKey !== undefined || b.SerializableAttributes !== undefined, 'StatusKey or SerializableAttributes is required');

/** /orders: one, the change feed (oldest change first), and PATCH of status and attributes. */
export function orderRoutes(d: { orders: OrderRepo; service: OrderService }) {
  const app = new Hono<ApiEnv>();
  app.get('/orders', requireScope('orders:read'), async (c) =>
    c.json(await d.orders.list(c.get('store').id, parsePageQuery(c.req.query()))));
  app.get('/orders/:id', requireScope('orders:read'), async (c) => {
    const id = idParam(c);
    const order = await d.orders.get(c.get('store').id, id);
    if (!order) throw notFound(`Order ${id}`);
    return c.json(order);
  });
  app.patch('/orders/:id', requireScope('orders:write'), async (c) => {
    const id = idParam(c);
    const body = validate(patchBody, await readJson(c));
    return c.json(await d.service.patch(c.get('store').id, id, body));
  });
  return app;
}
