import { z } from 'zod';

/**
 * Settings of the feeds that carry Sage's side back to Clarity (shipments, inventory, items and
 * prices, order status, payments), kept in the mapping config under `feeds`. The order status map
 * (whether a closed Sage order makes the Clarity order Completed: `status.sageToClarity.closed`),
 * the ship-via rules and the SKU overrides are the mapping's own and are read from there, reversed.
 */
const owner = z.enum(['sage', 'clarity']);
const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

const feedToggle = z.object({
  enabled: z.boolean().default(true),
  /** Overrides of the feed's poll intervals, in seconds. */
  fastSeconds: seconds(1, 3600).optional(),
  slowSeconds: seconds(5, 86_400).optional(),
});

export const feedSettingsSchema = z.object({
  /** Seconds each poll re-reads below its watermark, for Sage workstations whose clocks drift. */
  overlapSeconds: seconds(0, 3600).default(120),
  /** Consecutive failed polls of one feed before an alert opens. */
  failuresBeforeAlert: z.number().int().min(1).max(1000).default(5),
  shipments: feedToggle.extend({
    /**
     * A shipping entry with no tracking number: 'on-post' waits until the invoice is posted (tracking
     * is usually entered before), 'immediately' ships it at once, 'never' leaves it to a person.
     */
    withoutTracking: z.enum(['on-post', 'immediately', 'never']).default('on-post'),
  }).prefault({}),
  postedInvoices: feedToggle.prefault({}),
  inventory: feedToggle.extend({
    /** Sage's availability formula, optionally counting what is on purchase order. */
    includeOnPurchaseOrder: z.boolean().default(false),
    /** Held back from every location's available quantity (never below zero). */
    safetyBuffer: z.number().nonnegative().default(0),
    /**
     * Sage WarehouseCode → Clarity LocationKey. Several warehouses may feed one location (summed).
     * A warehouse not listed feeds the location named like itself, or nothing with `onlyMapped`.
     */
    locations: z.record(z.string().trim().min(1).max(3).transform((s) => s.toUpperCase()), z.string().trim().min(1)).default({}),
    onlyMapped: z.boolean().default(false),
    /** Rows read per poll at most; the watermark resumes from there on the next poll. */
    maxRowsPerPoll: z.number().int().min(1000).max(10_000_000).default(500_000),
  }).prefault({}),
  items: feedToggle.extend({
    /**
     * Which side owns each product field: 'sage' pushes Sage's value, 'clarity' leaves it alone.
     * Sage is the price and availability master; names are the store's by default, since web
     * names are written for shoppers and often run past Sage's 30 characters.
     */
    description: owner.default('clarity'),
    price: owner.default('sage'),
    active: owner.default('sage'),
    /** The Clarity field ItemCodeDesc (30 characters in Sage) goes to. */
    descriptionField: z.enum(['Name', 'Description']).default('Name'),
  }).prefault({}),
  orderStatus: feedToggle.extend({
    /** Open orders checked against Sage's history per poll, for cancels and closes no feed reports. */
    sweepPerPoll: z.number().int().min(0).max(500).default(25),
  }).prefault({}),
  payments: z.object({
    enabled: z.boolean().default(true),
    /** When the daily reconciliation runs (cron, server time). */
    schedule: z.string().trim().min(9).default('0 30 2 * * *'),
    /** Orders updated within this many days are reconciled. */
    lookbackDays: z.number().int().min(1).max(365).default(14),
    /** Differences up to this amount count as matched (rounding). */
    tolerance: z.number().nonnegative().max(100).default(0.01),
  }).prefault({}),
});

export type FeedSettings = z.infer<typeof feedSettingsSchema>;
export const defaultFeedSettings: FeedSettings = feedSettingsSchema.parse({});
