package com.speeddata.jobs.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out-port: the stored API keys, shared by every instance. */
public interface ApiKeyStore {

    /** Stores a new key; its id is fresh (random), so a clash is a bug and throws. */
    void add(ApiKey key);

    Optional<ApiKey> find(String id);

    /** The keys of one tenant, or of every tenant when {@code tenant} is null, oldest first. */
    List<ApiKey> list(String tenant);

    /** Marks the key revoked at {@code now}; false when there is no such key or it was revoked already. */
    boolean revoke(String id, Instant now);

    /** Stores a stream ticket (its hash) for a key until {@code expiresAt}; forgets tickets expired by {@code now}. */
    void addTicket(String ticketHash, String keyId, Instant expiresAt, Instant now);

    /**
     * Takes a ticket once: the key id it was issued for, and the ticket is gone. Empty when it is unknown, expired
     * at {@code now}, or taken already (by any instance).
     */
    Optional<String> takeTicket(String ticketHash, Instant now);
}
