-- Per-tenant job quotas and fair claiming (issue 9). Keep in step with ../h2/V6.
-- Each job carries its owner's limits as submitted (JobQuota): a claim on any instance reads them from the rows.
-- The defaults are JobQuota.UNLIMITED: jobs stored before quotas existed keep running as they did.
ALTER TABLE job ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job ADD COLUMN max_running INTEGER NOT NULL DEFAULT 2147483647;

-- Claims go tenant by tenant: the distinct owners of queued jobs (a loose index scan), each owner's next job in
-- (run_after, created_at) order, and a submit's count of its owner's queue all read this one index. It replaces
-- job_queued (run_after, created_at), which served one queue for everybody.
CREATE INDEX job_queued_owner ON job (owner, run_after, created_at) WHERE status = 'queued';
DROP INDEX job_queued;
