import { sqliteTable, text, integer, real, primaryKey, index } from 'drizzle-orm/sqlite-core';

/**
 * Sage's quantities per item and warehouse as last read. Several warehouses may feed one Clarity
 * location (their availability is summed), so a change in one warehouse needs the others' last
 * values; quantities are kept raw so a settings change (purchase orders in or out) needs no re-read.
 */
export const inventoryLevels = sqliteTable('inventory_levels', {
  storeId: text('store_id').notNull(),
  itemCode: text('item_code').notNull(),
  warehouseCode: text('warehouse_code').notNull(),
  onHand: real('on_hand').notNull(),
  onSalesOrder: real('on_sales_order').notNull(),
  onBackOrder: real('on_back_order').notNull(),
  onPurchaseOrder: real('on_purchase_order').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.storeId, t.itemCode, t.warehouseCode] })]);

/**
 * Which Clarity SKU sells a Sage item, where it is not the item code itself: a SKU override in the
 * mapping config, or a Sage alias (IM_AliasItem). One item may sell under several SKUs.
 */
export const itemSkus = sqliteTable('item_skus', {
  storeId: text('store_id').notNull(),
  sku: text('sku').notNull(),
  itemCode: text('item_code').notNull(),
  source: text('source', { enum: ['override', 'alias', 'same'] }).notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.storeId, t.sku] }),
  index('item_skus_item').on(t.storeId, t.itemCode),
]);

/**
 * Sage invoices seen by the shipment feeds, with the amounts payments reconcile against. An
 * unposted shipping entry has headerSeqNo ''; once posted, the AR history row replaces it.
 */
export const sageInvoices = sqliteTable('sage_invoices', {
  storeId: text('store_id').notNull(),
  invoiceNo: text('invoice_no').notNull(),
  headerSeqNo: text('header_seq_no').notNull(),
  salesOrderNo: text('sales_order_no').notNull(),
  posted: integer('posted', { mode: 'boolean' }).notNull(),
  invoiceDate: text('invoice_date'),
  depositAmt: real('deposit_amt').notNull(),
  totalAmt: real('total_amt'),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.storeId, t.invoiceNo, t.headerSeqNo] }),
  index('sage_invoices_order').on(t.storeId, t.salesOrderNo),
]);

/**
 * The latest payment reconciliation of each order: what Clarity took, what Sage holds as deposits
 * and on invoices, and the verdict (matched, missing, amount_differs, sage_only).
 */
export const paymentReconciliations = sqliteTable('payment_reconciliations', {
  storeId: text('store_id').notNull(),
  clarityOrderId: text('clarity_order_id').notNull(),
  salesOrderNo: text('sales_order_no'),
  runId: text('run_id').notNull(),
  status: text('status', { enum: ['matched', 'missing', 'amount_differs', 'sage_only'] }).notNull(),
  clarityAmount: real('clarity_amount').notNull(),
  sageAmount: real('sage_amount').notNull(),
  detail: text('detail', { mode: 'json' }),
  checkedAt: integer('checked_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.storeId, t.clarityOrderId] }),
  index('payment_reconciliations_status').on(t.storeId, t.status, t.checkedAt),
]);
