package com.speeddata.jobs;

/** Root of the failures the job engine reports on purpose; the HTTP adapter maps each to a status. */
public abstract class JobException extends RuntimeException {
    protected JobException(String message) {
        super(message);
    }
}
