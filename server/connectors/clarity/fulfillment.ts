import { z } from 'zod';
import { sleep } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { ClarityHttp } from './http';

/**
 * Clarity calls that carry Sage's side back to the store (contracts/clarity.md §5): shipments,
 * inventory levels and products.
 */
export interface ShipmentInput {
  CustomKey: string;
  SalesOrderID: number | string;
  TrackingNumber: string | null;
  CarrierName: string | null;
  CarrierMethodName: string | null;
  ShipDate: string;
  Lines: Array<{ Sku: string; Quantity: number }>;
}

const shipmentSchema = z.looseObject({
  ID: z.union([z.number(), z.string()]).nullish(),
  CustomKey: z.string(),
  SalesOrderID: z.union([z.number(), z.string()]).nullish(),
  TrackingNumber: z.string().nullish(),
  Lines: z.array(z.looseObject({ Sku: z.string(), Quantity: z.coerce.number() })).nullish(),
});
export type ClarityShipment = z.infer<typeof shipmentSchema>;

export const productSchema = z.looseObject({
  ID: z.union([z.number(), z.string()]).nullish(),
  Sku: z.string(),
  Name: z.string().nullish(),
  Description: z.string().nullish(),
  PriceBase: z.coerce.number().nullish(),
  Active: z.boolean().nullish(),
  UpdatedDate: z.string().nullish(),
});
export type ClarityProduct = z.infer<typeof productSchema>;
export type ProductPatch = Partial<{ Name: string; Description: string; PriceBase: number; Active: boolean }>;

const productPage = z.looseObject({
  Results: z.array(productSchema),
  TotalCount: z.coerce.number().nullish(),
  TotalPages: z.coerce.number().nullish(),
  CurrentPage: z.coerce.number().nullish(),
});
const inventoryAnswer = z.looseObject({
  Updated: z.coerce.number().catch(0),
  Unknown: z.array(z.string()).nullish().transform((u) => u ?? []),
});

export interface InventoryLevel {
  Sku: string;
  LocationKey: string;
  Quantity: number;
}

/** Clarity takes at most 500 items per PUT /inventory. */
export const INVENTORY_BATCH = 500;

/** Writes made idempotent by a key may be repeated after a timeout; this many tries in all. */
const TRIES_AFTER_TIMEOUT = 3;

/** How long a call waits out Clarity's 429s (honouring Retry-After) before giving up. */
const RATE_LIMIT_BUDGET_MS = 30_000;

/**
 * Clarity limits each store's API calls (429 with Retry-After). A feed pushing hundreds of
 * products would otherwise fail its whole poll on the first 429: wait as told, then go on.
 */
async function politely<T>(fn: () => Promise<T>): Promise<T> {
  let waited = 0;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof AppError) || err.errorClass !== 'rate_limited') throw err;
      const wait = Math.min(Math.max(err.retryAfterMs ?? 1000, 50), 10_000);
      if (waited + wait > RATE_LIMIT_BUDGET_MS) throw err;
      waited += wait;
      await sleep(wait);
    }
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new AppError('ClarityBadAnswer', `Clarity gave an unreadable answer to ${what}: ${r.error.issues[0]?.message}`, {
    errorClass: 'transient', status: 502, detail: value,
  });
}

export function clarityFulfillment(http: ClarityHttp) {
  return {
    /**
     * POST /shipments, created once: CustomKey is unique in Clarity, so a repeat (ours after a
     * timeout, or a poll reading the same invoice again) answers 409 with the shipment already
     * there, which counts as success. That also makes a timed-out post safe to repeat at once.
     */
    async createShipment(input: ShipmentInput): Promise<{ shipment: ClarityShipment; created: boolean }> {
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await politely(() => http<unknown>('/shipments', { method: 'POST', body: input }));
          return { shipment: parse(shipmentSchema, answer, 'POST /shipments'), created: true };
        } catch (err) {
          if (err instanceof AppError && err.status === 409) {
            const existing = shipmentSchema.safeParse(err.detail);
            return { shipment: existing.success ? existing.data : { CustomKey: input.CustomKey }, created: false };
          }
          const again = err instanceof AppError && err.errorClass === 'unknown_outcome' && attempt < TRIES_AFTER_TIMEOUT;
          if (!again) throw err;
        }
      }
    },

    /**
     * PUT /inventory in batches of at most 500. Levels are absolute, so a repeated batch is
     * harmless; `onBatch` runs after each accepted batch so the caller can record progress.
     */
    async putInventory(
      items: InventoryLevel[],
      onBatch?: (batch: InventoryLevel[], result: { updated: number; unknown: string[] }) => Promise<void> | void,
    ): Promise<{ updated: number; unknown: string[]; batches: number }> {
      let updated = 0;
      let batches = 0;
      const unknown: string[] = [];
      for (let i = 0; i < items.length; i += INVENTORY_BATCH) {
        const batch = items.slice(i, i + INVENTORY_BATCH);
        const answer = parse(inventoryAnswer, await politely(() => http<unknown>('/inventory', { method: 'PUT', body: { Items: batch } })), 'PUT /inventory');
        batches++;
        updated += answer.Updated;
        unknown.push(...answer.Unknown);
        await onBatch?.(batch, { updated: answer.Updated, unknown: answer.Unknown });
      }
      return { updated, unknown, batches };
    },

    /** GET /products/{Sku}; null when the store has no such product. */
    async getProduct(sku: string): Promise<ClarityProduct | null> {
      try {
        return parse(productSchema, await politely(() => http<unknown>(`/products/${encodeURIComponent(sku)}`)), 'GET /products');
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return null;
        throw err;
      }
    },

    /** PATCH /products/{Sku} with only the fields the connector owns; null when it does not exist. */
    async patchProduct(sku: string, patch: ProductPatch): Promise<ClarityProduct | null> {
      try {
        const answer = await politely(() => http<unknown>(`/products/${encodeURIComponent(sku)}`, { method: 'PATCH', body: patch }));
        return parse(productSchema, answer ?? { Sku: sku }, 'PATCH /products');
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return null;
        throw err;
      }
    },

    /** GET /products?modifiedSince, page by page (oldest change first). */
    async *listProducts(o: { modifiedSince?: string; pageSize?: number } = {}) {
      const pageSize = o.pageSize ?? 100;
      for (let page = 1; ; page++) {
        const answer = parse(productPage, await politely(() => http<unknown>('/products', {
          query: { modifiedSince: o.modifiedSince, page, pageSize },
        })), 'GET /products');
        if (answer.Results.length) yield { products: answer.Results, totalCount: answer.TotalCount ?? null, page };
        const pages = answer.TotalPages ?? Number.POSITIVE_INFINITY;
        if (answer.Results.length < pageSize || page >= pages) return;
      }
    },
  };
}
export type ClarityFulfillment = ReturnType<typeof clarityFulfillment>;
