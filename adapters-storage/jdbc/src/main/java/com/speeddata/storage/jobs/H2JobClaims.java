package com.speeddata.storage.jobs;

import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Claims on the embedded H2, which one process owns and where a statement costs no round trip: the ranking is a
 * few indexed reads put in order here, and rows are taken optimistically (below). Claims of one owner with a
 * running quota take turns ({@link OwnerTurns.InProcess}: a lock of this JVM is enough, no other process opens the
 * database).
 */
final class H2JobClaims implements JobClaims {
    /** Candidates read per attempt, a few more than the workers that may race for the first. */
    private static final int CANDIDATES = 16;

    private static final OwnerTurns TURNS = new OwnerTurns.InProcess();

    private static final String FIRST_OWNER =
            "SELECT owner FROM job WHERE status = 'queued' " + "ORDER BY status, owner LIMIT 1";
    private static final String NEXT_OWNER =
            "SELECT owner FROM job WHERE status = 'queued' AND owner > ? " + "ORDER BY status, owner LIMIT 1";
    private static final String RUNNING = "SELECT owner, COUNT(*) FROM job WHERE status = 'running' GROUP BY owner";

    /** An owner with runnable jobs: its next job's priority, quota and times, and how many jobs it runs. */
    private record Head(
            String owner,
            int priority,
            int maxRunning,
            long running,
            OffsetDateTime runAfter,
            OffsetDateTime createdAt) {
        static final Comparator<Head> CLAIM_ORDER = Comparator.comparingDouble(Head::share)
                .thenComparing(Comparator.comparingInt(Head::priority).reversed())
                .thenComparing(Head::runAfter)
                .thenComparing(Head::createdAt);

        /** Running jobs per unit of weight (priority + 1): {@link ClaimSql#RANK_ORDER}. */
        double share() {
            return running / (priority + 1.0);
        }
    }

    @Override
    public Optional<Job> claim(Connection connection, String workerId, Set<String> kinds, Instant now, Duration lease)
            throws SQLException {
        Optional<Job> abandoned = claimFirst(
                connection,
                ClaimSql.abandoned(kinds),
                ClaimSql.abandonedArgs(kinds, now),
                ClaimSql.ABANDONED_ORDER,
                workerId,
                now,
                lease);
        if (abandoned.isPresent()) {
            return abandoned;
        }
        for (Head head : ranked(connection, kinds, now)) {
            Args ofOwner = new Args().add(head.owner()).addAll(kinds).add(now);
            Optional<Job> taken;
            if (head.maxRunning() == ClaimSql.UNLIMITED) {
                taken = claimFirst(
                        connection,
                        ClaimSql.queuedOf("?", kinds),
                        ofOwner,
                        ClaimSql.QUEUED_ORDER,
                        workerId,
                        now,
                        lease);
            } else {
                // Counted again in the owner's turn: claims of this owner that ended just before are committed.
                taken = TURNS.take(
                        connection,
                        head.owner(),
                        c -> running(c, head.owner()) >= head.maxRunning()
                                ? Optional.empty()
                                : claimFirst(
                                        c,
                                        ClaimSql.queuedOf("?", kinds),
                                        ofOwner,
                                        ClaimSql.QUEUED_ORDER,
                                        workerId,
                                        now,
                                        lease));
            }
            if (taken.isPresent()) {
                return taken;
            }
        }
        return Optional.empty();
    }

    /** The owners with runnable jobs under their running quota, in claim order. */
    private static List<Head> ranked(Connection connection, Set<String> kinds, Instant now) throws SQLException {
        Map<String, Long> running = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(RUNNING);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                running.put(rows.getString(1), rows.getLong(2));
            }
        }
        List<Head> heads = new ArrayList<>();
        String sql = "SELECT priority, max_running, run_after, created_at FROM job WHERE "
                + ClaimSql.queuedOf("?", kinds) + " ORDER BY " + ClaimSql.QUEUED_ORDER + " LIMIT 1";
        try (PreparedStatement first = connection.prepareStatement(FIRST_OWNER);
                PreparedStatement next = connection.prepareStatement(NEXT_OWNER);
                PreparedStatement head = connection.prepareStatement(sql)) {
            Optional<String> owner = owner(first);
            while (owner.isPresent()) {
                long runs = running.getOrDefault(owner.get(), 0L);
                try (ResultSet row = new Args()
                        .add(owner.get())
                        .addAll(kinds)
                        .add(now)
                        .bind(head)
                        .executeQuery()) {
                    if (row.next() && runs < row.getInt("max_running")) {
                        heads.add(new Head(
                                owner.get(),
                                row.getInt("priority"),
                                row.getInt("max_running"),
                                runs,
                                row.getObject("run_after", OffsetDateTime.class),
                                row.getObject("created_at", OffsetDateTime.class)));
                    }
                }
                owner = owner(new Args().add(owner.get()).bind(next));
            }
        }
        heads.sort(Head.CLAIM_ORDER);
        return heads;
    }

    private static Optional<String> owner(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    private static long running(Connection connection, String owner) throws SQLException {
        try (PreparedStatement count =
                        new Args().add(owner).bind(connection.prepareStatement("SELECT " + ClaimSql.RUNNING_OF_OWNER));
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * H2, whose {@code FOR UPDATE} reads every candidate row instead of stopping at the first (12 ms per claim with
     * 5,000 queued): reads the first few candidates without locking and claims the first that an UPDATE re-checking
     * the condition still finds, so workers racing for one job each end up with a different one. Empty only when
     * there is nothing to claim: if other workers took every candidate read, it reads again.
     */
    static Optional<Job> claimFirst(
            Connection connection,
            String condition,
            Args conditionArgs,
            String order,
            String workerId,
            Instant now,
            Duration lease)
            throws SQLException {
        try (PreparedStatement select = conditionArgs.bind(connection.prepareStatement(
                        "SELECT id FROM job WHERE " + condition + " ORDER BY " + order + " LIMIT " + CANDIDATES));
                PreparedStatement claim = connection.prepareStatement(ClaimSql.TAKE + "? AND " + condition)) {
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
                    ClaimSql.takeArgs(workerId, now, lease)
                            .add(id)
                            .and(conditionArgs)
                            .bind(claim);
                    if (claim.executeUpdate() == 1) {
                        return JobRows.find(connection, new JobId(id));
                    }
                }
            }
        }
    }
}
