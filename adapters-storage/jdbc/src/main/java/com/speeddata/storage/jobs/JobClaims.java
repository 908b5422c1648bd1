package com.speeddata.storage.jobs;

import com.speeddata.jobs.Job;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * How one database claims a job in the order {@link com.speeddata.jobs.JobStore#claim} sets: PostgreSQL with row
 * locks that other instances skip ({@link PostgresJobClaims}), H2 optimistically inside its one process
 * ({@link H2JobClaims}). Both take the same candidates ({@link ClaimSql}); {@link JobSql#claims} picks one.
 */
interface JobClaims {

    /** Claims on an auto-commit connection of the worker pool; each claim commits before it returns. */
    Optional<Job> claim(Connection connection, String workerId, Set<String> kinds, Instant now, Duration lease)
            throws SQLException;
}
