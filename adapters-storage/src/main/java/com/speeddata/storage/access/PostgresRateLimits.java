package com.speeddata.storage.access;

import com.speeddata.jobs.access.BucketKey;
import com.speeddata.jobs.access.RateDecision;
import com.speeddata.jobs.access.RateLimits;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.jobs.access.TokenBucket;
import com.speeddata.storage.Database;
import com.speeddata.storage.Dialect;
import com.speeddata.storage.Jdbc;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * The rate buckets in PostgreSQL's {@code rate_bucket} table, shared by every instance on the database: together
 * they allow a policy's rate, not a multiple of it.
 *
 * <p>One statement, one round trip per take: an {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} creates a
 * full bucket minus one token, or refills the row for the time since its last refill and takes a token when a
 * whole one is there, under the row's lock. Concurrent takes of one bucket queue on that lock, so no token is
 * given twice; takes of different buckets do not meet. The arithmetic is {@link TokenBucket}'s, operation for
 * operation ({@code LEAST(burst, tokens + GREATEST(0, now - refilled_at) * per_second / 1e6)} in double precision),
 * and the refill time only moves forward ({@code GREATEST}), so an instance whose clock is behind another's credits
 * nothing until it catches up: clock skew between instances shifts refills, it never multiplies them.
 *
 * <p>Connections come from the request pool ({@link Database#dataSource()}), beside the requests they guard: on
 * the job workers' pool they would compete with lease renewals, and a burst of API calls could then cost a worker
 * its lease. The table is UNLOGGED (V7): its changes write no WAL, so a take's commit waits for no WAL flush even on
 * the request pool's durable sessions (PostgreSQL flushes at commit only when the transaction wrote WAL). What is
 * given up: after a database crash the buckets start full again, one extra burst per tenant. A refused take writes its row too (the refill is credited), so a
 * refusal also costs one round trip and nothing more.
 *
 * <p>Failures surface as {@link com.speeddata.storage.StoreException}; wrap this in
 * {@link com.speeddata.jobs.access.FailOpenRateLimits} (as {@link SharedRateLimits} does) so that they never reach
 * a client.
 */
public final class PostgresRateLimits implements RateLimits {
    private static final String REFILLED = "LEAST(EXCLUDED.burst, b.tokens + GREATEST(0, EXCLUDED.refilled_at_us "
            + "- b.refilled_at_us) * EXCLUDED.per_second / CAST(1000000 AS DOUBLE PRECISION))";
    static final String TAKE = "INSERT INTO rate_bucket AS b (tenant, name, per_second, burst, tokens, "
            + "refilled_at_us, taken) VALUES (?, ?, ?, ?, ?, ?, TRUE) "
            + "ON CONFLICT (tenant, name) DO UPDATE SET "
            + "tokens = CASE WHEN " + REFILLED + " >= 1 THEN " + REFILLED + " - 1 ELSE " + REFILLED + " END, "
            + "taken = " + REFILLED + " >= 1, "
            + "refilled_at_us = GREATEST(b.refilled_at_us, EXCLUDED.refilled_at_us), "
            + "per_second = EXCLUDED.per_second, burst = EXCLUDED.burst "
            + "RETURNING tokens, taken";

    private final DataSource dataSource;

    public PostgresRateLimits(Database database) {
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("rate buckets are shared through PostgreSQL; the embedded "
                    + database.vendor() + " database has one process: use InMemoryRateLimits");
        }
        this.dataSource = database.dataSource();
    }

    /** Takes through {@code dataSource}: for the benchmark's comparison with durable commits. */
    PostgresRateLimits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public RateDecision take(String tenant, RatePolicy policy, Instant now) {
        BucketKey key = BucketKey.of(tenant, policy);
        long nowMicros = TokenBucket.micros(now);
        return Jdbc.withConnection(dataSource, "taking a rate token", connection -> {
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setString(1, key.tenant());
                take.setString(2, key.name());
                take.setDouble(3, policy.perSecond());
                take.setInt(4, policy.burst());
                take.setDouble(5, policy.burst() - 1); // a new bucket: full, minus this take's token
                take.setLong(6, nowMicros);
                try (ResultSet row = take.executeQuery()) {
                    row.next();
                    return RateDecision.of(policy, row.getBoolean("taken"), row.getDouble("tokens"));
                }
            }
        });
    }
}
