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
 * The job store on the embedded H2, which one process owns and where a statement costs no round trip. H2 has no
 * data-changing CTE and needs no NOTIFY (the engine wakes its own workers), so a submission counts, then inserts.
 * Changes that end a job are transactions, since {@code DurableCommits} acts on commits; an owner's turns are a
 * lock of this JVM.
 */
final class H2JobSql implements JobSql {
    private static final OwnerTurns TURNS = new OwnerTurns.InProcess();
    private static final String INSERT = INSERT_QUEUED + " VALUES (" + NEW_QUEUED + ") ON CONFLICT DO NOTHING";

    @Override
    public Queued submit(Connection connection, NewJob job, Instant now, int queueCapacity, int ownerLimit)
            throws SQLException {
        long before = count(connection, QUEUED_UP_TO, Args.of(queueCapacity));
        long ownerBefore = count(connection, OWNER_QUEUED_UP_TO, Args.of(job.owner(), ownerLimit));
        if (before >= queueCapacity || (ownerLimit > 0 && ownerBefore >= ownerLimit)) {
            return new Queued(before, ownerBefore, false);
        }
        return new Queued(before, ownerBefore, JobSql.newJob(job, now).update(connection, INSERT) > 0);
    }

    private static long count(Connection connection, String sql, Args args) throws SQLException {
        try (PreparedStatement count = args.bind(connection.prepareStatement(sql));
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** In a transaction, as a submit without a quota is too ({@code DurableCommits} acts on commits). */
    @Override
    public <T> T durably(DataSource dataSource, String what, Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, what, work);
    }

    @Override
    public OwnerTurns ownerTurns() {
        return TURNS;
    }

    @Override
    public JobClaims claims(JdbcJobStore.ClaimOrder order) {
        return order == JdbcJobStore.ClaimOrder.FAIR
                ? new H2JobClaims()
                : new InOrderJobClaims(H2JobClaims::claimFirst);
    }
}
