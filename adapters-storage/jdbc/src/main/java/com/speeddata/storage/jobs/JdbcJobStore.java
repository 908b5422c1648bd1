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
import com.speeddata.jobs.QuotaExceededException;
import com.speeddata.jobs.Submission;
import com.speeddata.storage.Database;
import com.speeddata.storage.Jdbc;
import com.speeddata.storage.StoreException;
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
import javax.sql.DataSource;

/**
 * The job table on PostgreSQL or H2. Claims take jobs fairly across owners within their running quotas
 * ({@link JobClaims}: on PostgreSQL with {@code FOR UPDATE SKIP LOCKED}, so instances claiming at once take different
 * jobs without waiting on each other); every other change is one conditional UPDATE that succeeds only for the
 * worker holding the lease.
 */
public final class JdbcJobStore implements JobStore {
    private static final String SELECT = "SELECT " + JobRows.COLUMNS + " FROM job ";
    private static final String LEASED = " WHERE id = ? AND status = 'running' AND lease_owner = ?";

    /** Queued jobs, counted up to a limit: a submit only needs to know whether the queue is full. */
    private static final String QUEUED_UP_TO =
            "SELECT COUNT(*) AS jobs FROM (SELECT 1 FROM job WHERE status = 'queued' LIMIT ?) waiting";
    /** The owner's queued jobs, counted up to its quota (a limit of 0 when its quota cannot refuse: no count). */
    private static final String OWNER_QUEUED_UP_TO =
            "SELECT COUNT(*) AS jobs FROM (SELECT 1 FROM job " + "WHERE status = 'queued' AND owner = ? LIMIT ?) mine";

    private static final String COMPLETE = "UPDATE job SET status = 'completed', finished_at = ?, expires_at = ?, "
            + "progress_percent = 100, progress_message = 'completed', result_bytes = ?, result_sha256 = ?, "
            + "result_content_type = ?, result_location = ?, result_summary = ?, lease_owner = NULL, "
            + "lease_expires_at = NULL" + LEASED;
    private static final String INSERT_QUEUED = "INSERT INTO job (id, kind, owner, request_hash, payload, status, "
            + "max_attempts, created_at, run_after, priority, max_running)";
    private static final String NEW_QUEUED = "?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?";

    private final DataSource dataSource;
    /** Claims, renewals and retries: {@link Database#workerDataSource()}. */
    private final DataSource workerDataSource;
    /**
     * PostgreSQL: submits in one statement (data-changing CTE) and wakes other instances with NOTIFY. H2 has no
     * data-changing CTE and needs no NOTIFY (one process owns it; the engine wakes its own workers); its statements
     * cost no round trip.
     */
    private final boolean postgres;

    private final JobClaims claims;

    /** Fair claims across tenants within their quotas: multi-user mode. */
    public JdbcJobStore(Database database) {
        this(database, ClaimOrder.FAIR);
    }

    /** Which order a claim takes jobs in; chosen once, by the mode the server runs in. */
    public enum ClaimOrder {
        /** By tier priority, then the tenant running fewest jobs, within each tenant's running quota. */
        FAIR,
        /** Oldest first, as single-user mode's one unlimited tenant needs; quotas are not looked at. */
        IN_ORDER
    }

    private final OwnerTurns ownerTurns;

    public JdbcJobStore(Database database, ClaimOrder order) {
        this.dataSource = database.dataSource();
        this.workerDataSource = database.workerDataSource();
        this.postgres = database.dialect() == com.speeddata.storage.Dialect.POSTGRESQL;
        this.claims = JobClaims.of(database.dialect(), order == ClaimOrder.FAIR);
        this.ownerTurns = OwnerTurns.of(database.dialect());
    }

    @Override
    public Submission submit(NewJob job, Instant now, int queueCapacity) {
        // The owner's queue is counted only when its quota can refuse before the capacity does (not for UNLIMITED).
        int ownerLimit = job.quota().limitsQueue(queueCapacity) ? job.quota().maxQueued() : 0;
        Jdbc.Work<Queued> insert = postgres
                ? connection -> submitInOneStatement(connection, job, now, queueCapacity, ownerLimit)
                : connection -> submitInTransaction(connection, job, now, queueCapacity, ownerLimit);
        // A quota is counted in the owner's turn, so concurrent submits of one owner cannot all pass it.
        Queued queued = ownerLimit > 0
                ? Jdbc.withConnection(
                        dataSource,
                        "submitting job " + job.id(),
                        connection -> ownerTurns.take(connection, job.owner(), insert))
                : postgres
                        ? Jdbc.withConnection(dataSource, "submitting job " + job.id(), insert)
                        : transaction("submitting job " + job.id(), insert);
        if (queued.created()) {
            Instant stored = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // the columns' precision
            return new Submission(
                    new Job(
                            job.id(),
                            job.kind(),
                            job.owner(),
                            job.requestHash(),
                            job.payload(),
                            JobStatus.QUEUED,
                            Progress.NONE,
                            0,
                            job.maxAttempts(),
                            stored,
                            null,
                            null,
                            stored,
                            null,
                            null,
                            false,
                            null,
                            null,
                            null),
                    true);
        }
        Optional<Job> existing = find(job.id());
        if (existing.isPresent()) {
            return repeat(existing.get(), job);
        }
        if (ownerLimit > 0 && queued.ownerBefore() >= ownerLimit) {
            throw new QuotaExceededException(job.owner(), ownerLimit);
        }
        if (queued.before() >= queueCapacity) {
            throw new QueueFullException(queueCapacity);
        }
        throw new StoreException("job " + job.id() + " was neither inserted nor found", null);
    }

