package com.speeddata.export;

import com.speeddata.jobs.JobContext;
import com.speeddata.pivot.export.ProgressListener;

/**
 * The progress listener of an inline export. Before a timeout it only listens; after one it either stops the
 * export (explicit {@code sync}: the client got a 408) or forwards progress to the job the export became.
 */
final class HandoverListener implements ProgressListener {
    private volatile JobContext job;
    private volatile boolean abandoned;

    @Override
    public void progress(double fraction, String message) {
        if (abandoned) {
            throw new SyncTimeoutException();
        }
        JobContext target = job;
        if (target != null) {
            target.progress((int) Math.floor(fraction * 100), message);
        }
    }

    void abandon() {
        abandoned = true;
    }

    void handOver(JobContext context) {
        job = context;
    }
}
