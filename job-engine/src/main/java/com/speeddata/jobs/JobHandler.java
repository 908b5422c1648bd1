package com.speeddata.jobs;

/** Runs the jobs of one kind. */
public interface JobHandler {

    String kind();

    /**
     * Does the work and returns the stored result. Report progress through the context often: that is where
     * cancellation reaches the handler (as {@link JobCancelledException}). Throw {@link JobFailure} to fail
     * with a code; any other exception counts as a retryable failure.
     */
    JobResult run(Job job, JobContext context) throws Exception;
}
