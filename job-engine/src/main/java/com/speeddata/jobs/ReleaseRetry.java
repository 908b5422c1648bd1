package com.speeddata.jobs;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an attempt in the store (complete, fail, retry, cancelled) in spite of a short database outage: the call is
 * repeated with a doubling pause ({@link #FIRST_PAUSE} up to {@link #MAX_PAUSE}) for at most a budget, the job's
 * lease. Without it a worker whose release failed let the job sit RUNNING until its lease expired, and the next
 * claim counted one more attempt for a run that had in fact finished.
 */
final class ReleaseRetry {
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(ReleaseRetry.class);

    private ReleaseRetry() {}

    /**
     * Runs {@code call} until it returns or {@code budget} is spent; the last failure is thrown then, or at once
     * when the thread is interrupted while waiting (the instance is stopping). An interrupt already pending when it
     * starts (a cancelled handler's) does not cut the waits short; it is set again on return.
     */
    static boolean call(String what, Duration budget, BooleanSupplier call) {
        boolean interruptedBefore = Thread.interrupted();
        long deadline = System.nanoTime() + budget.toNanos();
        Duration pause = FIRST_PAUSE;
        try {
            while (true) {
                try {
                    return call.getAsBoolean();
                } catch (RuntimeException failure) {
                    if (System.nanoTime() + pause.toNanos() > deadline) {
                        throw failure;
                    }
                    log.warn("{} failed ({}); trying again in {} ms", what, failure.toString(), pause.toMillis());
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                        throw failure;
                    }
                    pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
                }
            }
        } finally {
            if (interruptedBefore) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
