CREATE TABLE `installations` (
	`store_id` text PRIMARY KEY NOT NULL,
	`store_name` text NOT NULL,
	`api_base_url` text NOT NULL,
	`client_id` text NOT NULL,
	`client_secret_enc` text,
	`webhook_secret_enc` text,
	`api_key_enc` text,
	`admin_user_email` text,
	`status` text NOT NULL,
	`sage_gateway_url` text,
	`sage_api_key_enc` text,
	`sage_company` text,
	`installed_at` integer NOT NULL,
	`uninstalled_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mapping_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`version` integer NOT NULL,
	`config` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `installations`(`store_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`topic` text NOT NULL,
	`source` text NOT NULL,
	`subject_id` text,
	`body` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_store_webhook` ON `deliveries` (`store_id`,`webhook_id`);--> statement-breakpoint
CREATE INDEX `deliveries_subject` ON `deliveries` (`store_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `job_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` text NOT NULL,
	`attempt_no` integer NOT NULL,
	`worker` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`outcome` text NOT NULL,
	`error_class` text,
	`error_code` text,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `job_attempts_job` ON `job_attempts` (`job_id`,`attempt_no`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`store_id` text NOT NULL,
	`ordering_key` text,
	`target` text,
	`state` text NOT NULL,
	`payload` text NOT NULL,
	`delivery_id` text,
	`priority` integer DEFAULT 0 NOT NULL,
	`run_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 10 NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`error_class` text,
	`error_code` text,
	`last_error` text,
	`result` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_id_unique` ON `jobs` (`id`);--> statement-breakpoint
CREATE INDEX `jobs_ready` ON `jobs` (`state`,`run_at`);--> statement-breakpoint
CREATE INDEX `jobs_key` ON `jobs` (`ordering_key`,`state`);--> statement-breakpoint
CREATE INDEX `jobs_store_state` ON `jobs` (`store_id`,`state`,`kind`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`opened_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `alerts_store_open` ON `alerts` (`store_id`,`kind`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`reason` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_store_at` ON `audit_log` (`store_id`,`at`);--> statement-breakpoint
CREATE TABLE `customer_links` (
	`store_id` text NOT NULL,
	`match_key` text NOT NULL,
	`ar_division_no` text NOT NULL,
	`customer_no` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `match_key`)
);
--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`clarity_order_id` text NOT NULL,
	`at` integer NOT NULL,
	`step` text NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`detail` text,
	`job_id` text
);
--> statement-breakpoint
CREATE INDEX `order_events_order` ON `order_events` (`store_id`,`clarity_order_id`,`at`);--> statement-breakpoint
CREATE TABLE `order_links` (
	`store_id` text NOT NULL,
	`clarity_order_id` text NOT NULL,
	`clarity_order_key` text,
	`state` text NOT NULL,
	`ar_division_no` text,
	`customer_no` text,
	`customer_po_no` text NOT NULL,
	`sales_order_no` text,
	`sage_status` text,
	`clarity_status` text,
	`hold_reason` text,
	`warnings` text,
	`mapped` text,
	`payload_hash` text,
	`written_back_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `clarity_order_id`)
);
--> statement-breakpoint
CREATE INDEX `order_links_so` ON `order_links` (`store_id`,`sales_order_no`);--> statement-breakpoint
CREATE INDEX `order_links_state` ON `order_links` (`store_id`,`state`);--> statement-breakpoint
CREATE TABLE `feed_states` (
	`store_id` text NOT NULL,
	`feed` text NOT NULL,
	`watermark` text,
	`seen_at_watermark` text,
	`interval_ms` integer,
	`next_poll_at` integer,
	`last_poll_at` integer,
	`last_success_at` integer,
	`last_change_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`progress` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `feed`)
);
--> statement-breakpoint
CREATE TABLE `sync_hashes` (
	`store_id` text NOT NULL,
	`feed` text NOT NULL,
	`record_key` text NOT NULL,
	`hash` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `feed`, `record_key`)
);
