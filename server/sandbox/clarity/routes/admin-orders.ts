import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import type { OrderOverrides } from '../generator/overrides';
import { idParam, optionalJson, readJson, validate } from '../validate';

const statusBody = z.object({ StatusKey: z.string().min(1) });
const generateBody = z.object({ count: z.number().int().min(1).max(1000).default(1) });
const rateBody = z.object({ ratePerSec: z.number().min(0).max(1000) });

/**
 * The storefront side a person (or a test) drives: orders placed and changed in the store, the
 * generator, and what the connector pushed (shipments, inventory) as received.
 */
export function adminOrderRoutes(ctx: SandboxContext) {
  const app = new Hono();
  const store = (c: { req: { query(k: string): string | undefined } }) => ctx.resolveStore(c.req.query('storeId'));

  app.get('/orders', async (c) => {
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const pageSize = Math.min(200, Math.max(1, Number(c.req.query('pageSize') ?? 50) || 50));
    const { orders, total } = await ctx.orderRepo.recent(await store(c), pageSize, (page - 1) * pageSize);
    return c.json({ Results: orders, TotalCount: total, TotalPages: Math.ceil(total / pageSize), CurrentPage: page });
  });
  app.get('/orders/:id', async (c) => {
    const storeId = await store(c);
    const order = await ctx.orders.load(storeId, idParam(c));
    return c.json({ order, shipments: await ctx.shipmentRepo.forOrder(storeId, order.ID) });
  });
  app.post('/orders', async (c) => {
    const overrides = (await optionalJson(c)) as OrderOverrides;
    return c.json(await ctx.generator.generateOne(overrides, { storeId: await store(c) }), 201);
  });
  app.put('/orders/:id/status', async (c) => {
    const { StatusKey } = validate(statusBody, await readJson(c));
    return c.json(await ctx.orders.setStatus(await store(c), idParam(c), StatusKey));
  });

  app.post('/generator', async (c) => {
    const { count } = validate(generateBody, await optionalJson(c));
    const storeId = await store(c);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push((await ctx.generator.generateOne(undefined, { storeId })).ID);
    return c.json({ created: ids });
  });
  app.put('/generator', async (c) => {
    const { ratePerSec } = validate(rateBody, await readJson(c));
    ctx.generator.start({ ratePerSec, storeId: c.req.query('storeId') });
    return c.json({ ratePerSec, running: ctx.generator.running });
  });
  app.post('/generator/follow-ups', async (c) => c.json({ applied: await ctx.generator.processFollowUps() }));

  app.get('/shipments', async (c) => {
    const orderId = c.req.query('orderId');
    return c.json(await ctx.shipmentRepo.list(await store(c), { orderId: orderId ? Number(orderId) : undefined }));
  });
  app.get('/inventory', async (c) => {
    const storeId = await store(c);
    const sku = c.req.query('sku');
    return c.json({ Levels: await ctx.inventory.levels(storeId, sku), Received: await ctx.inventory.received(storeId, { sku }) });
  });
  return app;
}
