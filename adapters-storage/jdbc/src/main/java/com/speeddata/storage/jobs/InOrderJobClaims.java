package com.speeddata.storage.jobs;

import com.speeddata.jobs.Job;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Claims of single-user mode, where every job is tenant {@code local}'s and unlimited, so there are no owners to
 * rank: the next queued job in index order (one owner: oldest first), else a job whose worker died. One statement
 * each, as before multi-user mode; the fair claims cost a third of the job throughput for a ranking that has only
 * one tenant to rank here. Jobs other tenants left queued (from a spell in multi-user mode) still run, after the
 * owners that sort before them.
 */
final class InOrderJobClaims implements JobClaims {
    /** Takes the first job in an order: {@link PostgresJobClaims#claimOne} or {@link H2JobClaims#claimFirst}. */
    @FunctionalInterface
    interface TakeFirst {
        Optional<Job> take(
                Connection connection,
                String condition,
                Args args,
                String order,
                String workerId,
                Instant now,
                Duration lease)
                throws SQLException;
    }

    private final TakeFirst takeFirst;

    InOrderJobClaims(TakeFirst takeFirst) {
        this.takeFirst = takeFirst;
    }

    @Override
    public Optional<Job> claim(Connection connection, String workerId, Set<String> kinds, Instant now, Duration lease)
            throws SQLException {
        Optional<Job> queued = takeFirst.take(
                connection,
                ClaimSql.queued(kinds),
                new Args().addAll(kinds).add(now),
                ClaimSql.QUEUED_ORDER,
                workerId,
                now,
                lease);
        return queued.isPresent()
                ? queued
                : takeFirst.take(
                        connection,
                        ClaimSql.abandoned(kinds),
                        ClaimSql.abandonedArgs(kinds, now),
                        ClaimSql.ABANDONED_ORDER,
                        workerId,
                        now,
                        lease);
    }
}
