package com.speeddata.jobs.access;

import java.util.Objects;

/**
 * Who is calling: the tenant that owns what the call stores or reads, the key it came with (null in single-user
 * mode), the tier that bounds it, and whether it may read across tenants for operations.
 */
public record Caller(String tenant, String keyId, Tier tier, boolean admin) {
    public Caller {
        Tenants.require(tenant);
        Objects.requireNonNull(tier, "tier");
    }

    /**
     * The one caller of single-user mode: tenant {@code local}, unlimited. Not an admin: it sees its own tenant's
     * things, as every caller does, even when other tenants' rows remain from a spell in multi-user mode.
     */
    public static final Caller LOCAL = new Caller(
            Tenants.LOCAL,
            null,
            new Tier(
                    "single_user",
                    Integer.MAX_VALUE,
                    Double.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Double.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    0),
            false);

    /** A caller with a key: counted against its tier. Single-user mode's caller is not. */
    public boolean limited() {
        return keyId != null;
    }

    /** May read operations data (/metrics): admin keys, and the one user of single-user mode. */
    public boolean operator() {
        return admin || !limited();
    }
}
