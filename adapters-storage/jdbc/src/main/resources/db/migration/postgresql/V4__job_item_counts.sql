-- Jobs over a known number of items (scoring batches) count them: done, failed, in all. Other jobs keep zeros.
ALTER TABLE job ADD COLUMN progress_done BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job ADD COLUMN progress_failed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job ADD COLUMN progress_total BIGINT NOT NULL DEFAULT 0;
