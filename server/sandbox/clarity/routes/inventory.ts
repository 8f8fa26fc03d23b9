import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope, type ApiEnv } from '../auth';
import { badRequest } from '../errors';
import type { InventoryRepo } from '../repos/inventory';
import type { ProductRepo } from '../repos/products';
import { readJson, validate } from '../validate';

export const MAX_INVENTORY_ITEMS = 500;

const item = z.object({ Sku: z.string().min(1).max(128), LocationKey: z.string().min(1).max(64), Quantity: z.number().finite() });
const body = z.object({ Items: z.array(z.unknown()) });

/** PUT /inventory: at most 500 items; quantities of SKUs the store does not sell come back as Unknown. */
export function inventoryRoutes(d: { inventory: InventoryRepo; products: ProductRepo; now: () => number }) {
  const app = new Hono<ApiEnv>();
  app.put('/inventory', requireScope('inventory:write'), async (c) => {
    const { Items } = validate(body, await readJson(c));
    // The size limit is checked before the items, so an oversized batch gets the clear message.
    if (Items.length > MAX_INVENTORY_ITEMS) {
      throw badRequest(`At most ${MAX_INVENTORY_ITEMS} items per request; got ${Items.length}`);
    }
    const items = validate(z.array(item), Items);
    const storeId = c.get('store').id;
    const known = await d.products.knownSkus(storeId, items.map((i) => i.Sku));
    const updated = await d.inventory.apply(storeId, items, known, d.now());
    const unknown = [...new Set(items.map((i) => i.Sku).filter((s) => !known.has(s)))];
    return c.json({ Updated: updated, Unknown: unknown });
  });
  return app;
}
