package com.speeddata.storage.jobs;

import com.speeddata.jobs.NewJob;
import com.speeddata.storage.Dialect;
import com.speeddata.storage.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The job table's SQL: the statements both databases run alike (below, each bound by {@link Args} in the order its
 * {@code ?} appear), and what one database does differently, chosen once from the {@link Dialect} when the store is
 * built: {@link PostgresJobSql} or {@link H2JobSql}. The claim statements both share are in {@link ClaimSql}.
 */
sealed interface JobSql permits H2JobSql, PostgresJobSql {
    String SELECT = "SELECT " + JobRows.COLUMNS + " FROM job ";
    /** The job, while the worker holding its lease runs it: args id, worker. */
    String LEASED = " WHERE id = ? AND status = 'running' AND lease_owner = ?";

    /** Args: id. */
    String BY_ID = SELECT + "WHERE id = ?";
    /** Args: id, owner. */
    String BY_OWNER_AND_ID = SELECT + "WHERE id = ? AND owner = ?";

    /** Queued jobs, counted up to a limit: a submit only needs to know whether the queue is full. Args: limit. */
    String QUEUED_UP_TO = "SELECT COUNT(*) AS jobs FROM (SELECT 1 FROM job WHERE status = 'queued' LIMIT ?) waiting";
    /** The owner's queued jobs, counted up to its quota (0 when its quota cannot refuse). Args: owner, limit. */
    String OWNER_QUEUED_UP_TO =
            "SELECT COUNT(*) AS jobs FROM (SELECT 1 FROM job WHERE status = 'queued' AND owner = ? LIMIT ?) mine";

    String INSERT_QUEUED = "INSERT INTO job (id, kind, owner, request_hash, payload, status, "
            + "max_attempts, created_at, run_after, priority, max_running)";
    /** The values of {@link #INSERT_QUEUED}: args {@link #newJob}. */
    String NEW_QUEUED = "?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?";

    /** Args: id, kind, owner, request hash, payload, max attempts, now (3), worker, lease end, priority, quota. */
    String ADOPT = "INSERT INTO job (id, kind, owner, request_hash, payload, status, attempts, max_attempts, "
            + "created_at, started_at, run_after, lease_owner, lease_expires_at, priority, max_running) "
            + "VALUES (?, ?, ?, ?, ?, 'running', 1, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /** Args: lease end, percent, message, done, failed, total, then {@link #LEASED}. */
    String RENEW = "UPDATE job SET lease_expires_at = ?, progress_percent = ?, progress_message = ?, "
            + "progress_done = ?, progress_failed = ?, progress_total = ?" + LEASED;
    /** Args: now, expires at, bytes, sha256, content type, location, summary, then {@link #LEASED}. */
    String COMPLETE = "UPDATE job SET status = 'completed', finished_at = ?, expires_at = ?, "
            + "progress_percent = 100, progress_message = 'completed', result_bytes = ?, result_sha256 = ?, "
            + "result_content_type = ?, result_location = ?, result_summary = ?, lease_owner = NULL, "
            + "lease_expires_at = NULL" + LEASED;
    /** Args: now, error code, error message, then {@link #LEASED}. */
    String FAIL = "UPDATE job SET status = 'failed', finished_at = ?, error_code = ?, error_message = ?, "
            + "lease_owner = NULL, lease_expires_at = NULL" + LEASED;
    /** Args: run after, error code, error message, then {@link #LEASED}. */
    String RETRY = "UPDATE job SET status = 'queued', run_after = ?, error_code = ?, error_message = ?, "
            + "lease_owner = NULL, lease_expires_at = NULL" + LEASED;
    /** Args: now, then {@link #LEASED}. */
    String MARK_CANCELLED =
            "UPDATE job SET status = 'cancelled', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL"
                    + LEASED;

    /** Args: id. */
    String LOCK_BY_ID = BY_ID + " FOR UPDATE";
    /** Args: now, id. */
    String CANCEL_QUEUED = "UPDATE job SET status = 'cancelled', finished_at = ? WHERE id = ?";
    /** Args: id. */
    String REQUEST_CANCEL = "UPDATE job SET cancel_requested = TRUE WHERE id = ?";

    /** Args: now, now. */
    String REAP_CANCELLED = "UPDATE job SET status = 'cancelled', finished_at = ?, lease_owner = NULL, "
            + "lease_expires_at = NULL WHERE status = 'running' AND lease_expires_at < ? AND cancel_requested";
    /** Args: now, now. */
    String REAP_FAILED = "UPDATE job SET status = 'failed', finished_at = ?, error_code = 'WORKER_LOST', "
            + "error_message = 'the worker running this job stopped ' || attempts || ' times; giving up', "
            + "lease_owner = NULL, lease_expires_at = NULL "
            + "WHERE status = 'running' AND lease_expires_at < ? AND attempts >= max_attempts";

    /** Args: now. */
    String EXPIRED = SELECT + "WHERE status = 'completed' AND expires_at <= ? FOR UPDATE SKIP LOCKED";
    /** Args: id. */
    String EXPIRE = "UPDATE job SET status = 'expired' WHERE id = ?";
    /** Args: id. */
    String DISCARD_RESULT = "UPDATE job SET status = 'expired' WHERE id = ? AND status = 'completed'";

    String COUNT_QUEUED = "SELECT COUNT(*) FROM job WHERE status = 'queued'";
    String COUNT_BY_STATUS = "SELECT status, COUNT(*) FROM job GROUP BY status";

    static JobSql of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? new PostgresJobSql() : new H2JobSql();
    }

    /**
     * Queues the job when the queue holds fewer than {@code queueCapacity} jobs and, when {@code ownerLimit > 0},
     * its owner fewer than {@code ownerLimit}. Runs on the connection {@link #durably} lends, or in the owner's turn.
     */
    Queued submit(Connection connection, NewJob job, Instant now, int queueCapacity, int ownerLimit)
            throws SQLException;

    /**
     * Runs a change the client may be told of at once (a submission; a job completed, failed or cancelled) so that
     * it commits durably, through the request pool.
     */
    <T> T durably(DataSource dataSource, String what, Jdbc.Work<T> work);

    /** How changes of one owner that count its jobs take turns. */
    OwnerTurns ownerTurns();

    /** How workers claim jobs, in {@code order}. */
    JobClaims claims(JdbcJobStore.ClaimOrder order);

    /**
     * What a submit found: how many jobs were queued before it (counted up to the capacity), how many of its owner
     * (up to the owner's limit; 0 when not counted), and whether it queued.
     */
    record Queued(long before, long ownerBefore, boolean created) {}

    /** The values of {@link #NEW_QUEUED}. */
    static Args newJob(NewJob job, Instant now) {
        return Args.of(
                job.id().value(),
                job.kind(),
                job.owner(),
                job.requestHash(),
                job.payload(),
                job.maxAttempts(),
                now,
                now,
                job.quota().priority(),
                job.quota().maxRunning());
    }
}
