DROP INDEX `jobs_ready`;--> statement-breakpoint
DROP INDEX `jobs_key`;--> statement-breakpoint
ALTER TABLE `jobs` ADD `attempts_base` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `cancel_requested_at` integer;--> statement-breakpoint
CREATE INDEX `jobs_target_running` ON `jobs` (`target`) WHERE state = 'running';--> statement-breakpoint
CREATE INDEX `jobs_lease` ON `jobs` (`lease_expires_at`) WHERE state = 'running';--> statement-breakpoint
CREATE INDEX `jobs_finished` ON `jobs` (`finished_at`);--> statement-breakpoint
CREATE INDEX `jobs_delivery` ON `jobs` (`delivery_id`);--> statement-breakpoint
CREATE INDEX `jobs_ready` ON `jobs` (priority desc,`run_at`,`seq`) WHERE state in ('queued', 'retrying');--> statement-breakpoint
CREATE INDEX `jobs_key` ON `jobs` (`store_id`,`ordering_key`,`seq`) WHERE ordering_key is not null;