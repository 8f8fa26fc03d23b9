ALTER TABLE `order_links` ADD `create_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_links` ADD `clarity_updated_at` text;