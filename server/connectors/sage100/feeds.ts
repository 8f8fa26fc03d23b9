import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { SageHttp } from './http';
import { sageStampFloorSeconds, sageStampToSeconds, secondsToIso } from '../../core/sage-time';
import { sageCall } from './call';
import { itemSchema, itemWarehouseSchema, pageOf, salesOrderHistorySchema, salesOrderSchema } from './schemas';

/**
 * Typed readers of the gateway's change feeds (`?changedSince&page&pageSize`, contracts/sage100.md):
 * shipping entries, posted invoices, item-warehouse quantities, items, open orders and order
 * history. Each is an async iterator over pages, so a caller holds one page at a time.
 */
const optStr = z.string().nullish();
const optNum = z.coerce.number().nullish();
const stamp = { DateUpdated: optStr, TimeUpdated: z.union([z.string(), z.number()]).transform(String).nullish() };

export const trackingSchema = z.looseObject({
  PackageNo: z.union([z.string(), z.number()]).transform(String),
  TrackingID: z.string().nullish().transform((v) => v?.trim() ?? ''),
  StarshipShipVia: optStr,
});

export const invoiceLineSchema = z.looseObject({
  ItemCode: optStr,
  ItemType: z.union([z.string(), z.number()]).transform(String).nullish(),
  ItemCodeDesc: optStr,
  QuantityOrdered: optNum,
  QuantityShipped: z.coerce.number().catch(0),
  UnitOfMeasure: optStr,
});

/** A shipping entry (SO_InvoiceHeader with its tracking and lines), not yet posted. */
export const invoiceSchema = z.looseObject({
  InvoiceNo: z.string().min(1),
  SalesOrderNo: z.string().nullish().transform((v) => v ?? ''),
  CustomerPONo: optStr,
  ARDivisionNo: optStr,
  CustomerNo: optStr,
  InvoiceDate: optStr,
  ShipDate: optStr,
  ShipVia: optStr,
  FreightAmt: optNum,
  SalesTaxAmt: optNum,
  DepositAmt: optNum,
  Tracking: z.array(trackingSchema).nullish().transform((t) => t ?? []),
  Lines: z.array(invoiceLineSchema).nullish().transform((l) => l ?? []),
  ...stamp,
});
export type SageInvoice = z.infer<typeof invoiceSchema>;
export type SageInvoiceLine = z.infer<typeof invoiceLineSchema>;

/** A posted invoice (AR_InvoiceHistoryHeader): the same shape plus HeaderSeqNo and totals. */
export const invoiceHistorySchema = invoiceSchema.extend({
  HeaderSeqNo: z.union([z.string(), z.number()]).transform(String).nullish(),
  InvoiceTotal: optNum,
  TaxableSalesAmt: optNum,
  NonTaxableSalesAmt: optNum,
  DiscountAmt: optNum,
});
export type SageInvoiceHistory = z.infer<typeof invoiceHistorySchema>;

export type SageItemRow = z.infer<typeof itemSchema>;
export type SageItemWarehouseRow = z.infer<typeof itemWarehouseSchema>;
const openOrderSchema = salesOrderSchema.extend(stamp);
const orderHistorySchema = salesOrderHistorySchema.extend(stamp);
export type SageOpenOrderRow = z.infer<typeof openOrderSchema>;
export type SageOrderHistoryRow = z.infer<typeof orderHistorySchema>;

export interface FeedRow<T> {
  row: T;
  /** The record's key in the feed (e.g. "ITEM|000"). */
  key: string;
  /** Stamp seconds from DateUpdated + TimeUpdated (server/core/sage-time.ts); null if the row has none. */
  stamp: number | null;
}

export interface FeedPage<T> {
  rows: Array<FeedRow<T>>;
  /** Rows matching the read when it started, for progress; null when the gateway does not say. */
  totalCount: number | null;
  /** Requests made so far in this read. */
  requests: number;
}

