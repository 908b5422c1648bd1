package com.speeddata.storage.jobs;

import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobError;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobIdConflictException;
import com.speeddata.jobs.JobListing;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.JobStore;
import com.speeddata.jobs.LeaseState;
import com.speeddata.jobs.NewJob;
import com.speeddata.jobs.Progress;
import com.speeddata.jobs.QueueFullException;
import com.speeddata.jobs.Submission;
import com.speeddata.storage.Database;
import com.speeddata.storage.Jdbc;
import com.speeddata.storage.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The job table on PostgreSQL or H2. Claims on PostgreSQL pick a row with {@code FOR UPDATE SKIP LOCKED}, so
 * instances claiming at once take different jobs without waiting on each other (H2: see
 * {@link #claimOptimistically}); every other change is one conditional UPDATE that succeeds only for the worker
 * holding the lease.
 */
public final class JdbcJobStore implements JobStore {
    private static final String SELECT = "SELECT " + JobRows.COLUMNS + " FROM job ";
    private static final String LEASED = " WHERE id = ? AND status = 'running' AND lease_owner = ?";

    /** Queued jobs, counted up to a limit: a submit only needs to know whether the queue is full. */
    private static final String QUEUED_UP_TO =
            "SELECT COUNT(*) AS jobs FROM (SELECT 1 FROM job WHERE status = 'queued' LIMIT ?) waiting";
    private static final String CLAIM = "UPDATE job SET status = 'running', attempts = attempts + 1, "
            + "lease_owner = ?, lease_expires_at = ?, started_at = COALESCE(started_at, ?) WHERE id = ";
    /** H2 claims: candidates read per attempt, a few more than the workers that may race for the first. */
    private static final int OPTIMISTIC_CANDIDATES = 16;
    private static final String COMPLETE = "UPDATE job SET status = 'completed', finished_at = ?, expires_at = ?, "
            + "progress_percent = 100, progress_message = 'completed', result_bytes = ?, result_sha256 = ?, "
            + "result_content_type = ?, result_location = ?, lease_owner = NULL, lease_expires_at = NULL" + LEASED;
    private static final String INSERT_QUEUED = "INSERT INTO job (id, kind, owner, request_hash, payload, status, "
            + "max_attempts, created_at, run_after)";

    private final DataSource dataSource;
    /** Claims, renewals and retries: {@link Database#workerDataSource()}. */
    private final DataSource workerDataSource;
    /**
     * PostgreSQL: submits and claims in one statement each (data-changing CTE, UPDATE ... RETURNING) and wakes
     * other instances with NOTIFY. H2 has neither (a claim reads candidates, then updates one conditionally) and
     * needs no NOTIFY (one process owns it; the engine wakes its own workers); its statements cost no round trip.
     */
    private final boolean postgres;

    public JdbcJobStore(Database database) {
        this.dataSource = database.dataSource();
        this.workerDataSource = database.workerDataSource();
        this.postgres = database.dialect() == com.speeddata.storage.Dialect.POSTGRESQL;
    }

    @Override
    public Submission submit(NewJob job, Instant now, int queueCapacity) {
        Queued queued = postgres ? submitInOneStatement(job, now, queueCapacity)
                : transaction("submitting job " + job.id(), connection -> submitInTransaction(connection, job, now,
                        queueCapacity));
        if (queued.created()) {
            Instant stored = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // the columns' precision
            return new Submission(new Job(job.id(), job.kind(), job.owner(), job.requestHash(), job.payload(),
                    JobStatus.QUEUED, Progress.NONE, 0, job.maxAttempts(), stored, null, null, stored, null, null,
                    false, null, null, null), true);
        }
        Optional<Job> existing = find(job.id());
        if (existing.isPresent()) {
            return repeat(existing.get(), job);
        }
        if (queued.before() >= queueCapacity) {
            throw new QueueFullException(queueCapacity);
        }
        throw new StoreException("job " + job.id() + " was neither inserted nor found", null);
    }

    /** What a submit found: how many jobs were queued before it (counted up to the capacity), and whether it queued. */
    private record Queued(long before, boolean created) {
    }

    /**
     * PostgreSQL: counts the queue, inserts when there is room and, when the queue was empty, sends the NOTIFY that
     * wakes idle workers, all in one statement, so a submission costs one round trip and its (durable) commit.
     * The NOTIFY is sent only to an empty queue: a worker that finds jobs keeps claiming until the queue is empty
     * again, so only the first job after an empty queue has idle workers to wake.
     */
    private Queued submitInOneStatement(NewJob job, Instant now, int queueCapacity) {
        String sql = "WITH queue AS (" + QUEUED_UP_TO + "), inserted AS (" + INSERT_QUEUED
                + " SELECT ?, ?, ?, ?, ?, 'queued', ?, ?, ? FROM queue WHERE queue.jobs < ? ON CONFLICT DO NOTHING "
                + "RETURNING id) SELECT queue.jobs, inserted.id IS NOT NULL, CASE WHEN queue.jobs = 0 AND inserted.id "
                + "IS NOT NULL THEN pg_notify('" + PostgresWakeup.CHANNEL + "', '') END "
                + "FROM queue LEFT JOIN inserted ON TRUE";
        return Jdbc.withConnection(dataSource, "submitting job " + job.id(), connection -> {
            try (PreparedStatement submit = connection.prepareStatement(sql)) {
                submit.setLong(1, queueCapacity);
                bindNewJob(submit, 2, job, now);
                submit.setLong(10, queueCapacity);
                try (ResultSet row = submit.executeQuery()) {
                    row.next();
                    return new Queued(row.getLong(1), row.getBoolean(2));
                }
            }
        });
    }

    /** H2 (in-process, so statements cost no round trip): counts, then inserts when there is room. */
    private static Queued submitInTransaction(Connection connection, NewJob job, Instant now, int queueCapacity)
            throws SQLException {
        long before;
        try (PreparedStatement count = connection.prepareStatement(QUEUED_UP_TO)) {
            count.setLong(1, queueCapacity);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                before = row.getLong(1);
            }
        }
        if (before >= queueCapacity) {
            return new Queued(before, false);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_QUEUED
                + " VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT DO NOTHING")) {
            bindNewJob(insert, 1, job, now);
            return new Queued(before, insert.executeUpdate() > 0);
        }
    }

    private static void bindNewJob(PreparedStatement statement, int first, NewJob job, Instant now)
            throws SQLException {
        statement.setObject(first, job.id().value());
        statement.setString(first + 1, job.kind());
        statement.setString(first + 2, job.owner());
        statement.setString(first + 3, job.requestHash());
        statement.setString(first + 4, job.payload());
        statement.setInt(first + 5, job.maxAttempts());
        JobRows.set(statement, first + 6, now);
        JobRows.set(statement, first + 7, now);
    }

    private static Submission repeat(Job existing, NewJob job) {
        if (!existing.requestHash().equals(job.requestHash()) || !existing.owner().equals(job.owner())) {
            throw new JobIdConflictException(job.id());
        }
        return new Submission(existing, false);
    }

    @Override
    public Job adopt(NewJob job, String workerId, Instant now, Duration lease) {
        return transaction("adopting job " + job.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO job (id, kind, owner, request_hash, "
                    + "payload, status, attempts, max_attempts, created_at, started_at, run_after, lease_owner, "
                    + "lease_expires_at) VALUES (?, ?, ?, ?, ?, 'running', 1, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                insert.setObject(1, job.id().value());
                insert.setString(2, job.kind());
                insert.setString(3, job.owner());
                insert.setString(4, job.requestHash());
                insert.setString(5, job.payload());
                insert.setInt(6, job.maxAttempts());
                JobRows.set(insert, 7, now);
                JobRows.set(insert, 8, now);
                JobRows.set(insert, 9, now);
                insert.setString(10, workerId);
                JobRows.set(insert, 11, now.plus(lease));
                if (insert.executeUpdate() == 0) {
                    throw new JobIdConflictException(job.id());
                }
            }
            return find(connection, job.id(), false).orElseThrow();
        });
    }

    @Override
    public Optional<Job> find(JobId id) {
        return Jdbc.withConnection(dataSource, "reading job " + id, connection -> find(connection, id, false));
    }

    private static Optional<Job> find(Connection connection, JobId id, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT + "WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setObject(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(JobRows.read(row)) : Optional.empty();
            }
        }
    }

    @Override
    public List<Job> list(JobListing listing) {
        String sql = SELECT + "WHERE owner = ? AND kind = ?" + (listing.status() == null ? "" : " AND status = ?")
                + (listing.after() == null ? "" : " AND (created_at < ? OR (created_at = ? AND id < ?))")
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        return Jdbc.withConnection(dataSource, "listing jobs", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                select.setString(index++, listing.owner());
                select.setString(index++, listing.kind());
                if (listing.status() != null) {
                    select.setString(index++, listing.status().wireName());
                }
                if (listing.after() != null) {
                    JobRows.set(select, index++, listing.after().createdAt());
                    JobRows.set(select, index++, listing.after().createdAt());
                    select.setObject(index++, listing.after().id().value());
                }
                select.setInt(index, listing.limit());
                return readAll(select);
            }
        });
    }

    @Override
    public Optional<Job> claim(String workerId, Set<String> kinds, Instant now, Duration lease) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        // Each attempt is atomic on its own (one UPDATE that re-checks the candidate's condition), so no transaction.
        return workerStatements("claiming a job", connection -> {
            for (Candidate candidate : Candidate.values()) {
                Optional<Job> claimed = postgres ? claimLocked(connection, candidate, workerId, kinds, now, lease)
                        : claimOptimistically(connection, candidate, workerId, kinds, now, lease);
                if (claimed.isPresent()) {
                    return claimed;
                }
            }
            return Optional.empty();
        });
    }

    /**
     * What a worker may claim, in claim order: queued jobs first, then running ones whose worker died (lease expired,
     * attempts left, not being cancelled). Two queries, each served by its index in claim order; one query with OR
     * would have to sort every candidate on each claim. The order starts with {@code status} because H2 reads its
     * (status, ...) index in order only then; PostgreSQL drops the constant column and reads its partial index.
     */
    private enum Candidate {
        QUEUED("status = 'queued' AND kind IN (%s) AND run_after <= ?", "status, run_after, created_at"),
        ABANDONED("status = 'running' AND kind IN (%s) AND lease_expires_at < ? AND attempts < max_attempts "
                + "AND NOT cancel_requested", "status, lease_expires_at");

        private final String condition;
        private final String order;

        Candidate(String condition, String order) {
            this.condition = condition;
            this.order = order;
        }

        String where(Set<String> kinds) {
            return condition.formatted(String.join(", ", java.util.Collections.nCopies(kinds.size(), "?")));
        }

        String select(Set<String> kinds, int limit) {
            return "SELECT id FROM job WHERE " + where(kinds) + " ORDER BY " + order + " LIMIT " + limit;
        }
    }

    /** PostgreSQL: one UPDATE ... RETURNING of the first candidate not locked by another claim. */
    private static Optional<Job> claimLocked(Connection connection, Candidate candidate, String workerId,
                                             Set<String> kinds, Instant now, Duration lease) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM + "(" + candidate.select(kinds, 1)
                + " FOR UPDATE SKIP LOCKED) RETURNING " + JobRows.COLUMNS)) {
            bindClaim(claim, workerId, now, lease);
            bindCandidate(claim, 4, now, kinds);
            List<Job> jobs = readAll(claim);
            return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
        }
    }

    /**
     * H2, whose {@code FOR UPDATE} reads every candidate row instead of stopping at the first (12 ms per claim with
     * 5,000 queued): reads the first few candidates without locking and claims the first that an UPDATE re-checking
     * the condition still finds, so workers racing for one job each end up with a different one. Empty only when
     * there is nothing to claim: if other workers took every candidate read, it reads again.
     */
    private static Optional<Job> claimOptimistically(Connection connection, Candidate candidate, String workerId,
                                                     Set<String> kinds, Instant now, Duration lease)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(candidate.select(kinds, OPTIMISTIC_CANDIDATES));
             PreparedStatement claim = connection.prepareStatement(CLAIM + "? AND " + candidate.where(kinds))) {
            bindCandidate(select, 1, now, kinds);
            bindClaim(claim, workerId, now, lease);
            bindCandidate(claim, 5, now, kinds);
            while (true) {
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
                if (ids.isEmpty()) {
                    return Optional.empty();
                }
                for (UUID id : ids) {
                    claim.setObject(4, id);
                    if (claim.executeUpdate() == 1) {
                        return find(connection, new JobId(id), false);
                    }
                }
            }
        }
    }

    private static void bindClaim(PreparedStatement claim, String workerId, Instant now, Duration lease)
            throws SQLException {
        claim.setString(1, workerId);
        JobRows.set(claim, 2, now.plus(lease));
        JobRows.set(claim, 3, now);
    }

    private static void bindCandidate(PreparedStatement statement, int first, Instant now, Set<String> kinds)
            throws SQLException {
        int index = first;
        for (String kind : kinds) {
            statement.setString(index++, kind);
        }
        JobRows.set(statement, index, now);
    }

    @Override
    public LeaseState renew(JobId id, String workerId, Instant leaseExpiresAt, Progress progress) {
        return workerTransaction("renewing the lease of job " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE job SET lease_expires_at = ?, "
                    + "progress_percent = ?, progress_message = ?, progress_done = ?, progress_failed = ?, "
                    + "progress_total = ?" + LEASED)) {
                JobRows.set(update, 1, leaseExpiresAt);
                update.setInt(2, progress.percent());
                update.setString(3, truncate(progress.message(), 500));
                update.setLong(4, progress.done());
                update.setLong(5, progress.failed());
                update.setLong(6, progress.total());
                update.setObject(7, id.value());
                update.setString(8, workerId);
                if (update.executeUpdate() == 0) {
                    return LeaseState.LOST;
                }
            }
            return find(connection, id, false).map(j -> j.cancelRequested() ? LeaseState.CANCEL_REQUESTED
                    : LeaseState.HELD).orElse(LeaseState.LOST);
        });
    }

    @Override
    public boolean complete(JobId id, String workerId, JobResult result, Instant now, Instant expiresAt) {
        return finalUpdate("completing job " + id, COMPLETE, statement -> {
            JobRows.set(statement, 1, now);
            JobRows.set(statement, 2, expiresAt);
            statement.setLong(3, result.bytes());
            statement.setString(4, result.sha256());
            statement.setString(5, result.contentType());
            statement.setString(6, result.location());
            statement.setObject(7, id.value());
            statement.setString(8, workerId);
        }) > 0;
    }

    @Override
    public boolean fail(JobId id, String workerId, JobError error, Instant now) {
        return releaseWithError(id, workerId, error, "status = 'failed', finished_at = ?", now, true);
    }

    @Override
    public boolean retry(JobId id, String workerId, JobError error, Instant runAfter) {
        return releaseWithError(id, workerId, error, "status = 'queued', run_after = ?", runAfter, false);
    }

    /** Ends the lease with an error recorded: the job fails, or goes back to the queue, by {@code change}. */
    private boolean releaseWithError(JobId id, String workerId, JobError error, String change, Instant at,
                                     boolean terminal) {
        String sql = "UPDATE job SET " + change + ", error_code = ?, error_message = ?, lease_owner = NULL, "
                + "lease_expires_at = NULL" + LEASED;
        Binder binder = statement -> {
            JobRows.set(statement, 1, at);
            statement.setString(2, error.code());
            statement.setString(3, truncate(error.message(), 2000));
            statement.setObject(4, id.value());
            statement.setString(5, workerId);
        };
        String what = "releasing job " + id;
        return (terminal ? finalUpdate(what, sql, binder) : update(what, sql, binder)) > 0;
    }

    @Override
    public boolean markCancelled(JobId id, String workerId, Instant now) {
        return finalUpdate("cancelling job " + id, "UPDATE job SET status = 'cancelled', finished_at = ?, "
                + "lease_owner = NULL, lease_expires_at = NULL" + LEASED, statement -> {
                    JobRows.set(statement, 1, now);
                    statement.setObject(2, id.value());
                    statement.setString(3, workerId);
                }) > 0;
    }

    @Override
    public Optional<Job> requestCancel(JobId id, Instant now) {
        return transaction("cancelling job " + id, connection -> {
            Optional<Job> job = find(connection, id, true);
            if (job.isEmpty() || job.get().status().isDone()) {
                return job;
            }
            if (job.get().status() == JobStatus.QUEUED) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE job SET status = 'cancelled', finished_at = ? WHERE id = ?")) {
                    JobRows.set(update, 1, now);
                    update.setObject(2, id.value());
                    update.executeUpdate();
                }
            } else {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE job SET cancel_requested = TRUE WHERE id = ?")) {
                    update.setObject(1, id.value());
                    update.executeUpdate();
                }
            }
            return find(connection, id, false);
        });
    }

    @Override
    public int reapAbandoned(Instant now) {
        int cancelled = finalUpdate("reaping cancelled jobs", "UPDATE job SET status = 'cancelled', finished_at = ?, "
                + "lease_owner = NULL, lease_expires_at = NULL "
                + "WHERE status = 'running' AND lease_expires_at < ? AND cancel_requested", statement -> {
                    JobRows.set(statement, 1, now);
                    JobRows.set(statement, 2, now);
                });
        int failed = finalUpdate("reaping abandoned jobs", "UPDATE job SET status = 'failed', finished_at = ?, "
                + "error_code = 'WORKER_LOST', error_message = 'the worker running this job stopped ' || attempts "
                + "|| ' times; giving up', lease_owner = NULL, lease_expires_at = NULL "
                + "WHERE status = 'running' AND lease_expires_at < ? AND attempts >= max_attempts", statement -> {
                    JobRows.set(statement, 1, now);
                    JobRows.set(statement, 2, now);
                });
        return cancelled + failed;
    }

    @Override
    public List<Job> expire(Instant now) {
        return transaction("expiring results", connection -> {
            List<Job> expired;
            try (PreparedStatement select = connection.prepareStatement(SELECT
                    + "WHERE status = 'completed' AND expires_at <= ? FOR UPDATE SKIP LOCKED")) {
                JobRows.set(select, 1, now);
                expired = readAll(select);
            }
            List<Job> after = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE job SET status = 'expired' WHERE id = ?")) {
                for (Job job : expired) {
                    update.setObject(1, job.id().value());
                    update.executeUpdate();
                    after.add(find(connection, job.id(), false).orElseThrow());
                }
            }
            return after;
        });
    }

    @Override
    public long countQueued() {
        return Jdbc.withConnection(dataSource, "counting queued jobs", connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM job WHERE status = "
                    + "'queued'"); ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Override
    public java.util.Map<JobStatus, Long> countByStatus() {
        return Jdbc.withConnection(dataSource, "counting jobs", connection -> {
            java.util.Map<JobStatus, Long> counts = new java.util.EnumMap<>(JobStatus.class);
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT status, COUNT(*) FROM job GROUP BY status"); ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    counts.put(JobStatus.fromWire(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    private static List<Job> readAll(PreparedStatement select) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                jobs.add(JobRows.read(rows));
            }
        }
        return jobs;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * A change that ends a job (completed, failed, cancelled): the client may be told at once, so it commits
     * durably, through the request pool, like a submission. On PostgreSQL one auto-committed statement (one round
     * trip, waiting for the WAL flush); on H2 a transaction, since {@code DurableCommits} acts on commits.
     */
    private int finalUpdate(String what, String sql, Binder binder) {
        Jdbc.Work<Integer> work = connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        };
        return postgres ? Jdbc.withConnection(dataSource, what, work) : transaction(what, work);
    }

    /**
     * A worker-side change that a crash may lose without harm (the job runs again): one statement on the worker
     * connections, which commits on its own without waiting for the disk.
     */
    private int update(String what, String sql, Binder binder) {
        return workerStatements(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    private <T> T transaction(String what, Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, what, work);
    }

    /** A worker-side change of several statements, on {@link Database#workerDataSource()}. */
    private <T> T workerTransaction(String what, Jdbc.Work<T> work) {
        return Jdbc.inTransaction(workerDataSource, what, work);
    }

    /** Worker-side statements that are each atomic on their own (auto-commit), on the worker connections. */
    private <T> T workerStatements(String what, Jdbc.Work<T> work) {
        return Jdbc.withConnection(workerDataSource, what, work);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
