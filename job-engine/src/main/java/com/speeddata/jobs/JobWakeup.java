package com.speeddata.jobs;

import java.time.Duration;

/**
 * Wakes idle workers when a job is queued, here or (with a shared database) in another instance. Workers poll
 * as well, so a lost wake-up only costs latency.
 */
public interface JobWakeup extends AutoCloseable {

    /** Tells every instance that a job was queued. */
    void signal();

    /** Waits until a signal arrives or {@code max} passes. */
    void await(Duration max) throws InterruptedException;

    @Override
    void close();
}
