ALTER TABLE `deliveries` ADD `subject_type` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `subject_version` text;--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_subject_version` ON `deliveries` (`store_id`,`subject_type`,`subject_id`,`subject_version`) WHERE subject_version is not null;