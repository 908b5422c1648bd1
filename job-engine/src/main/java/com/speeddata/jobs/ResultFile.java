package com.speeddata.jobs;

import java.time.Instant;
import java.util.Objects;

/** A file in the result store: where it is, which attempt of which job wrote it, and when it last changed. */
public record ResultFile(String location, JobId job, int attempt, Instant modified) {
    public ResultFile {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(modified, "modified");
    }

    /**
     * True when no job will ever use this file: it is not a job's result and no running attempt is writing it.
     * Such files are left behind by an instance killed while it wrote them (an attempt since superseded, or an
     * inline export that was neither sent nor handed over).
     */
    public boolean isOrphanOf(java.util.Optional<Job> owner) {
        if (owner.isEmpty()) {
            return true;
        }
        Job job = owner.get();
        if (job.result() != null && job.result().location().equals(location)) {
            return false;
        }
        return job.status() != JobStatus.RUNNING || job.attempts() != attempt;
    }
}
