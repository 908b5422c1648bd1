package com.speeddata.jobs.access;

import java.util.Objects;

/**
 * Which bucket: a tenant's, for one policy name.
 *
 * @param tenant the tenant's name, as {@link Tenants#RULE} has it (which keeps it within the column's size)
 * @param name   the policy's name ({@link RatePolicy#name()})
 */
public record BucketKey(String tenant, String name) {
    public BucketKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Tenants.require(tenant);
    }

    public static BucketKey of(String tenant, RatePolicy policy) {
        return new BucketKey(tenant, policy.name());
    }
}
