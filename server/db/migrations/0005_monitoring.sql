CREATE TABLE `monitor_states` (
	`store_id` text PRIMARY KEY NOT NULL,
	`last_check_at` integer,
	`gateway_failing_since` integer,
	`gateway_error` text,
	`exceptions_since` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `alerts` ADD `open_notice_at` integer;--> statement-breakpoint
ALTER TABLE `alerts` ADD `resolve_notice_at` integer;