package com.speeddata.jobs;

/** A job with this id exists and was submitted with a different request (HTTP 409 JOB_ID_CONFLICT). */
public final class JobIdConflictException extends JobException {
    private final JobId id;

    public JobIdConflictException(JobId id) {
        super("job " + id + " already exists with a different request; choose a new job_id for a new job");
        this.id = id;
    }

    public JobId id() {
        return id;
    }
}
