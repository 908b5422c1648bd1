package com.speeddata.jobs;

/**
 * A tenant's job limits, carried by every job it submits (its tier's row of the tiers table).
 *
 * @param maxQueued  jobs of the tenant that may wait in the queue at once; a submit beyond it is refused with
 *                   {@link QuotaExceededException} (an idempotent repeat of a queued job is not a new job)
 * @param maxRunning jobs of the tenant running at once, of every kind and on every instance; workers leave its
 *                   further jobs queued until one of its running jobs ends
 * @param priority   among tenants with runnable jobs, a higher priority is served first ({@code pro_plus} above
 *                   {@code pro}); see {@link JobStore#claim}
 */
public record JobQuota(int maxQueued, int maxRunning, int priority) {
    /** No limit, lowest priority: single-user mode's tenant {@code local}, and jobs submitted without a quota. */
    public static final JobQuota UNLIMITED = new JobQuota(Integer.MAX_VALUE, Integer.MAX_VALUE, 0);

    public JobQuota {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be at least 1, not " + maxQueued);
        }
        if (maxRunning < 1) {
            throw new IllegalArgumentException("maxRunning must be at least 1, not " + maxRunning);
        }
        if (priority < 0) {
            throw new IllegalArgumentException("priority must not be negative, not " + priority);
        }
    }

    /** Whether {@link #maxRunning} limits anything: claims of such a tenant are serialised to count its jobs. */
    public boolean limitsRunning() {
        return maxRunning != Integer.MAX_VALUE;
    }

    /**
     * Whether {@link #maxQueued} can refuse a submit before the shared queue capacity does (an owner alone at the
     * capacity is told of its quota, not of a full queue). When it cannot, a store skips counting the owner's queue.
     */
    public boolean limitsQueue(int queueCapacity) {
        return maxQueued <= queueCapacity;
    }
}
