package com.speeddata.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A job this instance is running: the handler's context, renewing its lease and carrying its progress. */
final class RunningJob implements JobContext {
    private final Job job;
    private final String workerId;
    private final JobStore store;
    private final Clock clock;
    private final EngineSettings settings;
    /** The thread running the handler, interrupted when the job is given up; null for an adopted job. */
    private final Thread runner;

    private volatile Progress progress;
    private volatile Instant lastProgress;
    private volatile boolean givenUp;
    private boolean finished;
    private volatile LeaseState lease = LeaseState.HELD;
    /** Progress reported since the last write, which {@link #flush} still owes the store. */
    private volatile boolean unwritten;

    private Instant lastWrite;

    RunningJob(Job job, String workerId, Thread runner, JobStore store, Clock clock, EngineSettings settings) {
        this.job = job;
        this.workerId = workerId;
        this.runner = runner;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.progress = job.progress();
        this.lastWrite = clock.instant();
        this.lastProgress = lastWrite;
    }

    Job job() {
        return job;
    }

    String workerId() {
        return workerId;
    }

    @Override
    public void progress(Progress latest) {
        Instant now = clock.instant();
        progress = latest;
        lastProgress = now;
        unwritten = true;
        synchronized (this) {
            if (Duration.between(lastWrite, now).compareTo(settings.progressThrottle()) >= 0) {
                renewAt(now);
            }
        }
        throwIfStopped();
    }

    /** True when the handler has reported nothing for the stall timeout. */
    boolean isStalled(Instant now) {
        return Duration.between(lastProgress, now).compareTo(settings.stallTimeout()) > 0;
    }

    /**
     * Stops renewing the lease (the engine has released the job) and interrupts the handler's thread: a handler
     * blocked in interruptible I/O stops at once, any other finds the lease lost at its next progress report, and
     * whatever it finishes is refused.
     */
    synchronized void giveUp() {
        lease = LeaseState.LOST;
        givenUp = true;
        if (runner != null && !finished) {
            runner.interrupt();
        }
    }

    boolean wasGivenUp() {
        return givenUp;
    }

    /** The handler returned: from now on {@link #giveUp} interrupts nothing (the thread runs other jobs). */
    synchronized void finished() {
        finished = true;
    }

    /** Called by the heartbeat: keeps the lease even while the handler is silent. */
    synchronized void renew() {
        renewAt(clock.instant());
    }

    /** Writes progress the throttle held back, if any: called before the job completes. */
    synchronized void flush() {
        if (unwritten) {
            renewAt(clock.instant());
        }
    }

    private void renewAt(Instant now) {
        lastWrite = now;
        unwritten = false;
        if (lease != LeaseState.LOST) {
            lease = store.renew(job.id(), workerId, now.plus(settings.lease()), progress);
        }
    }

    void throwIfStopped() {
        switch (lease) {
            case CANCEL_REQUESTED -> throw new JobCancelledException(job.id());
            case LOST -> throw new LeaseLostException(job.id());
            case HELD -> {}
        }
    }
}
