-- Durable jobs. Keep in step with ../postgresql/V2 (H2 has no partial indexes, so these index the status).
CREATE TABLE job (
    id                  UUID PRIMARY KEY,
    kind                VARCHAR(64)   NOT NULL,
    owner               VARCHAR(200)  NOT NULL,
    request_hash        VARCHAR(64)   NOT NULL,
    payload             CHARACTER LARGE OBJECT NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    progress_percent    INTEGER       NOT NULL DEFAULT 0,
    progress_message    VARCHAR(500)  NOT NULL DEFAULT '',
    attempts            INTEGER       NOT NULL DEFAULT 0,
    max_attempts        INTEGER       NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE,
    finished_at         TIMESTAMP WITH TIME ZONE,
    run_after           TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner         VARCHAR(200),
    lease_expires_at    TIMESTAMP WITH TIME ZONE,
    cancel_requested    BOOLEAN       NOT NULL DEFAULT FALSE,
    result_bytes        BIGINT,
    result_sha256       VARCHAR(64),
    result_content_type VARCHAR(100),
    result_location     VARCHAR(300),
    error_code          VARCHAR(64),
    error_message       VARCHAR(2000),
    expires_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT job_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'expired'))
);

CREATE INDEX job_status_run_after ON job (status, run_after, created_at);
CREATE INDEX job_status_lease ON job (status, lease_expires_at);
CREATE INDEX job_status_expiry ON job (status, expires_at);
CREATE INDEX job_owner_created ON job (owner, created_at DESC);
