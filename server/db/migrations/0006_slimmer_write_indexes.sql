DROP INDEX `deliveries_subject`;--> statement-breakpoint
DROP INDEX `deliveries_subject_version`;--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_subject_version` ON `deliveries` (`store_id`,`subject_type`,`subject_id`,`subject_version`);--> statement-breakpoint
DROP INDEX `jobs_finished`;--> statement-breakpoint
CREATE INDEX `jobs_finished` ON `jobs` (`finished_at`) WHERE finished_at is not null;