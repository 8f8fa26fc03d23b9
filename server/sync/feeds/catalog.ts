import { DEFAULT_POLICY, type IntervalPolicy } from '../adaptive-interval';

/**
 * The feeds that carry Sage's side back to Clarity, each polled on its own schedule with its own
 * watermark. Intervals are defaults; a store's settings may change them (settings.ts).
 */
export const FEED_NAMES = ['shipments', 'posted-invoices', 'inventory', 'items', 'order-status', 'payments'] as const;
export type FeedName = (typeof FEED_NAMES)[number];

export interface FeedSpec {
  /** What it reads, for people. */
  description: string;
  policy: IntervalPolicy;
  /** Polled fast right after an order went to Sage (its stock, status and shipments move next). */
  wakesOnOrder: boolean;
}

const policy = (fastMs: number, slowMs: number): IntervalPolicy => ({ ...DEFAULT_POLICY, fastMs, slowMs });

export const FEEDS: Record<FeedName, FeedSpec> = {
  shipments: { description: 'Sage shipping entries (SO/Invoice) → Clarity shipments', policy: policy(10_000, 5 * 60_000), wakesOnOrder: true },
  'posted-invoices': { description: 'Posted invoices (AR/InvoiceHistory) → shipments, order completion, payment data', policy: policy(30_000, 10 * 60_000), wakesOnOrder: false },
  inventory: { description: 'Item-warehouse quantities (IM/ItemWarehouse) → Clarity inventory', policy: policy(10_000, 5 * 60_000), wakesOnOrder: true },
  items: { description: 'Items and prices (CI/Item) → Clarity products', policy: policy(60_000, 30 * 60_000), wakesOnOrder: false },
  'order-status': { description: 'Hold, release, cancel and close in Sage → Clarity order status', policy: policy(5_000, 5 * 60_000), wakesOnOrder: true },
  payments: { description: 'Daily reconciliation of Clarity payments against Sage deposits and invoices', policy: policy(60_000, 24 * 3_600_000), wakesOnOrder: false },
};

export const isFeedName = (v: string): v is FeedName => (FEED_NAMES as readonly string[]).includes(v);

/** Jobs with this key never run at once: one feed of one store is never polled twice at a time. */
export const feedOrderingKey = (storeId: string, feed: string) => `feed:${storeId}:${feed}`;

/** Job kinds of the feeds (the handler map in main.ts binds them). */
export const FEED_JOB = {
  poll: 'feed.poll',
  resync: 'feed.resync',
  backfillOrders: 'feed.backfill-orders',
  /** A product changed in the store (Clarity's product.updated, routed by server/webhooks/topics.ts). */
  productSync: 'product.sync',
} as const;
