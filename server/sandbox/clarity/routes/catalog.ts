import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope, type ApiEnv } from '../auth';
import { notFound } from '../errors';
import { parsePageQuery } from '../paging';
import type { CustomerRepo } from '../repos/customers';
import type { ProductRepo } from '../repos/products';
import type { Product } from '../types';
import { idParam, readJson, validate } from '../validate';

const productPatch = z.object({
  Name: z.string().min(1).max(256).optional(),
  Description: z.string().max(4000).optional(),
  PriceBase: z.number().finite().nonnegative().optional(),
  Active: z.boolean().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, 'one of Name, Description, PriceBase, Active is required');

/** /products (list, one by Sku, PATCH) and /customers (list, one by ID). */
export function catalogRoutes(d: {
  products: ProductRepo; customers: CustomerRepo; now: () => number;
  onProductUpdated(storeId: string, p: Product): Promise<unknown>;
}) {
  const app = new Hono<ApiEnv>();
  app.get('/products', requireScope('products:read'), async (c) =>
    c.json(await d.products.list(c.get('store').id, parsePageQuery(c.req.query()))));
  app.get('/products/:sku', requireScope('products:read'), async (c) => {
    const sku = c.req.param('sku');
    const product = await d.products.get(c.get('store').id, sku);
    if (!product) throw notFound(`Product ${sku}`);
    return c.json(product);
  });
  app.patch('/products/:sku', requireScope('products:write'), async (c) => {
    const sku = c.req.param('sku');
    const patch = validate(productPatch, await readJson(c));
    const storeId = c.get('store').id;
    const r = await d.products.patch(storeId, sku, patch, d.now());
    if (!r) throw notFound(`Product ${sku}`);
    if (r.changed) await d.onProductUpdated(storeId, r.product);
    return c.json(r.product);
  });
  app.get('/customers', requireScope('customers:read'), async (c) =>
    c.json(await d.customers.list(c.get('store').id, parsePageQuery(c.req.query()))));
  app.get('/customers/:id', requireScope('customers:read'), async (c) => {
    const id = idParam(c);
    const customer = await d.customers.get(c.get('store').id, id);
    if (!customer) throw notFound(`Customer ${id}`);
    return c.json(customer);
  });
  return app;
}