    /**
     * What a submit found: how many jobs were queued before it (counted up to the capacity), how many of its owner
     * (up to the owner's limit; 0 when not counted), and whether it queued.
     */
    private record Queued(long before, long ownerBefore, boolean created) {}

    /**
     * PostgreSQL: counts the queue and the owner's queue, inserts when there is room in both and, when the queue was
     * empty, sends the NOTIFY that wakes idle workers, all in one statement, so a submission costs one round trip and
     * its (durable) commit. The NOTIFY is sent only to an empty queue: a worker that finds jobs keeps claiming until
     * the queue is empty again, so only the first job after an empty queue has idle workers to wake. Except for an
     * owner with a running quota (multi-user mode): workers may idle beside a queue whose jobs all belong to owners
     * at their quota, and this owner's job must not wait for their next poll.
     */
    private static Queued submitInOneStatement(
            Connection connection, NewJob job, Instant now, int queueCapacity, int ownerLimit) throws SQLException {
        String sql = "WITH queue AS (" + QUEUED_UP_TO + "), mine AS (" + OWNER_QUEUED_UP_TO + "), inserted AS ("
                + INSERT_QUEUED + " SELECT " + NEW_QUEUED + " FROM queue, mine WHERE queue.jobs < ? AND mine.jobs < ? "
                + "ON CONFLICT DO NOTHING RETURNING id) SELECT queue.jobs, mine.jobs, inserted.id IS NOT NULL, "
                + "CASE WHEN (queue.jobs = 0 OR ?) AND inserted.id IS NOT NULL THEN pg_notify('"
                + PostgresWakeup.CHANNEL + "', '') END FROM queue CROSS JOIN mine LEFT JOIN inserted ON TRUE";
        Args args = new Args()
                .add(queueCapacity)
                .add(job.owner())
                .add(ownerLimit)
                .and(newJob(job, now))
                .add(queueCapacity)
                .add(ownerLimit > 0 ? ownerLimit : 1)
                .add(job.quota().limitsRunning());
        try (PreparedStatement submit = args.bind(connection.prepareStatement(sql));
                ResultSet row = submit.executeQuery()) {
            row.next();
            return new Queued(row.getLong(1), row.getLong(2), row.getBoolean(3));
        }
    }

    /** H2 (in-process, so statements cost no round trip): counts, then inserts when there is room. */
    private static Queued submitInTransaction(
            Connection connection, NewJob job, Instant now, int queueCapacity, int ownerLimit) throws SQLException {
        long before = count(connection, QUEUED_UP_TO, new Args().add(queueCapacity));
        long ownerBefore = count(
                connection, OWNER_QUEUED_UP_TO, new Args().add(job.owner()).add(ownerLimit));
        if (before >= queueCapacity || (ownerLimit > 0 && ownerBefore >= ownerLimit)) {
            return new Queued(before, ownerBefore, false);
        }
        try (PreparedStatement insert = newJob(job, now)
                .bind(connection.prepareStatement(
                        INSERT_QUEUED + " VALUES (" + NEW_QUEUED + ") ON CONFLICT DO NOTHING"))) {
            return new Queued(before, ownerBefore, insert.executeUpdate() > 0);
        }
    }

