-- Per-tenant job quotas and fair claiming. Keep in step with ../postgresql/V6 (H2 has no partial indexes, so the
-- index starts with the status; claims order by "status, owner, ..." so that H2 reads it in order).
ALTER TABLE job ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job ADD COLUMN max_running INTEGER NOT NULL DEFAULT 2147483647;

CREATE INDEX job_status_owner_run_after ON job (status, owner, run_after, created_at);
DROP INDEX job_status_run_after;
