package com.speeddata.jobs;

import java.util.Objects;

/**
 * Thrown by a handler to fail its job with a stable code. Not retryable failures (a bad request) fail at once;
 * retryable ones (a lost database connection) are tried again with backoff until the attempts are used up.
 */
public class JobFailure extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public JobFailure(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
