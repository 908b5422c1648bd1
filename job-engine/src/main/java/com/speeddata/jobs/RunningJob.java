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
    private volatile Progress progress;
    private volatile LeaseState lease = LeaseState.HELD;
    /** Progress reported since the last write, which {@link #flush} still owes the store. */
    private volatile boolean unwritten;
    private Instant lastWrite;

    RunningJob(Job job, String workerId, JobStore store, Clock clock, EngineSettings settings) {
        this.job = job;
        this.workerId = workerId;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.progress = job.progress();
        this.lastWrite = clock.instant();
    }

    Job job() {
        return job;
    }

    String workerId() {
        return workerId;
    }

    @Override
    public void progress(Progress latest) {
        progress = latest;
        unwritten = true;
        Instant now = clock.instant();
        synchronized (this) {
            if (Duration.between(lastWrite, now).compareTo(settings.progressThrottle()) >= 0) {
                renewAt(now);
            }
        }
        throwIfStopped();
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
            case HELD -> {
            }
        }
    }
}
