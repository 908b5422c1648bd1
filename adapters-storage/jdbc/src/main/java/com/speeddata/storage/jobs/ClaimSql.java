package com.speeddata.storage.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The SQL both databases' claims share: which rows may be taken, in which order, and what taking one writes.
 * Orders start with the columns the condition fixes, so that H2 reads its {@code (status, ...)} indexes in order;
 * PostgreSQL drops the constant columns and reads its partial indexes.
 */
final class ClaimSql {
    /** {@code Integer.MAX_VALUE}, stored for {@link com.speeddata.jobs.JobQuota#UNLIMITED}: no running quota. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    /**
     * How owners are ranked (both databases; the SQL is spelled out in each claim): fewest running jobs per unit of
     * weight first, a tier's weight being its priority + 1 ({@code local} 1, {@code pro} 2, {@code pro_plus} 3), then
     * the higher priority, then the owner whose next job became runnable first. So {@code pro_plus} goes first among
     * owners running alike and may run up to 3 jobs for every 2 of a {@code pro} owner's, yet no owner's queue waits
     * for another's to empty (strict priority would let one {@code pro_plus} queue hold every {@code pro} back).
     */
    static final String RANK_ORDER = "running / (priority + 1), priority DESC, run_after, created_at";

    /** A running job whose worker died: lease expired, attempts left, no cancellation asked. */
    static final String ABANDONED_ORDER = "status, lease_expires_at";
    /** An owner's queued jobs, its next first. */
    static final String QUEUED_ORDER = "status, owner, run_after, created_at";

    private ClaimSql() {}

    static String abandoned(Set<String> kinds) {
        return "status = 'running' AND kind IN (" + Args.placeholders(kinds) + ") AND lease_expires_at < ? "
                + "AND attempts < max_attempts AND NOT cancel_requested";
    }

    static Args abandonedArgs(Set<String> kinds, Instant now) {
        return new Args().addAll(kinds).add(now);
    }

    /** Any owner's runnable queued jobs, for claims that do not rank owners. */
    static String queued(Set<String> kinds) {
        return "status = 'queued' AND kind IN (" + Args.placeholders(kinds) + ") AND run_after <= ?";
    }

    /** The runnable queued jobs of the owner that {@code owner} (a placeholder or an SQL expression) names. */
    static String queuedOf(String owner, Set<String> kinds) {
        return "status = 'queued' AND owner = " + owner + " AND kind IN (" + Args.placeholders(kinds)
                + ") AND run_after <= ?";
    }

    /** The owner's running jobs, of every kind and instance (expired leases included: not yet taken over). */
    static final String RUNNING_OF_OWNER = "(SELECT COUNT(*) FROM job WHERE status = 'running' AND owner = ?)";

    /** Takes the job whose id follows, for {@link #takeArgs}. */
    static final String TAKE = "UPDATE job SET status = 'running', attempts = attempts + 1, lease_owner = ?, "
            + "lease_expires_at = ?, started_at = COALESCE(started_at, ?) WHERE id = ";

    static Args takeArgs(String workerId, Instant now, Duration lease) {
        return new Args().add(workerId).add(now.plus(lease)).add(now);
    }
}
