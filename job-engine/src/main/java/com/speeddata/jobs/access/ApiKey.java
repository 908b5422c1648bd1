package com.speeddata.jobs.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored API key: never the key itself, only the SHA-256 of its secret ({@link KeyToken}).
 *
 * @param expiresAt null when the key does not expire
 * @param revokedAt null while the key is not revoked
 */
public record ApiKey(
        String id,
        String secretHash,
        String tenant,
        String tier,
        String name,
        boolean admin,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secretHash, "secretHash");
        Tenants.require(tenant);
        Objects.requireNonNull(tier, "tier");
        name = name == null ? "" : name;
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** True when the key may be used at {@code now}: not revoked and not expired. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
