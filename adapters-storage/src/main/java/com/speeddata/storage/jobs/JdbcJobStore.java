package com.speeddata.storage.jobs;

import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobError;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobIdConflictException;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.JobStore;
import com.speeddata.jobs.LeaseState;
import com.speeddata.jobs.NewJob;
import com.speeddata.jobs.Progress;
import com.speeddata.jobs.QueueFullException;
import com.speeddata.jobs.Submission;
import com.speeddata.storage.Database;
import com.speeddata.storage.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The job table on PostgreSQL or H2. Claims pick a row with {@code FOR UPDATE SKIP LOCKED}, so instances
 * claiming at once take different jobs without waiting on each other; every other change is one conditional
 * UPDATE that succeeds only for the worker holding the lease.
 */
public final class JdbcJobStore implements JobStore {
    private static final String SELECT = "SELECT " + JobRows.COLUMNS + " FROM job ";
    private static final String LEASED = " WHERE id = ? AND status = 'running' AND lease_owner = ?";

    private final DataSource dataSource;
    /**
     * PostgreSQL: claims with one UPDATE ... RETURNING and announces submissions with NOTIFY. H2 has no RETURNING
     * (it selects, updates, reads) and no NOTIFY (one process owns it; the engine wakes its own workers).
     */
    private final boolean returning;

    public JdbcJobStore(Database database) {
        this.dataSource = database.dataSource();
        this.returning = database.dialect() == com.speeddata.storage.Dialect.POSTGRESQL;
    }

