package com.speeddata.storage;

import com.zaxxer.hikari.HikariConfig;

/**
 * The rules that differ between the two databases, each in one place.
 *
 * <p>The embedded H2 runs in its PostgreSQL compatibility mode, so the adapters' DML (including
 * {@code INSERT ... ON CONFLICT DO NOTHING}, {@code LIMIT}, {@code FOR UPDATE}, {@code bytea}) is written once and
 * runs unchanged on both. What remains vendor-specific is the DDL (one Flyway folder per vendor) and how
 * connections are set up.
 */
public enum Dialect {
    H2("h2") {
        @Override
        void configure(HikariConfig config) {
            // Embedded: nothing to tune on the connection; the database settings live in the URL.
        }
    },
    POSTGRESQL("postgresql") {
        @Override
        void configure(HikariConfig config) {
            // Settings given in the URL itself win over these: the driver reads URL parameters last.
            config.addDataSourceProperty("ApplicationName", "speeddata");
            // One multi-row INSERT instead of one round trip per chunk.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            // Server-prepare from the first execution and fetch results in binary: bytea then arrives as raw
            // bytes instead of hex text (half the bytes on the wire, no hex decoding). Costs one extra round trip
            // per statement on first use per connection; the driver caches prepared statements afterwards.
            config.addDataSourceProperty("prepareThreshold", "-1");
            config.addDataSourceProperty("tcpKeepAlive", "true");
        }
    };

    /** Unique constraint violated: the same SQLState on both databases. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final String vendor;

    Dialect(String vendor) {
        this.vendor = vendor;
    }

    /** Lower-case vendor name, as in the Flyway folder: {@code h2}, {@code postgresql}. */
    public String vendor() {
        return vendor;
    }

    /** Where this vendor's Flyway migrations live. Later modules add their V2, V3... beside V1. */
    public String migrationLocation() {
        return "classpath:db/migration/" + vendor;
    }

    abstract void configure(HikariConfig config);
}
