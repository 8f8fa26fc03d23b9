import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';

/**
 * The link between a Clarity order and its Sage sales order. Written before the Sage call, so a
 * retry after a timeout or crash knows to look for an order it may already have made.
 */
export const orderLinks = sqliteTable('order_links', {
  storeId: text('store_id').notNull(),
  clarityOrderId: text('clarity_order_id').notNull(),
  clarityOrderKey: text('clarity_order_key'),
  /** pending: about to create; created; held (by a rule, in the app); cancelled; failed */
  state: text('state').notNull(),
  arDivisionNo: text('ar_division_no'),
  customerNo: text('customer_no'),
  customerPONo: text('customer_po_no').notNull(),
  salesOrderNo: text('sales_order_no'),
  sageStatus: text('sage_status'),
  clarityStatus: text('clarity_status'),
  holdReason: text('hold_reason'),
  warnings: text('warnings', { mode: 'json' }).$type<string[]>(),
  /** The last mapped sales order (for the panel's side-by-side view). */
  mapped: text('mapped', { mode: 'json' }),
  payloadHash: text('payload_hash'),
  /** How many times a create was sent to Sage: above 0 and not 'created', a retry must look the order up first. */
  createAttempts: integer('create_attempts').notNull().default(0),
  /** Clarity's UpdatedDate of the newest order version handled, so an older event arriving late is ignored. */
  clarityUpdatedAt: text('clarity_updated_at'),
  writtenBackAt: integer('written_back_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.storeId, t.clarityOrderId] }),
  index('order_links_so').on(t.storeId, t.salesOrderNo),
  index('order_links_state').on(t.storeId, t.state),
]);

/** The order's timeline: every step the connector took, for the panel. */
export const orderEvents = sqliteTable('order_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  storeId: text('store_id').notNull(),
  clarityOrderId: text('clarity_order_id').notNull(),
  at: integer('at').notNull(),
  step: text('step').notNull(),
  level: text('level', { enum: ['info', 'warn', 'error'] }).notNull(),
  message: text('message').notNull(),
  detail: text('detail', { mode: 'json' }),
  jobId: text('job_id'),
}, (t) => [index('order_events_order').on(t.storeId, t.clarityOrderId, t.at)]);

/** Which Sage customer a Clarity customer (or e-mail) became, so the slow e-mail scan runs once. */
export const customerLinks = sqliteTable('customer_links', {
  storeId: text('store_id').notNull(),
  /** "email:<lower-case e-mail>" or "account:<Clarity AccountID>" */
  matchKey: text('match_key').notNull(),
  arDivisionNo: text('ar_division_no').notNull(),
  customerNo: text('customer_no').notNull(),
  source: text('source').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.storeId, t.matchKey] })]);
