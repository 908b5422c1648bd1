package com.speeddata.jobs;

/**
 * Work that started outside the queue and continues as a job of this instance: it reports progress through
 * {@link #context()} (which renews the lease and carries cancellation) and ends with one of the three calls.
 */
public interface AdoptedJob {

    Job job();

    JobContext context();

    void completed(JobResult result);

    void failed(JobError error);

    void cancelled();
}
