-- Multi-user mode: signals belong to a tenant (jobs and events already carry theirs in `owner`), and API keys.
-- Everything stored before belongs to tenant 'local', the one tenant of single-user mode. Keep in step with ../h2/V5.
ALTER TABLE signal ADD COLUMN owner VARCHAR(200) COLLATE "C" NOT NULL DEFAULT 'local';
ALTER TABLE signal DROP CONSTRAINT signal_channel_name_key;
ALTER TABLE signal ADD CONSTRAINT signal_owner_channel_name_key UNIQUE (owner, channel, name);

-- One row per key. The key itself (sd_<id>_<secret>) is shown once at creation; only the SHA-256 of its secret is
-- kept, so a copy of this table lets nobody in.
CREATE TABLE api_key (
    id          VARCHAR(16)   PRIMARY KEY,
    secret_hash VARCHAR(64)   NOT NULL,
    tenant      VARCHAR(200)  NOT NULL,
    tier        VARCHAR(64)   NOT NULL,
    name        VARCHAR(200)  NOT NULL DEFAULT '',
    admin       BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_key_tenant ON api_key (tenant, created_at);

-- Single-use tickets for browsers' WebSocket connections (a browser cannot set headers on one, and a key never
-- travels in a URL): the SHA-256 of the ticket, the key it stands for, and a short expiry. Redeeming deletes it.
CREATE TABLE stream_ticket (
    ticket_hash VARCHAR(64)  PRIMARY KEY,
    key_id      VARCHAR(16)  NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
