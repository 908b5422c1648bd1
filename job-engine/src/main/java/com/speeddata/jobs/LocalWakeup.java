package com.speeddata.jobs;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wake-ups within one process, for the embedded database (one instance at a time) and tests. */
public final class LocalWakeup implements JobWakeup {
    private final Semaphore signals = new Semaphore(0);

    @Override
    public void signal() {
        signals.release();
    }

    /** Called by adapters that learn of jobs from elsewhere (PostgreSQL NOTIFY). */
    public void signalFromElsewhere() {
        signals.release();
    }

    @Override
    public void await(Duration max) throws InterruptedException {
        if (signals.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS)) {
            signals.drainPermits();
        }
    }

    @Override
    public void close() {
        signals.release(Integer.MAX_VALUE / 2);
    }
}
