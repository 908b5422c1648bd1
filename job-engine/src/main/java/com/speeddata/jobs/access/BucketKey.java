package com.speeddata.jobs.access;

import java.util.Objects;

/**
 * Which bucket: a tenant's, for one policy name.
 *
 * @param tenant the tenant's name, not blank, at most {@value #MAX_TENANT_LENGTH} characters (the column's size)
 * @param name   the policy's name ({@link RatePolicy#name()})
 */
public record BucketKey(String tenant, String name) {
    public static final int MAX_TENANT_LENGTH = 200;

    public BucketKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        if (tenant.isBlank() || tenant.length() > MAX_TENANT_LENGTH) {
            throw new IllegalArgumentException("a tenant name is 1 to " + MAX_TENANT_LENGTH
                    + " characters, not blank: '" + tenant + "'");
        }
    }

    public static BucketKey of(String tenant, RatePolicy policy) {
        return new BucketKey(tenant, policy.name());
    }
}
