package com.speeddata.storage.jobs;

import com.speeddata.jobs.NewJob;
import com.speeddata.storage.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The job store on PostgreSQL, which several instances share: a submission is one statement (a data-changing CTE)
 * that also wakes other instances' workers with NOTIFY; a change that ends a job is one auto-committed statement
 * (one round trip, waiting for the WAL flush); an owner's turns are advisory locks; claims skip locked rows.
 */
final class PostgresJobSql implements JobSql {
    /**
     * Counts the queue and the owner's queue, inserts when there is room in both and, when the queue was empty,
     * sends the NOTIFY that wakes idle workers, all in one statement, so a submission costs one round trip and its
     * (durable) commit. The NOTIFY is sent only to an empty queue: a worker that finds jobs keeps claiming until the
     * queue is empty again, so only the first job after an empty queue has idle workers to wake. Except for an owner
     * with a running quota (multi-user mode): workers may idle beside a queue whose jobs all belong to owners at
     * their quota, and this owner's job must not wait for their next poll.
     */
    private static final String SUBMIT = "WITH queue AS (" + QUEUED_UP_TO + "), mine AS (" + OWNER_QUEUED_UP_TO
            + "), inserted AS (" + INSERT_QUEUED + " SELECT " + NEW_QUEUED
            + " FROM queue, mine WHERE queue.jobs < ? AND mine.jobs < ? ON CONFLICT DO NOTHING RETURNING id) "
            + "SELECT queue.jobs, mine.jobs, inserted.id IS NOT NULL, "
            + "CASE WHEN (queue.jobs = 0 OR ?) AND inserted.id IS NOT NULL THEN pg_notify('"
            + PostgresWakeup.CHANNEL + "', '') END FROM queue CROSS JOIN mine LEFT JOIN inserted ON TRUE";

    private static final OwnerTurns TURNS = new OwnerTurns.Advisory();

    @Override
    public Queued submit(Connection connection, NewJob job, Instant now, int queueCapacity, int ownerLimit)
            throws SQLException {
        Args args = Args.of(queueCapacity, job.owner(), ownerLimit)
                .and(JobSql.newJob(job, now))
                .add(queueCapacity)
                .add(ownerLimit > 0 ? ownerLimit : 1)
                .add(job.quota().limitsRunning());
        try (PreparedStatement submit = args.bind(connection.prepareStatement(SUBMIT));
                ResultSet row = submit.executeQuery()) {
            row.next();
            return new Queued(row.getLong(1), row.getLong(2), row.getBoolean(3));
        }
    }

    @Override
    public <T> T durably(DataSource dataSource, String what, Jdbc.Work<T> work) {
        return Jdbc.withConnection(dataSource, what, work);
    }

    @Override
    public OwnerTurns ownerTurns() {
        return TURNS;
    }

    @Override
    public JobClaims claims(JdbcJobStore.ClaimOrder order) {
        return order == JdbcJobStore.ClaimOrder.FAIR
                ? new PostgresJobClaims()
                : new InOrderJobClaims(PostgresJobClaims::claimOne);
    }
}
