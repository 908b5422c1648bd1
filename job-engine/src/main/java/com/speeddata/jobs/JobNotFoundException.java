package com.speeddata.jobs;

/** No job with this id is visible to the caller (HTTP 404; another owner's job is not found either). */
public final class JobNotFoundException extends JobException {
    public JobNotFoundException(String id) {
        super("no job " + id);
    }
}
