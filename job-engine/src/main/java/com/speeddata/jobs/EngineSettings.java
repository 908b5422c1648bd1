package com.speeddata.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs jobs.
 *
 * @param workers          jobs run at once by this instance
 * @param lease            how long a claim holds without renewal; a dead worker's job is taken over after it
 * @param pollInterval     longest wait between looks at the queue when no wake-up arrives
 * @param progressThrottle shortest time between two progress writes of one job
 * @param maxAttempts      runs of one job, counting the first, before it fails
 * @param retryBackoff     wait before the second attempt; doubles each further attempt
 * @param resultTtl        how long a finished result stays downloadable
 * @param queueCapacity    queued jobs beyond which submissions are refused
 * @param stallTimeout     a running job that reports no progress for this long is taken for stuck (a handler hung on
 *                         I/O keeps its lease alive through the heartbeat): it is given up and runs again, or fails
 */
public record EngineSettings(
        String instanceId,
        int workers,
        Duration lease,
        Duration pollInterval,
        Duration progressThrottle,
        int maxAttempts,
        Duration retryBackoff,
        Duration resultTtl,
        int queueCapacity,
        Duration stallTimeout) {

    public EngineSettings {
        Objects.requireNonNull(instanceId, "instanceId");
        if (workers < 1 || maxAttempts < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("workers, maxAttempts and queueCapacity must be positive");
        }
        for (Duration d :
                new Duration[] {lease, pollInterval, progressThrottle, retryBackoff, resultTtl, stallTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
    }

    /** Renew leases three times per lease period, so one missed renewal does not lose the job. */
    public Duration heartbeat() {
        return lease.dividedBy(3);
    }
}