    private static long count(Connection connection, String sql, Args args) throws SQLException {
        try (PreparedStatement count = args.bind(connection.prepareStatement(sql));
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The values of {@link #NEW_QUEUED}. */
    private static Args newJob(NewJob job, Instant now) {
        return new Args()
                .add(job.id().value())
                .add(job.kind())
                .add(job.owner())
                .add(job.requestHash())
                .add(job.payload())
                .add(job.maxAttempts())
                .add(now)
                .add(now)
                .add(job.quota().priority())
                .add(job.quota().maxRunning());
    }

    private static Submission repeat(Job existing, NewJob job) {
        if (!existing.requestHash().equals(job.requestHash())
                || !existing.owner().equals(job.owner())) {
            throw new JobIdConflictException(job.id());
        }
        return new Submission(existing, false);
    }

    @Override
    public Job adopt(NewJob job, String workerId, Instant now, Duration lease) {
        return transaction("adopting job " + job.id(), connection -> {
            Args args = new Args()
                    .add(job.id().value())
                    .add(job.kind())
                    .add(job.owner())
                    .add(job.requestHash())
                    .add(job.payload())
                    .add(job.maxAttempts())
                    .add(now)
                    .add(now)
                    .add(now)
                    .add(workerId)
                    .add(now.plus(lease))
                    .add(job.quota().priority())
                    .add(job.quota().maxRunning());
            try (PreparedStatement insert = args.bind(connection.prepareStatement("INSERT INTO job (id, kind, owner, "
                    + "request_hash, payload, status, attempts, max_attempts, created_at, started_at, run_after, "
                    + "lease_owner, lease_expires_at, priority, max_running) "
                    + "VALUES (?, ?, ?, ?, ?, 'running', 1, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"))) {
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

    @Override
    public Optional<Job> find(String owner, JobId id) {
        return Jdbc.withConnection(dataSource, "reading job " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT + "WHERE id = ? AND owner = ?")) {
                select.setObject(1, id.value());
                select.setString(2, owner);
                return JobRows.readAll(select).stream().findFirst();
            }
        });
    }

    private static Optional<Job> find(Connection connection, JobId id, boolean lock) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement(SELECT + "WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
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
                return JobRows.readAll(select);
            }
        });
    }

    @Override
    public Optional<Job> claim(String workerId, Set<String> kinds, Instant now, Duration lease) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        return workerStatements("claiming a job", connection -> claims.claim(connection, workerId, kinds, now, lease));
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
            return find(connection, id, false)
                    .map(j -> j.cancelRequested() ? LeaseState.CANCEL_REQUESTED : LeaseState.HELD)
                    .orElse(LeaseState.LOST);
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
                    statement.setString(7, result.summary());
                    statement.setObject(8, id.value());
                    statement.setString(9, workerId);
                })
                > 0;
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
    private boolean releaseWithError(
            JobId id, String workerId, JobError error, String change, Instant at, boolean terminal) {
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
        return finalUpdate(
                        "cancelling job " + id,
                        "UPDATE job SET status = 'cancelled', finished_at = ?, "
                                + "lease_owner = NULL, lease_expires_at = NULL" + LEASED,
                        statement -> {
                            JobRows.set(statement, 1, now);
                            statement.setObject(2, id.value());
                            statement.setString(3, workerId);
                        })
                > 0;
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
                try (PreparedStatement update =
                        connection.prepareStatement("UPDATE job SET cancel_requested = TRUE WHERE id = ?")) {
                    update.setObject(1, id.value());
                    update.executeUpdate();
                }
            }
            return find(connection, id, false);
        });
    }

    @Override
    public int reapAbandoned(Instant now) {
        int cancelled = finalUpdate(
                "reaping cancelled jobs",
                "UPDATE job SET status = 'cancelled', finished_at = ?, "
                        + "lease_owner = NULL, lease_expires_at = NULL "
                        + "WHERE status = 'running' AND lease_expires_at < ? AND cancel_requested",
                statement -> {
                    JobRows.set(statement, 1, now);
                    JobRows.set(statement, 2, now);
                });
        int failed = finalUpdate(
                "reaping abandoned jobs",
                "UPDATE job SET status = 'failed', finished_at = ?, "
                        + "error_code = 'WORKER_LOST', error_message = 'the worker running this job stopped ' || attempts "
                        + "|| ' times; giving up', lease_owner = NULL, lease_expires_at = NULL "
                        + "WHERE status = 'running' AND lease_expires_at < ? AND attempts >= max_attempts",
                statement -> {
                    JobRows.set(statement, 1, now);
                    JobRows.set(statement, 2, now);
                });
        return cancelled + failed;
    }

    @Override
    public List<Job> expire(Instant now) {
        return transaction("expiring results", connection -> {
            List<Job> expired;
            try (PreparedStatement select = connection.prepareStatement(
                    SELECT + "WHERE status = 'completed' AND expires_at <= ? FOR UPDATE SKIP LOCKED")) {
                JobRows.set(select, 1, now);
                expired = JobRows.readAll(select);
            }
            List<Job> after = new ArrayList<>();
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE job SET status = 'expired' WHERE id = ?")) {
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
    public Optional<Job> discardResult(JobId id) {
        return transaction("deleting the result of job " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE job SET status = 'expired' WHERE id = ? AND status = 'completed'")) {
                update.setObject(1, id.value());
                update.executeUpdate();
            }
            return find(connection, id, false);
        });
    }

    @Override
    public long countQueued() {
        return Jdbc.withConnection(dataSource, "counting queued jobs", connection -> {
            try (PreparedStatement count =
                            connection.prepareStatement("SELECT COUNT(*) FROM job WHERE status = " + "'queued'");
                    ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Override
    public java.util.Map<JobStatus, Long> countByStatus() {
        return Jdbc.withConnection(dataSource, "counting jobs", connection -> {
            java.util.Map<JobStatus, Long> counts = new java.util.EnumMap<>(JobStatus.class);
            try (PreparedStatement count =
                            connection.prepareStatement("SELECT status, COUNT(*) FROM job GROUP BY status");
                    ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    counts.put(JobStatus.fromWire(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
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
