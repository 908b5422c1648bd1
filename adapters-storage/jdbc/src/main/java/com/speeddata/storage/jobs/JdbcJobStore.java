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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The job table on PostgreSQL or H2. Claims take jobs fairly across owners within their running quotas
 * ({@link JobClaims}: on PostgreSQL with {@code FOR UPDATE SKIP LOCKED}, so instances claiming at once take different
 * jobs without waiting on each other); every other change is one conditional UPDATE that succeeds only for the
 * worker holding the lease. The statements are in {@link JobSql}, which also holds what one database does
 * differently.
 */
public final class JdbcJobStore implements JobStore {
    private final DataSource dataSource;
    /** Claims, renewals and retries: {@link Database#workerDataSource()}. */
    private final DataSource workerDataSource;

    private final JobSql sql;
    private final JobClaims claims;
    private final OwnerTurns ownerTurns;

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

    public JdbcJobStore(Database database, ClaimOrder order) {
        this.dataSource = database.dataSource();
        this.workerDataSource = database.workerDataSource();
        this.sql = JobSql.of(database.dialect());
        this.claims = sql.claims(order);
        this.ownerTurns = sql.ownerTurns();
    }

    @Override
    public Submission submit(NewJob job, Instant now, int queueCapacity) {
        // The owner's queue is counted only when its quota can refuse before the capacity does (not for UNLIMITED).
        int ownerLimit = job.quota().limitsQueue(queueCapacity) ? job.quota().maxQueued() : 0;
        Jdbc.Work<JobSql.Queued> insert = connection -> sql.submit(connection, job, now, queueCapacity, ownerLimit);
        String what = "submitting job " + job.id();
        // A quota is counted in the owner's turn, so concurrent submits of one owner cannot all pass it.
        JobSql.Queued queued = ownerLimit > 0
                ? Jdbc.withConnection(dataSource, what, connection -> ownerTurns.take(connection, job.owner(), insert))
                : sql.durably(dataSource, what, insert);
        if (queued.created()) {
            Instant stored = now.truncatedTo(ChronoUnit.MICROS); // the columns' precision
            return new Submission(job.queuedAt(stored), true);
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

    private static Submission repeat(Job existing, NewJob job) {
        if (!existing.requestHash().equals(job.requestHash())
                || !existing.owner().equals(job.owner())) {
            throw new JobIdConflictException(job.id());
        }
        return new Submission(existing, false);
    }

    @Override
    public Job adopt(NewJob job, String workerId, Instant now, Duration lease) {
        Args args = Args.of(
                job.id().value(),
                job.kind(),
                job.owner(),
                job.requestHash(),
                job.payload(),
                job.maxAttempts(),
                now,
                now,
                now,
                workerId,
                now.plus(lease),
                job.quota().priority(),
                job.quota().maxRunning());
        return transaction("adopting job " + job.id(), connection -> {
            if (args.update(connection, JobSql.ADOPT) == 0) {
                throw new JobIdConflictException(job.id());
            }
            return JobRows.find(connection, job.id()).orElseThrow();
        });
    }

    @Override
    public Optional<Job> find(JobId id) {
        return Jdbc.withConnection(dataSource, "reading job " + id, connection -> JobRows.find(connection, id));
    }

    @Override
    public Optional<Job> find(String owner, JobId id) {
        return Jdbc.withConnection(
                dataSource,
                "reading job " + id,
                connection -> JobRows.select(connection, JobSql.BY_OWNER_AND_ID, Args.of(id.value(), owner)).stream()
                        .findFirst());
    }

    @Override
    public List<Job> list(JobListing listing) {
        String select = JobSql.SELECT + "WHERE owner = ? AND kind = ?"
                + (listing.status() == null ? "" : " AND status = ?")
                + (listing.after() == null ? "" : " AND (created_at < ? OR (created_at = ? AND id < ?))")
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        Args args = Args.of(listing.owner(), listing.kind());
        if (listing.status() != null) {
            args.add(listing.status().wireName());
        }
        if (listing.after() != null) {
            args.add(listing.after().createdAt())
                    .add(listing.after().createdAt())
                    .add(listing.after().id().value());
        }
        args.add(listing.limit());
        return Jdbc.withConnection(dataSource, "listing jobs", connection -> JobRows.select(connection, select, args));
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
        Args args = Args.of(
                leaseExpiresAt,
                progress.percent(),
                truncate(progress.message(), 500),
                progress.done(),
                progress.failed(),
                progress.total(),
                id.value(),
                workerId);
        return workerTransaction("renewing the lease of job " + id, connection -> {
            if (args.update(connection, JobSql.RENEW) == 0) {
                return LeaseState.LOST;
            }
            return JobRows.find(connection, id)
                    .map(j -> j.cancelRequested() ? LeaseState.CANCEL_REQUESTED : LeaseState.HELD)
                    .orElse(LeaseState.LOST);
        });
    }

    @Override
    public boolean complete(JobId id, String workerId, JobResult result, Instant now, Instant expiresAt) {
        Args args = Args.of(
                now,
                expiresAt,
                result.bytes(),
                result.sha256(),
                result.contentType(),
                result.location(),
                result.summary(),
                id.value(),
                workerId);
        return finalUpdate("completing job " + id, JobSql.COMPLETE, args) > 0;
    }

    @Override
    public boolean fail(JobId id, String workerId, JobError error, Instant now) {
        return finalUpdate("releasing job " + id, JobSql.FAIL, errorArgs(now, error, id, workerId)) > 0;
    }

    @Override
    public boolean retry(JobId id, String workerId, JobError error, Instant runAfter) {
        // Not a promise to the client: a crash that loses it makes the job run again.
        Args args = errorArgs(runAfter, error, id, workerId);
        return workerStatements("releasing job " + id, connection -> args.update(connection, JobSql.RETRY)) > 0;
    }

    /** The args of {@link JobSql#FAIL} and {@link JobSql#RETRY}. */
    private static Args errorArgs(Instant at, JobError error, JobId id, String workerId) {
        return Args.of(at, error.code(), truncate(error.message(), 2000), id.value(), workerId);
    }

    @Override
    public boolean markCancelled(JobId id, String workerId, Instant now) {
        return finalUpdate("cancelling job " + id, JobSql.MARK_CANCELLED, Args.of(now, id.value(), workerId)) > 0;
    }

    @Override
    public Optional<Job> requestCancel(JobId id, Instant now) {
        return transaction("cancelling job " + id, connection -> {
            Optional<Job> job = JobRows.select(connection, JobSql.LOCK_BY_ID, Args.of(id.value())).stream()
                    .findFirst();
            if (job.isEmpty() || job.get().status().isDone()) {
                return job;
            }
            if (job.get().status() == JobStatus.QUEUED) {
                Args.of(now, id.value()).update(connection, JobSql.CANCEL_QUEUED);
            } else {
                Args.of(id.value()).update(connection, JobSql.REQUEST_CANCEL);
            }
            return JobRows.find(connection, id);
        });
    }

    @Override
    public int reapAbandoned(Instant now) {
        int cancelled = finalUpdate("reaping cancelled jobs", JobSql.REAP_CANCELLED, Args.of(now, now));
        int failed = finalUpdate("reaping abandoned jobs", JobSql.REAP_FAILED, Args.of(now, now));
        return cancelled + failed;
    }

    @Override
    public List<Job> expire(Instant now) {
        return transaction("expiring results", connection -> {
            List<Job> expired = JobRows.select(connection, JobSql.EXPIRED, Args.of(now));
            List<Job> after = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(JobSql.EXPIRE)) {
                for (Job job : expired) {
                    Args.of(job.id().value()).bind(update).executeUpdate();
                    after.add(JobRows.find(connection, job.id()).orElseThrow());
                }
            }
            return after;
        });
    }

    @Override
    public Optional<Job> discardResult(JobId id) {
        return transaction("deleting the result of job " + id, connection -> {
            Args.of(id.value()).update(connection, JobSql.DISCARD_RESULT);
            return JobRows.find(connection, id);
        });
    }

    @Override
    public long countQueued() {
        return Jdbc.withConnection(dataSource, "counting queued jobs", connection -> {
            try (PreparedStatement count = connection.prepareStatement(JobSql.COUNT_QUEUED);
                    ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Override
    public Map<JobStatus, Long> countByStatus() {
        return Jdbc.withConnection(dataSource, "counting jobs", connection -> {
            Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
            try (PreparedStatement count = connection.prepareStatement(JobSql.COUNT_BY_STATUS);
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
     * durably, through the request pool, like a submission ({@link JobSql#durably}).
     */
    private int finalUpdate(String what, String statement, Args args) {
        return sql.durably(dataSource, what, connection -> args.update(connection, statement));
    }

    private <T> T transaction(String what, Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, what, work);
    }

    /** A worker-side change of several statements, on {@link Database#workerDataSource()}. */
    private <T> T workerTransaction(String what, Jdbc.Work<T> work) {
        return Jdbc.inTransaction(workerDataSource, what, work);
    }

    /**
     * Worker-side statements that are each atomic on their own (auto-commit), on the worker connections: changes a
     * crash may lose without harm (the job runs again), committed without waiting for the disk.
     */
    private <T> T workerStatements(String what, Jdbc.Work<T> work) {
        return Jdbc.withConnection(workerDataSource, what, work);
    }
}
