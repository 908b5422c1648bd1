-- Token buckets of the per-tenant rate limits (issue 9), one row per (tenant, policy name), shared by every
-- instance. The H2 V7 is empty on purpose: the embedded database has one process, which counts in memory.
--
-- UNLOGGED: a bucket is not worth a WAL record. After a PostgreSQL crash the table comes back empty (every bucket
-- full again) and a standby does not have it; a tenant then gets one extra burst, nothing worse.
-- fillfactor 50: each take rewrites its row; with room on the page the new version stays there (a HOT update, no
-- index change), and pages are pruned as they go instead of bloating until autovacuum comes.
CREATE UNLOGGED TABLE rate_bucket (
    tenant         VARCHAR(200)     NOT NULL,   -- BucketKey.MAX_TENANT_LENGTH
    name           VARCHAR(64)      NOT NULL,   -- RatePolicy name: score, export
    per_second     DOUBLE PRECISION NOT NULL,   -- the policy of the last take (for operators; each take brings its own)
    burst          INTEGER          NOT NULL,
    tokens         DOUBLE PRECISION NOT NULL,   -- left after the last take, in [0, burst]
    refilled_at_us BIGINT           NOT NULL,   -- microseconds since the epoch: the latest instant credited
    taken          BOOLEAN          NOT NULL,   -- whether the last take got a token (RETURNING sees only new values)
    PRIMARY KEY (tenant, name)
) WITH (fillfactor = 50);
