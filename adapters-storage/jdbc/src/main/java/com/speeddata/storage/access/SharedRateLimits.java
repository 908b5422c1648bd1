package com.speeddata.storage.access;

import com.speeddata.jobs.access.EmptyBucketCache;
import com.speeddata.jobs.access.FailOpenRateLimits;
import com.speeddata.jobs.access.InMemoryRateLimits;
import com.speeddata.jobs.access.RateLimits;
import com.speeddata.storage.Database;
import com.speeddata.storage.Dialect;

/** The rate buckets a server should use with its database: the one call the wiring needs. */
public final class SharedRateLimits {
    private SharedRateLimits() {}

    /**
     * PostgreSQL: the shared table, falling back to this instance's own buckets while the database fails (see
     * {@link FailOpenRateLimits}), with empty buckets refused here until their next token is due
     * ({@link EmptyBucketCache}: a tenant far over its rate costs no round trip per request). The embedded H2:
     * buckets in memory, exact since only one process opens it.
     */
    public static RateLimits of(Database database) {
        return database.dialect() == Dialect.POSTGRESQL
                ? new EmptyBucketCache(new FailOpenRateLimits(new PostgresRateLimits(database)))
                : new InMemoryRateLimits();
    }
}