    @Override
    public Submission submit(NewJob job, Instant now, int queueCapacity) {
        return transaction("submitting job " + job.id(), connection -> {
            long queued = countQueued(connection, queueCapacity);
            if (queued >= queueCapacity) {
                Optional<Job> existing = find(connection, job.id(), false);
                if (existing.isPresent()) {
                    return repeat(existing.get(), job);
                }
                throw new QueueFullException(queueCapacity);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO job (id, kind, owner, request_hash, "
                    + "payload, status, max_attempts, created_at, run_after) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                insert.setObject(1, job.id().value());
                insert.setString(2, job.kind());
                insert.setString(3, job.owner());
                insert.setString(4, job.requestHash());
                insert.setString(5, job.payload());
                insert.setInt(6, job.maxAttempts());
                JobRows.set(insert, 7, now);
                JobRows.set(insert, 8, now);
                if (insert.executeUpdate() == 0) {
                    return repeat(find(connection, job.id(), false).orElseThrow(), job);
                }
            }
            if (queued == 0) {
                announce(connection);
            }
            Instant stored = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // the columns' precision
            return new Submission(new Job(job.id(), job.kind(), job.owner(), job.requestHash(), job.payload(),
                    JobStatus.QUEUED, Progress.NONE, 0, job.maxAttempts(), stored, null, null, stored, null, null,
                    false, null, null, null), true);
        });
    }

    /**
     * On PostgreSQL, wakes every instance's {@link PostgresWakeup} when this transaction commits. Sent only when the
     * queue was empty: a worker that finds jobs keeps claiming until the queue is empty again, so only the first job
     * after an empty queue has idle workers to wake (the rest would only cost a NOTIFY each).
     */
    private void announce(Connection connection) throws SQLException {
        if (returning) {
            try (Statement notify = connection.createStatement()) {
                notify.execute("NOTIFY " + PostgresWakeup.CHANNEL);
            }
        }
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
        return transaction("reading job " + id, connection -> find(connection, id, false));
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
    public List<Job> listByOwner(String owner, int limit) {
        return transaction("listing jobs", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT
                    + "WHERE owner = ? ORDER BY created_at DESC, id LIMIT ?")) {
                select.setString(1, owner);
                select.setInt(2, limit);
                return readAll(select);
            }
        });
    }

    @Override
    public Optional<Job> claim(String workerId, Set<String> kinds, Instant now, Duration lease) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        String kindList = String.join(", ", java.util.Collections.nCopies(kinds.size(), "?"));
        // Two candidate queries, each served by its partial index in claim order: queued jobs first, then running
        // ones whose worker died (lease expired, attempts left, not being cancelled). One query with OR would have
        // to sort every candidate on each claim.
        String queued = "SELECT id FROM job WHERE status = 'queued' AND kind IN (" + kindList + ") AND run_after "
                + "<= ? ORDER BY run_after, created_at LIMIT 1 FOR UPDATE SKIP LOCKED";
        String abandoned = "SELECT id FROM job WHERE status = 'running' AND kind IN (" + kindList + ") AND "
                + "lease_expires_at < ? AND attempts < max_attempts AND NOT cancel_requested "
                + "ORDER BY lease_expires_at LIMIT 1 FOR UPDATE SKIP LOCKED";
        return workerTransaction("claiming a job", connection -> {
            Optional<Job> claimed = claim(connection, queued, workerId, kinds, now, lease);
            return claimed.isPresent() ? claimed : claim(connection, abandoned, workerId, kinds, now, lease);
        });
    }

    private Optional<Job> claim(Connection connection, String candidate, String workerId, Set<String> kinds,
                                Instant now, Duration lease) throws SQLException {
        String update = "UPDATE job SET status = 'running', attempts = attempts + 1, lease_owner = ?, "
                + "lease_expires_at = ?, started_at = COALESCE(started_at, ?) WHERE id = ";
        if (returning) {
            try (PreparedStatement claim = connection.prepareStatement(update + "(" + candidate + ") RETURNING "
                    + JobRows.COLUMNS)) {
                claim.setString(1, workerId);
                JobRows.set(claim, 2, now.plus(lease));
                JobRows.set(claim, 3, now);
                bindCandidate(claim, 4, now, kinds);
                List<Job> jobs = readAll(claim);
                return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
            }
        }
        Optional<UUID> id = pick(connection, candidate, now, kinds);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement claim = connection.prepareStatement(update + "?")) {
            claim.setString(1, workerId);
            JobRows.set(claim, 2, now.plus(lease));
            JobRows.set(claim, 3, now);
            claim.setObject(4, id.get());
            claim.executeUpdate();
        }
        return find(connection, new JobId(id.get()), false);
    }

    private static void bindCandidate(PreparedStatement statement, int first, Instant now, Set<String> kinds)
            throws SQLException {
        int index = first;
        for (String kind : kinds) {
            statement.setString(index++, kind);
        }
        JobRows.set(statement, index, now);
    }

    private static Optional<UUID> pick(Connection connection, String sql, Instant now, Set<String> kinds)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bindCandidate(select, 1, now, kinds);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
            }
        }
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
        return update("completing job " + id, "UPDATE job SET status = 'completed', finished_at = ?, expires_at = ?, "
                + "progress_percent = 100, progress_message = 'completed', result_bytes = ?, result_sha256 = ?, "
                + "result_content_type = ?, result_location = ?, lease_owner = NULL, lease_expires_at = NULL" + LEASED,
                statement -> {
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
        return releaseWithError(id, workerId, error, "status = 'failed', finished_at = ?", now);
    }

    @Override
    public boolean retry(JobId id, String workerId, JobError error, Instant runAfter) {
        return releaseWithError(id, workerId, error, "status = 'queued', run_after = ?", runAfter);
    }

    /** Ends the lease with an error recorded: the job fails, or goes back to the queue, by {@code change}. */
    private boolean releaseWithError(JobId id, String workerId, JobError error, String change, Instant at) {
        return update("releasing job " + id, "UPDATE job SET " + change + ", error_code = ?, error_message = ?, "
                + "lease_owner = NULL, lease_expires_at = NULL" + LEASED, statement -> {
                    JobRows.set(statement, 1, at);
                    statement.setString(2, error.code());
                    statement.setString(3, truncate(error.message(), 2000));
                    statement.setObject(4, id.value());
                    statement.setString(5, workerId);
                }) > 0;
    }

    @Override
    public boolean markCancelled(JobId id, String workerId, Instant now) {
        return update("cancelling job " + id, "UPDATE job SET status = 'cancelled', finished_at = ?, "
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
        int cancelled = update("reaping cancelled jobs", "UPDATE job SET status = 'cancelled', finished_at = ?, "
                + "lease_owner = NULL, lease_expires_at = NULL "
                + "WHERE status = 'running' AND lease_expires_at < ? AND cancel_requested", statement -> {
                    JobRows.set(statement, 1, now);
                    JobRows.set(statement, 2, now);
                });
        int failed = update("reaping abandoned jobs", "UPDATE job SET status = 'failed', finished_at = ?, "
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
        return transaction("counting queued jobs", connection -> countQueued(connection, Long.MAX_VALUE));
    }

    @Override
    public java.util.Map<JobStatus, Long> countByStatus() {
        return transaction("counting jobs", connection -> {
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

    /** Queued jobs, counted up to {@code limit}: a submit only needs to know whether the queue is full. */
    private static long countQueued(Connection connection, long limit) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM (SELECT 1 FROM job WHERE status = 'queued' LIMIT ?) queued")) {
            count.setLong(1, limit);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
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

    private int update(String what, String sql, Binder binder) {
        return workerTransaction(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    private <T> T transaction(String what, Work<T> work) {
        return transaction(what, true, work);
    }

    /**
     * A worker-side state change (claim, renewal, completion...) commits without waiting for PostgreSQL's WAL flush:
     * if the database crashes within the flush delay the change is lost and the job simply runs again, which every
     * handler tolerates (exports rewrite their file, batches keep the first score). Submissions, the promise made to
     * a client, always wait.
     */
    private <T> T workerTransaction(String what, Work<T> work) {
        return transaction(what, false, work);
    }

    private <T> T transaction(String what, boolean durable, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (!durable && returning) {
                try (Statement relaxed = connection.createStatement()) {
                    relaxed.execute("SET LOCAL synchronous_commit TO OFF");
                }
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreException.of(what, e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
