package com.speeddata.storage.access;

import com.speeddata.jobs.access.BucketKey;
import com.speeddata.jobs.access.RateDecision;
import com.speeddata.jobs.access.RateLimits;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.jobs.access.TokenBucket;
import com.speeddata.storage.Database;
import com.speeddata.storage.Dialect;
import com.speeddata.storage.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The rate buckets in PostgreSQL's {@code rate_bucket} table, shared by every instance on the database: together
 * they allow a policy's rate, not a multiple of it.
 *
 * <p>One statement, one round trip per group of takes: an {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}
 * creates a full bucket minus the tokens asked, or refills the row for the time since its last refill and takes as
 * many whole tokens as asked and there are, under the row's lock. The takes of one bucket that arrive while its
 * round trip is out go together in the next ({@link CoalescedTakes}), so an instance holds one row lock at a time
 * instead of queueing its requests on it. Concurrent round trips of several instances queue on that lock, so no
 * token is given twice; takes of different buckets do not meet. The arithmetic is {@link TokenBucket}'s, operation
 * for operation ({@code LEAST(burst, tokens + GREATEST(0, now - refilled_at) * per_second / 1e6)} in double
 * precision; {@code n} takes at one instant get {@code LEAST(n, FLOOR(tokens))}), and the refill time only moves
 * forward ({@code GREATEST}), so an instance whose clock is behind another's credits nothing until it catches up:
 * clock skew between instances shifts refills, it never multiplies them.
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
    /** EXCLUDED.granted carries the count asked (at most the burst, so LEAST with the whole tokens is the same). */
    private static final String GRANTED = "LEAST(EXCLUDED.granted, FLOOR(" + REFILLED + "))";

    static final String TAKE = "INSERT INTO rate_bucket AS b (tenant, name, per_second, burst, tokens, "
            + "refilled_at_us, taken, granted) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?) "
            + "ON CONFLICT (tenant, name) DO UPDATE SET "
            + "tokens = " + REFILLED + " - " + GRANTED + ", "
            + "granted = " + GRANTED + ", "
            + "taken = " + GRANTED + " >= 1, "
            + "refilled_at_us = GREATEST(b.refilled_at_us, EXCLUDED.refilled_at_us), "
            + "per_second = EXCLUDED.per_second, burst = EXCLUDED.burst "
            + "RETURNING tokens, granted";

    private final DataSource dataSource;
    private final CoalescedTakes takes = new CoalescedTakes(this::takeMany);

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
        return takes.take(BucketKey.of(tenant, policy), policy, TokenBucket.micros(now));
    }

    private CoalescedTakes.Grant takeMany(BucketKey key, RatePolicy policy, long nowMicros, int count) {
        int asked = Math.min(count, policy.burst()); // a new bucket holds the burst; an old one never more
        return Jdbc.withConnection(dataSource, "taking rate tokens", connection -> {
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setString(1, key.tenant());
                take.setString(2, key.name());
                take.setDouble(3, policy.perSecond());
                take.setInt(4, policy.burst());
                take.setDouble(5, policy.burst() - asked); // a new bucket: full, minus this group's tokens
                take.setLong(6, nowMicros);
                take.setInt(7, asked);
                try (ResultSet row = take.executeQuery()) {
                    row.next();
                    return new CoalescedTakes.Grant(row.getInt("granted"), row.getDouble("tokens"));
                }
            }
        });
    }
}
