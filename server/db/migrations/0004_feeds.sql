CREATE TABLE `inventory_levels` (
	`store_id` text NOT NULL,
	`item_code` text NOT NULL,
	`warehouse_code` text NOT NULL,
	`on_hand` real NOT NULL,
	`on_sales_order` real NOT NULL,
	`on_back_order` real NOT NULL,
	`on_purchase_order` real NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `item_code`, `warehouse_code`)
);
--> statement-breakpoint
CREATE TABLE `item_skus` (
	`store_id` text NOT NULL,
	`sku` text NOT NULL,
	`item_code` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `sku`)
);
--> statement-breakpoint
CREATE INDEX `item_skus_item` ON `item_skus` (`store_id`,`item_code`);--> statement-breakpoint
CREATE TABLE `payment_reconciliations` (
	`store_id` text NOT NULL,
	`clarity_order_id` text NOT NULL,
	`sales_order_no` text,
	`run_id` text NOT NULL,
	`status` text NOT NULL,
	`clarity_amount` real NOT NULL,
	`sage_amount` real NOT NULL,
	`detail` text,
	`checked_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `clarity_order_id`)
);
--> statement-breakpoint
CREATE INDEX `payment_reconciliations_status` ON `payment_reconciliations` (`store_id`,`status`,`checked_at`);--> statement-breakpoint
CREATE TABLE `sage_invoices` (
	`store_id` text NOT NULL,
	`invoice_no` text NOT NULL,
	`header_seq_no` text NOT NULL,
	`sales_order_no` text NOT NULL,
	`posted` integer NOT NULL,
	`invoice_date` text,
	`deposit_amt` real NOT NULL,
	`total_amt` real,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `invoice_no`, `header_seq_no`)
);
--> statement-breakpoint
CREATE INDEX `sage_invoices_order` ON `sage_invoices` (`store_id`,`sales_order_no`);