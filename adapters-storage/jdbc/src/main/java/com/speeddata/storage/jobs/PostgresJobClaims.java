package com.speeddata.storage.jobs;

import static com.speeddata.storage.jobs.ClaimSql.UNLIMITED;

import com.speeddata.jobs.Job;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Claims on PostgreSQL, where several instances claim at once. Taking a row is always
 * {@code UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED)}: claims racing each other take different jobs
 * without waiting.
 *
 * <p>The common claim is one statement ({@link #FAIR}): it ranks the owners with runnable jobs and takes an
 * abandoned job, else the next job of the first-ranked owner when that owner has no running quota (single-user
 * mode's {@code local}). An owner with a running quota is claimed in a transaction of its own
 * ({@link #claimWithinQuota}): an advisory lock per owner makes its claims take turns, so each one counts the
 * running jobs its predecessor committed (one statement could not: its snapshot is taken before any lock).
 */
final class PostgresJobClaims implements JobClaims {
    /**
     * Ranks the owners (distinct owners of queued jobs by a loose index scan; each one's next runnable job; its
     * running jobs) and takes the abandoned or first-ranked unlimited job. Answers one row: the ranked owners and
     * their running quotas, and the columns of the job it took (all null when it took none).
     */
    private static final String FAIR =
            """
            WITH RECURSIVE owners(owner) AS (
                (SELECT owner FROM job WHERE status = 'queued' ORDER BY owner LIMIT 1)
              UNION ALL
                SELECT (SELECT next.owner FROM job next WHERE next.status = 'queued' AND next.owner > owners.owner
                        ORDER BY next.owner LIMIT 1)
                FROM owners WHERE owners.owner IS NOT NULL
            ), running AS (
                SELECT owner, COUNT(*) AS jobs FROM job WHERE status = 'running' GROUP BY owner
            ), ranked AS (
                SELECT owners.owner, head.max_running, ROW_NUMBER() OVER (ORDER BY
                       COALESCE(running.jobs, 0) / CAST(head.priority + 1 AS DOUBLE PRECISION), head.priority DESC,
                       head.run_after, head.created_at) AS rank
                FROM (SELECT owner FROM owners WHERE owner IS NOT NULL) owners
                CROSS JOIN LATERAL (SELECT priority, max_running, run_after, created_at FROM job
                                    WHERE %s ORDER BY %s LIMIT 1) head
                LEFT JOIN running ON running.owner = owners.owner
                WHERE COALESCE(running.jobs, 0) < head.max_running
            ), taken AS (
                %s COALESCE(
                    (SELECT id FROM job WHERE %s ORDER BY %s LIMIT 1 FOR UPDATE SKIP LOCKED),
                    (SELECT id FROM job WHERE %s ORDER BY %s LIMIT 1 FOR UPDATE SKIP LOCKED))
                RETURNING %s
            )
            SELECT (SELECT ARRAY_AGG(owner ORDER BY rank) FROM ranked) AS ranked_owners,
                   (SELECT ARRAY_AGG(max_running ORDER BY rank) FROM ranked) AS ranked_limits, taken.*
            FROM (SELECT 1) one LEFT JOIN taken ON TRUE""";

    private static final String FIRST_UNLIMITED =
            "(SELECT owner FROM ranked WHERE rank = 1 AND max_running = " + UNLIMITED + ")";
    private static final OwnerTurns TURNS = new OwnerTurns.Advisory();

    @Override
    public Optional<Job> claim(Connection connection, String workerId, Set<String> kinds, Instant now, Duration lease)
            throws SQLException {
        String sql = FAIR.formatted(
                ClaimSql.queuedOf("owners.owner", kinds),
                ClaimSql.QUEUED_ORDER,
                ClaimSql.TAKE,
                ClaimSql.abandoned(kinds),
                ClaimSql.ABANDONED_ORDER,
                ClaimSql.queuedOf(FIRST_UNLIMITED, kinds),
                ClaimSql.QUEUED_ORDER,
                JobRows.COLUMNS);
        Args args = new Args()
                .addAll(kinds)
                .add(now)
                .and(ClaimSql.takeArgs(workerId, now, lease))
                .and(ClaimSql.abandonedArgs(kinds, now))
                .addAll(kinds)
                .add(now);
        String[] owners;
        Integer[] limits;
        try (PreparedStatement fair = args.bind(connection.prepareStatement(sql));
                ResultSet row = fair.executeQuery()) {
            row.next();
            if (row.getObject("id") != null) {
                return Optional.of(JobRows.read(row));
            }
            owners = array(row.getArray("ranked_owners"), new String[0]);
            limits = array(row.getArray("ranked_limits"), new Integer[0]);
        }
        for (int i = 0; i < owners.length; i++) {
            boolean limited = limits[i] != UNLIMITED;
            if (i == 0 && !limited) {
                continue; // the statement tried it: its runnable jobs are being claimed by others
            }
            Optional<Job> taken = limited
                    ? claimWithinQuota(connection, owners[i], workerId, kinds, now, lease)
                    : claimOne(
                            connection,
                            ClaimSql.queuedOf("?", kinds),
                            new Args().add(owners[i]).addAll(kinds).add(now),
                            workerId,
                            now,
                            lease);
            if (taken.isPresent()) {
                return taken;
            }
        }
        return Optional.empty();
    }

    /**
     * Takes the owner's next job if it runs fewer than its quota, in a transaction that holds the owner's lock:
     * claims of one owner take turns (for a moment: the lock goes with the commit), other owners' do not wait.
     */
    private static Optional<Job> claimWithinQuota(
            Connection connection, String owner, String workerId, Set<String> kinds, Instant now, Duration lease)
            throws SQLException {
        return TURNS.take(
                connection,
                owner,
                c -> claimOne(
                        c,
                        ClaimSql.queuedOf("?", kinds) + " AND " + ClaimSql.RUNNING_OF_OWNER + " < max_running",
                        new Args().add(owner).addAll(kinds).add(now).add(owner),
                        workerId,
                        now,
                        lease));
    }

    /** Takes the first job, in an owner's order, that meets the condition and that no other claim has locked. */
    private static Optional<Job> claimOne(
            Connection connection, String condition, Args conditionArgs, String workerId, Instant now, Duration lease)
            throws SQLException {
        return claimOne(connection, condition, conditionArgs, ClaimSql.QUEUED_ORDER, workerId, now, lease);
    }

    /** Takes the first job in {@code order} that meets the condition and that no other claim has locked. */
    static Optional<Job> claimOne(
            Connection connection,
            String condition,
            Args conditionArgs,
            String order,
            String workerId,
            Instant now,
            Duration lease)
            throws SQLException {
        String sql = ClaimSql.TAKE + "(SELECT id FROM job WHERE " + condition + " ORDER BY " + order
                + " LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " + JobRows.COLUMNS;
        Args args = ClaimSql.takeArgs(workerId, now, lease).and(conditionArgs);
        try (PreparedStatement claim = args.bind(connection.prepareStatement(sql))) {
            return JobRows.readAll(claim).stream().findFirst();
        }
    }

    private static <T> T[] array(Array array, T[] empty) throws SQLException {
        if (array == null) {
            return empty;
        }
        try {
            @SuppressWarnings("unchecked")
            T[] values = (T[]) array.getArray();
            return values;
        } finally {
            array.free();
        }
    }
}
