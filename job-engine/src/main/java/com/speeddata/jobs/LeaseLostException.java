package com.speeddata.jobs;

/** The worker no longer holds its job's lease (another worker took it over): it must stop without a result. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(JobId id) {
        super("lease on job " + id + " was lost", null, false, false);
    }
}
