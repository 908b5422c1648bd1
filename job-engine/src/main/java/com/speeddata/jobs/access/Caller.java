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

    /** The one caller of single-user mode: tenant {@code local}, unlimited, allowed everything. */
    public static final Caller LOCAL = new Caller(Tenants.LOCAL, null,
            new Tier("single_user", Integer.MAX_VALUE, Double.MAX_VALUE, Integer.MAX_VALUE, Double.MAX_VALUE,
                    Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0), true);

    public boolean limited() {
        return keyId != null;
    }
}