export interface ReadOptions {
  /** Stamp seconds to read from; null reads from the beginning. */
  since: number | null;
  /** Rows per request; the gateway allows at most 1000. */
  pageSize?: number;
  /** Stop after this many rows; the caller's watermark resumes from there next time. */
  maxRows?: number;
  /** Extra filters, e.g. WarehouseCode. */
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/** Where "from the beginning" starts: before any Sage 100 data. */
const BEGINNING = Date.UTC(1980, 0, 1) / 1000;

type Stamped = { DateUpdated?: string | null; TimeUpdated?: string | null };

/**
 * Pages through a change feed. Plain page numbers are unsafe over a feed: a row updated while we
 * read moves to the end and shifts every later page by one, so a row would be skipped. Instead,
 * after each full page the read restarts from the second of the last row it saw (rounded down,
 * so that row comes again whichever way the gateway rounds decimal hours), dropping the rows it
 * re-reads. Page numbers are used only while whole pages sit within one second (a mass update):
 * those rows are never read again, so only the last page's rows are kept for the dedupe.
 */
export async function* readChangedSince<S extends z.ZodType<Stamped>>(
  http: SageHttp, path: string, schema: S, keyOf: (row: z.output<S>) => string, opts: ReadOptions,
): AsyncGenerator<FeedPage<z.output<S>>> {
  const pageSize = Math.min(1000, Math.max(1, opts.pageSize ?? 1000));
  const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
  const pageSchema = pageOf(schema);
  let since = Math.max(BEGINNING, opts.since ?? BEGINNING);
  let page = 1;
  let requests = 0;
  let delivered = 0;
  let totalCount: number | null = null;
  /** Keys delivered at or after `since` (the second a restart reads from), which it reads again. */
  let boundary = new Set<string>();
  for (;;) {
    if (opts.signal?.aborted) throw new AppError('Aborted', `read of ${path} stopped`, { errorClass: 'transient' });
    const answer = await sageCall(http, pageSchema, path, {
      // Sage stamps carry no zone; the gateway reads changedSince on the same wall clock, marked Z.
      query: { ...opts.query, changedSince: `${secondsToIso(since)}Z`, page, pageSize },
    });
    requests++;
    if (totalCount === null && answer.TotalCount != null) totalCount = Number(answer.TotalCount);
    const results = answer.Results as Array<z.output<S>>;
    const rows: Array<FeedRow<z.output<S>> & { second: number }> = results.map((row) => ({
      row, key: keyOf(row), stamp: sageStampToSeconds(row.DateUpdated, row.TimeUpdated),
      second: sageStampFloorSeconds(row.DateUpdated, row.TimeUpdated) ?? since,
    }));
    const fresh = rows.filter((r) => !boundary.has(`${r.second}|${r.key}`)).slice(0, Math.max(0, maxRows - delivered));
    if (fresh.length) {
      delivered += fresh.length;
      yield { rows: fresh.map(({ row, key, stamp }) => ({ row, key, stamp })), totalCount, requests };
    }
    if (rows.length < pageSize || delivered >= maxRows) return;
    const next = rows[rows.length - 1].second;
    if (next > since) {
      const kept = new Set<string>();
      for (const k of boundary) if (Number(k.slice(0, k.indexOf('|'))) >= next) kept.add(k);
      for (const r of rows) if (r.second >= next) kept.add(`${r.second}|${r.key}`);
      boundary = kept;
      since = next;
      page = 1;
    } else {
      page++;
    }
  }
}

export const invoiceKey = (r: SageInvoice) => r.InvoiceNo;
export const invoiceHistoryKey = (r: SageInvoiceHistory) => `${r.InvoiceNo}|${r.HeaderSeqNo ?? ''}`;
export const itemWarehouseKey = (r: SageItemWarehouseRow) => `${r.ItemCode}|${r.WarehouseCode}`;
export const itemKey = (r: SageItemRow) => r.ItemCode;
export const orderKey = (r: { SalesOrderNo: string }) => r.SalesOrderNo;

export function sageFeeds(http: SageHttp) {
  return {
    /** GET /SO/Invoice: shipping entries not yet posted. */
    invoices: (o: ReadOptions) => readChangedSince(http, '/SO/Invoice', invoiceSchema, invoiceKey, o),
    /** GET /AR/InvoiceHistory: posted invoices. */
    invoiceHistory: (o: ReadOptions) => readChangedSince(http, '/AR/InvoiceHistory', invoiceHistorySchema, invoiceHistoryKey, o),
    /** GET /IM/ItemWarehouse: quantities per item and warehouse. */
    itemWarehouses: (o: ReadOptions) => readChangedSince(http, '/IM/ItemWarehouse', itemWarehouseSchema, itemWarehouseKey, o),
    /** GET /CI/Item: descriptions, prices, inactive flags. */
    items: (o: ReadOptions) => readChangedSince(http, '/CI/Item', itemSchema, itemKey, o),
    /** GET /SO/SalesOrder?changedSince: open orders (hold, release, status changes). */
    salesOrders: (o: ReadOptions) => readChangedSince(http, '/SO/SalesOrder', openOrderSchema, orderKey, o),
    /** GET /SO/SalesOrderHistory?changedSince, where the gateway offers it: completed and deleted orders. */
    salesOrderHistory: (o: ReadOptions) => readChangedSince(http, '/SO/SalesOrderHistory', orderHistorySchema, orderKey, o),
  };
}
export type SageFeeds = ReturnType<typeof sageFeeds>;
